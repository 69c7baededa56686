/**
 * The two award paths of the hot room, each one engine step (issue 10: one
 * round trip per heartbeat and per paid like, no extra reads per award).
 * They compose the rules already written once, in the order the services
 * used to call them one primitive at a time:
 *
 * - beatAward: claimWatchClock (one show at a time) → accrueWatch (+ the
 *   show's watch time) → the active day when time was credited → the due
 *   watch awards (dueWatchAwards), each decided by decideAward, all paid at
 *   the tier the member held when the step began (tierFor over the earned
 *   total read in the same step).
 * - cappedAward (likes, comments): decideHit under the cap → decideAward
 *   when the hit counts (or is a replay) → touchWatch → the active day.
 *
 * Pure: the engine reads what the step needs, calls the function and stores
 * the writes atomically (SqliteEngine in one group-commit call; RedisEngine in
 * beatAward-11.lua / cappedAward-10.lua, which mirror these functions, held
 * to the same replies by test/differential/award-paths.test.ts).
 */
import { LedgerReason, type LedgerEntry } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import { multiplied } from './tiers.ts';
import { ledgerKey } from './keys.ts';
import { decideAward, type AwardInput, type LedgerResult, type LedgerWrites } from './ledger.ts';
import { decideHit, type CountedHit, type HitResult } from './limits.ts';
import {
  accrueWatch,
  claimWatchClock,
  dueWatchAwards,
  touchWatch,
  type Accrual,
  type ClockClaim,
  type WatchClock,
  type WatchState,
} from './watch.ts';

/** What an award path reads of the ledger before it decides. */
export interface AwardPathLedgerRead {
  balance: number;
  /** Points earned from the UTC day of the input's earnedSinceMs on. */
  earnedInWindow: number;
  /** The entry stored under an idempotency key, or null (several keys may be asked). */
  storedEntry(key: string): LedgerEntry | null;
}

/** One rung of the ladder as the beat path needs it: watch points paid from `minPoints` earned on. */
export interface WatchPointsRung {
  minPoints: number;
  points: number;
}

export interface BeatAwardInput {
  streamId: string;
  memberId: string;
  nowMs: number;
  /** visible and playing */
  countable: boolean;
  /** domain/watch.ts watchLeaseMs */
  leaseMs: number;
  capMs: number;
  idleAfterMs: number;
  /** rules.watch.everySeconds */
  everySeconds: number;
  /**
   * The tier ladder, ascending by minPoints (the first at 0), with the watch
   * points each tier pays (multiplied(rules.watch.points, tier)).
   */
  ladder: WatchPointsRung[];
  /** The day to mark active when time is credited (the rules' time zone). */
  activeDay: string;
  /** Start of the tier window (now - TIER_WINDOW_MS). */
  earnedSinceMs: number;
}

export interface BeatAwardRead extends AwardPathLedgerRead {
  clock: WatchClock | null;
  watch: WatchState | null;
}

export interface BeatAwardResult {
  /** The clock claim (countable beats only), null when not asked. */
  claim: Omit<ClockClaim, 'clock'> | null;
  accrual: Accrual;
  /** One per due watch award paying points, in order (replays included, applied false). */
  awards: LedgerResult[];
  /** The member's balance after the step. */
  balance: number;
  /** Points earned in the tier window after the step. */
  earned: number;
}

export interface BeatAwardWrites {
  /** The member's clock to store, or null when it does not change. */
  clock: WatchClock | null;
  watch: WatchState;
  /** Added to the show's watch time. */
  showWatchMs: number;
  /** Marked active, or null when no time was credited. */
  activeDay: string | null;
  ledger: LedgerWrites[];
}

/** The rules' tier ladder with the watch points each tier pays (the multiplier applied). */
export function watchPointsLadder(rules: Rules): WatchPointsRung[] {
  return rules.tiers.map((tier) => ({ minPoints: tier.minPoints, points: multiplied(rules.watch.points, tier) }));
}

/** The tier rung `earned` reaches (tierFor over the ladder). */
export function rungFor(ladder: readonly WatchPointsRung[], earned: number): WatchPointsRung {
  let current = ladder[0]!;
  for (const rung of ladder) if (earned >= rung.minPoints) current = rung;
  return current;
}

/**
 * The most watch awards one beat can make due: credit is capped at capMs, and
 * the last award already due is always included again (dueWatchAwards). The
 * engines that must name entry ids before the step (Redis) make this many.
 */
export function maxDueWatchAwards(capMs: number, everySeconds: number): number {
  return Math.ceil(capMs / (everySeconds * 1000)) + 1;
}

/** Applies decideAward for each input in order, carrying balance and earned total from one to the next. */
function decideAwards(
  read: AwardPathLedgerRead,
  inputs: AwardInput[],
  newId: () => string,
): { results: LedgerResult[]; writes: LedgerWrites[]; balance: number; earned: number } {
  let { balance, earnedInWindow } = read;
  const results: LedgerResult[] = [];
  const writes: LedgerWrites[] = [];
  const applied = new Map<string, LedgerEntry>();
  for (const input of inputs) {
    const stored = applied.get(input.key) ?? read.storedEntry(input.key);
    // An id is made only for an entry that may apply: a replay keeps its stored one.
    const decision = decideAward({ stored, balance, earnedInWindow }, input, stored === null ? newId() : stored.id);
    results.push(decision.result);
    balance = decision.result.balance;
    earnedInWindow = decision.result.earned ?? earnedInWindow;
    if (decision.kind === 'apply') {
      writes.push(decision.writes);
      applied.set(input.key, decision.writes.entry);
    }
  }
  return { results, writes, balance, earned: earnedInWindow };
}

/**
 * A member's heartbeat, with what it pays, as one step. `newId` names each
 * entry applied (called once per applied award, in order).
 */
export function beatAward(read: BeatAwardRead, input: BeatAwardInput, newId: () => string): { result: BeatAwardResult; writes: BeatAwardWrites } {
  const { nowMs } = input;
  const fullClaim = input.countable ? claimWatchClock(read.clock, input.streamId, nowMs, input.leaseMs) : null;
  const elsewhere = fullClaim !== null && !fullClaim.granted;
  const accrual = accrueWatch(read.watch, {
    nowMs,
    countable: input.countable && !elsewhere,
    capMs: input.capMs,
    idleAfterMs: input.idleAfterMs,
  });
  const points = rungFor(input.ladder, read.earnedInWindow).points;
  const due = points > 0 ? dueWatchAwards(accrual.previousTotalMs, accrual.state.totalMs, input.everySeconds) : [];
  const awards = decideAwards(
    read,
    due.map((n) => ({
      key: ledgerKey.watch(input.streamId, input.memberId, n),
      memberId: input.memberId,
      delta: points,
      reason: LedgerReason.watch,
      streamId: input.streamId,
      at: nowMs,
      earnedSinceMs: input.earnedSinceMs,
    })),
    newId,
  );
  const claim = fullClaim && { granted: fullClaim.granted, holder: fullClaim.holder, freeSinceMs: fullClaim.freeSinceMs };
  return {
    result: { claim, accrual, awards: awards.results, balance: awards.balance, earned: awards.earned },
    writes: {
      clock: fullClaim?.clock ?? null,
      watch: accrual.state,
      showWatchMs: accrual.creditedMs,
      activeDay: accrual.creditedMs > 0 ? input.activeDay : null,
      ledger: awards.writes,
    },
  };
}

export interface CappedAwardInput {
  /** The cap's window key (domain/keys.ts windowKey), the id counted (the requestId) and its limit. */
  hitKey: string;
  hitId: string;
  limit: number;
  /** 0 = the window never ends. */
  windowMs: number;
  /** What a counted hit pays (delta 0: nothing); at and earnedSinceMs as Engine.award. */
  award: AwardInput & { earnedSinceMs: number };
  /** The show whose watch clock the interaction touches (it resumes paused accrual). */
  streamId: string;
  activeDay: string;
}

export interface CappedAwardRead extends AwardPathLedgerRead {
  hits: readonly CountedHit[];
  watch: WatchState | null;
}

export interface CappedAwardResult {
  hit: HitResult;
  /** null when the cap refused the hit or the award pays nothing. */
  award: LedgerResult | null;
  balance: number;
  /** Points earned in the tier window after the step. */
  earned: number;
}

export interface CappedAwardWrites {
  expiredHits: string[];
  hit: CountedHit | null;
  ledger: LedgerWrites | null;
  /** null: no watch state to touch. */
  watch: WatchState | null;
  activeDay: string;
}

/**
 * A like or comment under its cap, paid and counted as an interaction, as one
 * step. A hit over the cap pays nothing but still touches the watch clock and
 * marks the day (it is still an interaction); a duplicate (replayed requestId)
 * replays the award by its key.
 */
export function cappedAward(read: CappedAwardRead, input: CappedAwardInput, newId: () => string): { result: CappedAwardResult; writes: CappedAwardWrites } {
  const hit = decideHit(read.hits, { id: input.hitId, limit: input.limit, windowMs: input.windowMs, nowMs: input.award.at });
  const pays = (hit.result.allowed || hit.result.duplicate) && input.award.delta > 0;
  const awards = decideAwards(read, pays ? [input.award] : [], newId);
  return {
    result: { hit: hit.result, award: awards.results[0] ?? null, balance: awards.balance, earned: awards.earned },
    writes: {
      expiredHits: hit.expired,
      hit: hit.record,
      ledger: awards.writes[0] ?? null,
      watch: touchWatch(read.watch, input.award.at),
      activeDay: input.activeDay,
    },
  };
}
