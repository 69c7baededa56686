/**
 * Verified watch time: heartbeats credit real time between accepted beats
 * (domain/watch.accrue, atomically per member per show, so tabs never
 * multiply it); a member earns in one show at a time (claimWatchClock); a
 * member's beat, with the watch awards it makes due (× the tier multiplier),
 * is one engine step (Engine.beatAward, domain/award-paths.ts). A guest's
 * clock brought on sign-up joins the same clock, capped by the wall time
 * since the first join (domain/watch.ts creditWatch); chests and share
 * referrals hang off the same credited time.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import type { HeartbeatReply } from '../../shared/events.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import { ledgerKey, windowKey } from '../domain/keys.ts';
import { SHARER_ADDRESSES_MAX, SHARER_ADDRESS_WINDOW_MS, createdOnSharerNetwork } from '../domain/referrals.ts';
import { multiplied } from '../domain/tiers.ts';
import { watchPointsLadder } from '../domain/award-paths.ts';
import { TIER_WINDOW_MS } from '../domain/tiers.ts';
import { DAY_MS, dayKey } from '../domain/time.ts';
import {
  accrue,
  beatLimits,
  chestsAvailable,
  dueWatchAwards,
  guestCreditAllowed,
  newWatchState,
  referralQualifies,
  watchLeaseMs,
  type WatchState,
} from '../domain/watch.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import { AppError } from '../errors.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
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
    private readonly events: DomainEvents,
  ) {}

  /** A member arrives in a show; `referrerId` is the member whose share link brought them. */
  async memberJoined(streamId: string, memberId: string, referrerId: string | null, address?: string): Promise<void> {
    await this.memberSeenFrom(memberId, address);
    // Only a real member other than oneself can be credited for bringing someone.
    const referrer =
      referrerId && referrerId !== memberId && (await this.store.memberById(referrerId)) ? referrerId : null;
    await this.engine.beginWatch(streamId, memberId, this.clock(), referrer);
  }

  /**
   * The member used `address` (a connection or sign-in): remembered for a day,
   * so accounts created from it cannot pay this member referrals.
   */
  async memberSeenFrom(memberId: string, address: string | undefined): Promise<void> {
    if (!address) return;
    await this.engine.hit(windowKey.memberAddresses(memberId), address, SHARER_ADDRESSES_MAX, SHARER_ADDRESS_WINDOW_MS, this.clock());
  }

  /**
   * One engine step (Engine.beatAward): the clock claim, accrual, the active
   * day and the due watch awards at the member's tier; then the points and
   * tier pushes of what it applied, and the sharer's referral when this beat
   * qualified it.
   */
  async memberBeat(streamId: string, memberId: string, beat: BeatInput): Promise<HeartbeatReply> {
    await this.streams.getLive(streamId);
    await this.points.assertNotBanned(memberId);
    const rules = await this.rules.get();
    const now = this.clock();
    const { claim, accrual, awards, balance } = await this.engine.beatAward({
      streamId,
      memberId,
      nowMs: now,
      countable: beat.visible && beat.playing,
      leaseMs: watchLeaseMs(rules),
      ...beatLimits(rules),
      everySeconds: rules.watch.everySeconds,
      ladder: watchPointsLadder(rules),
      activeDay: dayKey(now, rules.timezone),
      earnedSinceMs: now - TIER_WINDOW_MS,
    });
    const awarded = await this.points.announceApplied(awards);
    this.watched(streamId, memberId, accrual.creditedMs, accrual.state.totalMs, now);
    if (referralQualifies({ totalMs: accrual.previousTotalMs, guestMs: accrual.state.guestMs }, accrual.state)) {
      await this.payReferrer(streamId, accrual.state.referrerId!, memberId, rules);
    }
    return {
      credited: accrual.creditedMs / 1000,
      awarded,
      ...(awards.length > 0 ? { balance } : {}),
      chestReady: chestsAvailable(accrual.state, rules) > 0,
      paused: accrual.paused,
      watchedMs: accrual.state.totalMs,
      ...(claim !== null && !claim.granted ? { watchingElsewhere: claim.holder } : {}),
    };
  }

  /** Guests earn nothing, but their socket keeps its own clock so sign-up can credit it. */
  async guestBeat(streamId: string, state: WatchState, beat: BeatInput): Promise<{ state: WatchState; reply: HeartbeatReply }> {
    await this.streams.getLive(streamId);
    const rules = await this.rules.get();
    const accrual = accrue(state, { nowMs: this.clock(), countable: beat.visible && beat.playing, ...beatLimits(rules) });
    return {
      state: accrual.state,
      reply: { credited: accrual.creditedMs / 1000, awarded: 0, chestReady: false, paused: accrual.paused, watchedMs: accrual.state.totalMs },
    };
  }

  newGuestState(): WatchState {
    return newWatchState(this.clock(), null);
  }

  /**
   * A guest signed up mid-show: the time their connection's clock accrued joins
   * the member's one clock in the show. It counts only if the show can hold the
   * member's clock now (one show at a time; after another show, only the time
   * since that show's last credit) and only up to the wall time since the
   * first join (domain/watch.ts creditWatch): a thousand upgraded guest
   * connections bring no more than one. Guest time never qualifies a referral.
   */
  async creditGuestTime(streamId: string, memberId: string, guest: WatchState): Promise<number> {
    const rules = await this.rules.get();
    const now = this.clock();
    await this.engine.beginWatch(streamId, memberId, now, null);
    if (guest.totalMs <= 0) return 0;
    const clock = await this.engine.claimWatchClock(memberId, streamId, now, watchLeaseMs(rules));
    const ms = guestCreditAllowed({ ...clock, clock: null }, guest.totalMs, now);
    if (ms <= 0) return 0;
    const { state, previousTotalMs, creditedMs } = await this.engine.creditWatch(streamId, memberId, ms, guest.firstJoinedAt, now);
    if (creditedMs > 0) await this.points.markActive(memberId);
    this.watched(streamId, memberId, creditedMs, state.totalMs, now);
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
    return { awarded, balance };
  }

  /**
   * The referred member has watched SHARE_QUALIFY_MS signed in: the sharer's
   * referral pays, once per referred member ever, never for an account created
   * from the sharer's network address (domain/referrals.ts), capped per sharer
   * per show and per day. A cap slot taken by a referral another cap then
   * refuses stays taken: the caps err towards paying less.
   */
  private async payReferrer(streamId: string, referrerId: string, referredId: string, rules: Rules): Promise<void> {
    const now = this.clock();
    // Limit 0: only asks whether the id is counted (duplicate), never counts it.
    const seen = (key: string, id: string, windowMs: number) => this.engine.hit(key, id, 0, windowMs, now).then((h) => h.duplicate);
    if (await seen(windowKey.referralPaid(referredId), referredId, 0)) return;
    const [referred, sharer] = await Promise.all([this.store.memberById(referredId), this.store.memberById(referrerId)]);
    if (!referred || !sharer) return;
    const sharerSeenAtCreationAddress =
      referred.createdFrom !== null && (await seen(windowKey.memberAddresses(referrerId), referred.createdFrom, SHARER_ADDRESS_WINDOW_MS));
    if (createdOnSharerNetwork({ referred, sharer, sharerSeenAtCreationAddress }, now)) return;
    const perShow = await this.engine.hit(windowKey.share(streamId, referrerId), referredId, rules.share.maxPerStream, 0, now);
    if (!perShow.allowed && !perShow.duplicate) return;
    const perDay = await this.engine.hit(windowKey.shareDay(referrerId), referredId, rules.share.maxPerDay, DAY_MS, now);
    if (!perDay.allowed && !perDay.duplicate) return;
    await this.points.award({
      key: ledgerKey.referral(referredId),
      memberId: referrerId,
      delta: rules.share.points,
      reason: LedgerReason.share,
      streamId,
    });
    await this.engine.hit(windowKey.referralPaid(referredId), referredId, 1, 0, now);
    this.events.emit('activity', { kind: 'referral', memberId: referrerId, streamId: null, at: now, key: `referral:${referredId}` });
  }

  /** Watch time the engine credited just now (each beat's once): missions count it. */
  private watched(streamId: string, memberId: string, ms: number, showTotalMs: number, at: number): void {
    if (ms > 0) this.events.emit('activity', { kind: 'watch', memberId, streamId, at, ms, showTotalMs });
  }
}
