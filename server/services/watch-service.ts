/**
 * Verified watch time: heartbeats credit real time between accepted beats
 * (engine.accrueWatch applies domain/watch.accrue atomically, per member per
 * show, so tabs never multiply it); crossing each `everySeconds` pays watch
 * points × the tier multiplier; chests and share referrals hang off the same
 * credited time.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import type { HeartbeatReply } from '../../shared/events.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import { ledgerKey, windowKey } from '../domain/keys.ts';
import { multiplied } from '../domain/tiers.ts';
import {
  SHARE_QUALIFY_MS,
  accrue,
  beatLimits,
  chestsAvailable,
  dueWatchAwards,
  newWatchState,
  type WatchState,
} from '../domain/watch.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import { AppError } from '../errors.ts';
import type { Clock } from './clock.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';
import type { StreamService } from './stream-service.ts';

export interface BeatInput {
  visible: boolean;
  playing: boolean;
}

export class WatchService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  /** A member arrives in a show; `referrerId` is the member whose share link brought them. */
  async memberJoined(streamId: string, memberId: string, referrerId: string | null): Promise<void> {
    // Only a real member other than oneself can be credited for bringing someone.
    const referrer =
      referrerId && referrerId !== memberId && (await this.store.memberById(referrerId)) ? referrerId : null;
    await this.engine.beginWatch(streamId, memberId, this.clock(), referrer);
  }

  async memberBeat(streamId: string, memberId: string, beat: BeatInput): Promise<HeartbeatReply> {
    await this.streams.getLive(streamId);
    await this.points.assertNotBanned(memberId);
    const rules = await this.rules.get();
    const now = this.clock();
    const accrual = await this.engine.accrueWatch(streamId, memberId, {
      nowMs: now,
      countable: beat.visible && beat.playing,
      ...beatLimits(rules),
    });
    if (accrual.creditedMs > 0) await this.points.markActive(memberId);
    const { awarded, balance } = await this.payForWatchTime(streamId, memberId, accrual.previousTotalMs, accrual.state, rules);
    return {
      credited: accrual.creditedMs / 1000,
      awarded,
      balance,
      chestReady: chestsAvailable(accrual.state, rules) > 0,
      paused: accrual.paused,
    };
  }

  /** Guests earn nothing, but their socket keeps its own clock so sign-up can credit it. */
  async guestBeat(streamId: string, state: WatchState, beat: BeatInput): Promise<{ state: WatchState; reply: HeartbeatReply }> {
    await this.streams.getLive(streamId);
    const rules = await this.rules.get();
    const accrual = accrue(state, { nowMs: this.clock(), countable: beat.visible && beat.playing, ...beatLimits(rules) });
    return {
      state: accrual.state,
      reply: { credited: accrual.creditedMs / 1000, awarded: 0, chestReady: false, paused: accrual.paused },
    };
  }

  newGuestState(): WatchState {
    return newWatchState(this.clock(), null);
  }

  /** A guest signed up mid-show: the time their socket accrued is credited at once. */
  async creditGuestTime(streamId: string, memberId: string, ms: number): Promise<number> {
    const rules = await this.rules.get();
    await this.engine.beginWatch(streamId, memberId, this.clock(), null);
    if (ms <= 0) return 0;
    const { state, previousTotalMs } = await this.engine.creditWatch(streamId, memberId, ms, this.clock());
    await this.points.markActive(memberId);
    return (await this.payForWatchTime(streamId, memberId, previousTotalMs, state, rules)).awarded;
  }

  async claimChest(streamId: string, memberId: string): Promise<{ awarded: number; balance: number }> {
    await this.streams.getLive(streamId);
    await this.points.assertNotBanned(memberId);
    const rules = await this.rules.get();
    const state = await this.engine.watchState(streamId, memberId);
    if (!state || chestsAvailable(state, rules) === 0) {
      throw new AppError(ErrorCode.NOT_READY, 'no chest to open yet', 'streamId');
    }
    const n = state.chestsClaimed + 1;
    // Award first, then mark: a crash in between leaves the chest claimable, and the key makes the retry pay nothing twice.
    const result = await this.points.award({
      key: ledgerKey.chest(streamId, memberId, n),
      memberId,
      delta: rules.watch.chestPoints,
      reason: LedgerReason.chest,
      streamId,
    });
    await this.engine.markChestClaimed(streamId, memberId, n);
    await this.engine.touchWatch(streamId, memberId, this.clock());
    if (result.awarded === 0) throw new AppError(ErrorCode.NOT_READY, 'that chest was already opened', 'streamId');
    return result;
  }

  private async payForWatchTime(
    streamId: string,
    memberId: string,
    previousTotalMs: number,
    state: WatchState,
    rules: Rules,
  ): Promise<{ awarded: number; balance?: number }> {
    let awarded = 0;
    let balance: number | undefined;
    const due = dueWatchAwards(previousTotalMs, state.totalMs, rules.watch.everySeconds);
    if (due.length > 0) {
      const tier = await this.points.tierOf(memberId);
      for (const n of due) {
        const r = await this.points.award({
          key: ledgerKey.watch(streamId, memberId, n),
          memberId,
          delta: multiplied(rules.watch.points, tier),
          reason: LedgerReason.watch,
          streamId,
        });
        awarded += r.awarded;
        balance = r.balance;
      }
    }
    if (state.referrerId && previousTotalMs < SHARE_QUALIFY_MS && state.totalMs >= SHARE_QUALIFY_MS) {
      await this.payReferrer(streamId, state.referrerId, memberId, rules);
    }
    return { awarded, balance };
  }

  /** The referred member has watched long enough: the referrer's share pays, capped per show. */
  private async payReferrer(streamId: string, referrerId: string, referredId: string, rules: Rules): Promise<void> {
    const hit = await this.engine.hit(windowKey.share(streamId, referrerId), referredId, rules.share.maxPerStream, 0, this.clock());
    if (!hit.allowed && !hit.duplicate) return;
    await this.points.award({
      key: ledgerKey.share(streamId, referrerId, referredId),
      memberId: referrerId,
      delta: rules.share.points,
      reason: LedgerReason.share,
      streamId,
    });
  }
}
