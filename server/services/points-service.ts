/**
 * Every point change goes through here: the engine applies it once (by key),
 * then this announces the new balance and any tier change. The tier is derived
 * from points earned in the rolling window, so a tier-up needs no stored state:
 * it is the award that moved earned365 across a threshold.
 */
import type { LedgerEntry, LedgerReason, MemberState } from '../../shared/models.ts';
import type { Tier } from '../../shared/rules.ts';
import { ledgerKey } from '../domain/keys.ts';
import { TIER_WINDOW_MS, nextTierAfter, tierFor } from '../domain/tiers.ts';
import { addDays, dayKey } from '../domain/time.ts';
import type { Engine, LedgerResult, ReversalInput, ReversalResult } from '../engine/engine.ts';
import { notFound } from '../errors.ts';
import type { LedgerPage, Store } from '../store/store.ts';
import { publicMember } from './auth-service.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { BanCheck } from './moderation-service.ts';
import type { RulesService } from './rules-service.ts';

export interface Award {
  key: string;
  memberId: string;
  delta: number;
  reason: LedgerReason;
  streamId?: string | null;
}

export class PointsService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly bans: BanCheck,
  ) {}

  /**
   * Throws BANNED for a member the host banned: the first step of every way to
   * earn, claim or enter (watch, chests, interactions, drops, lotteries).
   */
  assertNotBanned(memberId: string): Promise<void> {
    return this.bans.assertNotBanned(memberId);
  }

  /**
   * Applies the award once; returns the points actually added now (0 on a
   * replay). A banned member earns nothing, whatever the path (a referral, a
   * purchase, time credited on sign-up): nothing is applied.
   */
  async award(award: Award): Promise<{ awarded: number; balance: number }> {
    if (award.delta <= 0 || (await this.bans.isBanned(award.memberId))) return { awarded: 0, balance: await this.engine.balance(award.memberId) };
    const now = this.clock();
    const result = await this.engine.award({
      ...award,
      streamId: award.streamId ?? null,
      at: now,
      earnedSinceMs: now - TIER_WINDOW_MS,
    });
    if (result.applied) await this.announce(result);
    return { awarded: result.applied ? award.delta : 0, balance: result.balance };
  }

  /**
   * Announces what an engine step applied itself (the award paths,
   * Engine.beatAward / cappedAward), as award() announces its own; returns the
   * points those results added now. The caller checked the ban first.
   */
  async announceApplied(results: readonly LedgerResult[]): Promise<number> {
    let awarded = 0;
    for (const result of results) {
      if (!result.applied) continue;
      awarded += result.entry.delta;
      await this.announce(result);
    }
    return awarded;
  }

  /**
   * Takes back points earned before (Engine.reverse, e.g. a refunded
   * purchase) once per key, and announces the new balance and, when the
   * earned window fell below a threshold, the lower tier. Not refused for a
   * banned member: taking back is not earning.
   */
  async reverse(input: Omit<ReversalInput, 'at' | 'earnedSinceMs'>): Promise<ReversalResult> {
    const now = this.clock();
    const result = await this.engine.reverse({ ...input, at: now, earnedSinceMs: now - TIER_WINDOW_MS });
    if (result.applied) await this.announce(result, result.earnedDelta);
    return result;
  }

  /**
   * The ledger entry applied under `key`, from the durable ledger once every
   * entry applied so far is there (Engine.flush: in Redis mode the copy is
   * asynchronous). Rare (a refund looks up its purchase): the flush may wait.
   */
  async appliedEntry(key: string): Promise<LedgerEntry | null> {
    await this.engine.flush();
    return this.store.entryByKey(key);
  }

  /** The tier a member holds now. */
  async tierOf(memberId: string): Promise<Tier> {
    const [rules, earned] = await Promise.all([this.rules.get(), this.earned365(memberId)]);
    return tierFor(rules, earned);
  }

  async memberState(memberId: string): Promise<MemberState> {
    const record = await this.store.memberById(memberId);
    if (!record) throw notFound('member');
    const now = this.clock();
    const rules = await this.rules.get();
    const today = dayKey(now, rules.timezone);
    const [balance, earned365, activeDays, checkin] = await Promise.all([
      this.engine.balance(memberId),
      this.earned365(memberId),
      this.engine.countActiveDays(memberId, addDays(today, 1 - rules.superFan.days), today),
      this.todaysCheckin(memberId, today),
    ]);
    const tier = tierFor(rules, earned365);
    return {
      member: publicMember(record),
      balance,
      tier,
      nextTier: nextTierAfter(rules, tier),
      superFan: activeDays >= rules.superFan.minActiveDays,
      earned365,
      checkin,
    };
  }

  /** A member's ledger, newest first, a page at a time (`before`: the previous page's `next`). */
  ledgerPage(memberId: string, limit: number, before?: string): Promise<LedgerPage> {
    return this.store.ledgerPage(memberId, limit, before);
  }

  /**
   * Today's check-in streak, or null before today's check-in. Today's ledger
   * entry is written after the engine recorded the check-in, so once it exists
   * `engine.checkin` for the same day is the documented second call: it only
   * returns the stored streak.
   */
  private async todaysCheckin(memberId: string, today: string): Promise<{ streak: number } | null> {
    if (!(await this.store.entryByKey(ledgerKey.checkin(memberId, today)))) return null;
    const { streak } = await this.engine.checkin(memberId, today, addDays(today, -1));
    return { streak };
  }

  /** Marks today (rules' time zone) as a day the member was active, for Super Fan status. */
  async markActive(memberId: string): Promise<void> {
    const rules = await this.rules.get();
    await this.engine.markActiveDay(memberId, dayKey(this.clock(), rules.timezone));
  }

  private earned365(memberId: string): Promise<number> {
    return this.engine.earnedSince(memberId, this.clock() - TIER_WINDOW_MS);
  }

  /** `earnedDelta`: how much this entry moved the earned window (an award's delta; a reversal's own figure). */
  private async announce(result: LedgerResult, earnedDelta = result.entry.delta): Promise<void> {
    const { entry } = result;
    this.events.emit('points', entry.memberId, {
      balance: result.balance,
      delta: entry.delta,
      reason: entry.reason,
      key: entry.key,
      streamId: entry.streamId,
      earned365: result.earned,
    });
    const rules = await this.rules.get();
    const earned = result.earned!;
    const previous = tierFor(rules, earned - earnedDelta);
    const tier = tierFor(rules, earned);
    if (tier.id === previous.id) return;
    this.events.emit('tier', entry.memberId, { tier, previous, next: nextTierAfter(rules, tier), earned365: earned });
    // A lower tier (a reversal) is told to the member only; the room celebrates tier-ups.
    if (tier.minPoints < previous.minPoints) return;
    const member = await this.store.memberById(entry.memberId);
    if (member && entry.streamId) {
      this.events.emit('badge', {
        streamId: entry.streamId,
        memberId: member.id,
        displayName: member.displayName,
        tier,
        reason: 'tier-up',
      });
    }
  }
}
