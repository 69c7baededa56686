/**
 * Ledger bookkeeping: what an award or a spend decides, given what is stored
 * under its idempotency key and the member's balance.
 *
 * SqliteLedger loads that state, calls these inside its transaction and stores
 * the writes; `award-7.lua` and `includes/spend.lua` mirror them (their headers
 * say so), and test/differential/ledger.test.ts runs the same random sequences
 * through these functions, SqliteEngine and RedisEngine.
 *
 * The entry id is an argument (the engine makes it), so a decision is
 * reproducible from its inputs.
 */
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import { utcDay } from './time.ts';

export interface AwardInput {
  /** Idempotency key; see server/domain/keys.ts. */
  key: string;
  memberId: string;
  /** Positive: points earned (counts toward tiers and leaderboards). */
  delta: number;
  reason: LedgerReason;
  streamId?: string | null;
  at: number;
  /**
   * When given, the result carries `earned`: points earned from the UTC day of
   * this time on, read in the same atomic step as the award, so two awards
   * racing across a tier threshold still see exactly one crossing.
   */
  earnedSinceMs?: number;
}

export interface SpendInput {
  key: string;
  memberId: string;
  /** Positive number of points to take; the entry's delta is -cost. */
  cost: number;
  reason: LedgerReason;
  streamId?: string | null;
  at: number;
}

/** Points given back that a spend took (e.g. a cancelled lottery's paid entry). */
export interface RefundInput {
  key: string;
  memberId: string;
  /** Positive number of points to give back; the entry's delta is +points. */
  points: number;
  reason: LedgerReason;
  streamId?: string | null;
  at: number;
}

export interface LedgerResult {
  /** false: the key had been applied before; nothing changed this time. */
  applied: boolean;
  /** The entry stored under the key (this time or before). */
  entry: LedgerEntry;
  /** Balance of the input's member after the call. */
  balance: number;
  /** award with earnedSinceMs only: earned points in that window after the call. */
  earned?: number;
}

/** What an award or a spend reads first, in the same atomic step. */
export interface LedgerRead {
  /** The entry already stored under the input's key, or null. */
  stored: LedgerEntry | null;
  /**
   * The input member's balance. Also on a replay: the reply reports the
   * caller's member, even if the stored entry (a key reused by mistake) names
   * another one.
   */
  balance: number;
}

export interface AwardRead extends LedgerRead {
  /** The member's earned points on days from `earnedWindowStart(input)` on; 0 when that is null. */
  earnedInWindow: number;
}

/** Earned points of an applied award: every place they are counted. */
export interface EarnedWrites {
  points: number;
  /** The member's earned-per-day bucket (UTC day of the entry). */
  day: string;
  /** With a show: the member's points in that show's leaderboard and the show's pointsIssued grow too. */
  streamId: string | null;
}

/** What an applied award or spend writes. */
export interface LedgerWrites {
  /** Stored under entry.key and appended to the durable ledger; the balance moves by entry.delta. */
  entry: LedgerEntry;
  /** Awards only: the member's earned total, day bucket and show points. Spends leave them alone. */
  earned: EarnedWrites | null;
}

/** Why a spend is refused; the key of the engines' failure code (engine-errors.ts EngineFailure). */
export type LedgerRefusal = 'INSUFFICIENT_POINTS';

export type AwardDecision =
  | { kind: 'replay'; result: LedgerResult }
  | { kind: 'apply'; result: LedgerResult; writes: LedgerWrites };

export type SpendDecision = AwardDecision | { kind: 'refused'; refusal: LedgerRefusal; cost: number };

/** The entry an input makes (the engines build it once, Redis before its script runs). */
export function ledgerEntry(input: AwardInput | SpendInput | RefundInput, delta: number, id: string): LedgerEntry {
  return { id, key: input.key, memberId: input.memberId, delta, reason: input.reason, streamId: input.streamId ?? null, at: input.at };
}

/** First UTC day of the award's earned window, or null when it asks for none. */
export function earnedWindowStart(input: Pick<AwardInput, 'earnedSinceMs'>): string | null {
  return input.earnedSinceMs === undefined ? null : utcDay(input.earnedSinceMs);
}

/** Points in day buckets ('YYYY-MM-DD' -> points) from `fromDay` on: Engine.earnedSince over loaded buckets. */
export function earnedFrom(buckets: Iterable<readonly [string, number]>, fromDay: string): number {
  let total = 0;
  for (const [day, points] of buckets) if (day >= fromDay) total += points;
  return total;
}

/**
 * Engine.award: a known key replays its stored entry and changes nothing;
 * otherwise the entry is applied: balance, earned total, the day bucket and,
 * with a show, the show's leaderboard and pointsIssued all grow by delta.
 * `earned` (when asked) is the window total after the call.
 */
export function decideAward(read: AwardRead, input: AwardInput, entryId: string): AwardDecision {
  const fromDay = earnedWindowStart(input);
  const earnedAfter = (added: number) => (fromDay === null ? {} : { earned: read.earnedInWindow + added });
  if (read.stored !== null) {
    return { kind: 'replay', result: { applied: false, entry: read.stored, balance: read.balance, ...earnedAfter(0) } };
  }
  const entry = ledgerEntry(input, input.delta, entryId);
  const day = utcDay(entry.at);
  return {
    kind: 'apply',
    result: {
      applied: true,
      entry,
      balance: read.balance + entry.delta,
      ...earnedAfter(fromDay !== null && day >= fromDay ? entry.delta : 0),
    },
    writes: { entry, earned: { points: entry.delta, day, streamId: entry.streamId } },
  };
}

/**
 * Engine.spend: a known key replays its stored entry (even once the balance
 * is too low); a balance below the cost is refused with nothing changed;
 * otherwise an entry of -cost is applied to the balance only.
 */
export function decideSpend(read: LedgerRead, input: SpendInput, entryId: string): SpendDecision {
  if (read.stored !== null) return { kind: 'replay', result: { applied: false, entry: read.stored, balance: read.balance } };
  if (read.balance < input.cost) return { kind: 'refused', refusal: 'INSUFFICIENT_POINTS', cost: input.cost };
  const entry = ledgerEntry(input, -input.cost, entryId);
  return { kind: 'apply', result: { applied: true, entry, balance: read.balance + entry.delta }, writes: { entry, earned: null } };
}

/**
 * Engine.refund: a known key replays its stored entry and changes nothing;
 * otherwise an entry of +points is applied to the balance only. Unlike an
 * award it earns nothing (no earned total, tier or leaderboard): the points
 * were earned once already, before the spend it undoes.
 */
export function decideRefund(read: LedgerRead, input: RefundInput, entryId: string): AwardDecision {
  if (read.stored !== null) return { kind: 'replay', result: { applied: false, entry: read.stored, balance: read.balance } };
  const entry = ledgerEntry(input, input.points, entryId);
  return { kind: 'apply', result: { applied: true, entry, balance: read.balance + entry.delta }, writes: { entry, earned: null } };
}
