/**
 * Taking back points earned before (a refunded purchase), as a pure rule.
 *
 * A reversal un-earns the points: the member's earned total, the day bucket
 * the points were earned on (so the tier window loses them exactly when it
 * had counted them) and the all-time leaderboard all drop by `points`. The
 * balance drops by as much of it as the member still holds: a balance already
 * spent is never pushed below zero, and what could not be taken is the
 * `shortfall` (the caller records it with the refund). The show's
 * leaderboard and pointsIssued are left as the show ran: a refund may come
 * long after the show, when its hot state is gone.
 *
 * The ledger entry's delta is what the balance lost (−taken, 0 when nothing
 * was left), so balance == sum of entries still holds. Idempotent by key, as
 * an award. SqliteLedger calls this; lua/reverse-5.lua mirrors it
 * (test/differential/reversal.test.ts).
 */
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import { earnedWindowStart, type AwardRead, type LedgerResult, type LedgerWrites } from './ledger.ts';

export interface ReversalInput {
  /** Idempotency key; see server/domain/keys.ts. */
  key: string;
  memberId: string;
  /** Points to un-earn (≥ 1). */
  points: number;
  reason: LedgerReason;
  /** Kept on the entry (which show the reversed points came from); no show total moves. */
  streamId?: string | null;
  at: number;
  /** UTC day ('YYYY-MM-DD') the reversed points were earned on: that day's bucket loses them. */
  earnedDay: string;
  /** As AwardInput.earnedSinceMs: the result carries the window total after the call. */
  earnedSinceMs?: number;
}

export interface ReversalResult extends LedgerResult {
  /** Points the balance lost (−entry.delta). */
  taken: number;
  /** points − taken: already spent, not taken back. */
  shortfall: number;
  /** The window total the call moved (−points when earnedDay is in the window, else 0; 0 on a replay). */
  earnedDelta: number;
}

export type ReversalDecision =
  | { kind: 'replay'; result: ReversalResult }
  | { kind: 'apply'; result: ReversalResult; writes: LedgerWrites };

/** The entry a reversal makes, without its delta (decided in the same atomic step; lua/reverse-5.lua appends it). */
export function reversalEntryBase(input: ReversalInput, id: string): Omit<LedgerEntry, 'delta'> {
  return { id, key: input.key, memberId: input.memberId, reason: input.reason, streamId: input.streamId ?? null, at: input.at };
}

/**
 * A known key replays its stored entry and changes nothing (taken from its
 * delta). Otherwise taken = min(points, balance) (never below zero), the
 * entry's delta is −taken, and the earned total, the earnedDay bucket and the
 * all-time leaderboard drop by `points`.
 */
export function decideReversal(read: AwardRead, input: ReversalInput, entryId: string): ReversalDecision {
  const fromDay = earnedWindowStart(input);
  const inWindow = fromDay !== null && input.earnedDay >= fromDay;
  const windowAfter = (moved: number) => (fromDay === null ? {} : { earned: read.earnedInWindow + moved });
  if (read.stored !== null) {
    const taken = 0 - read.stored.delta; // not -delta: a 0 entry would give -0
    return {
      kind: 'replay',
      result: { applied: false, entry: read.stored, balance: read.balance, taken, shortfall: Math.max(0, input.points - taken), earnedDelta: 0, ...windowAfter(0) },
    };
  }
  const taken = Math.min(input.points, Math.max(0, read.balance));
  const entry: LedgerEntry = { ...reversalEntryBase(input, entryId), delta: 0 - taken };
  const earnedDelta = inWindow ? -input.points : 0;
  return {
    kind: 'apply',
    result: { applied: true, entry, balance: read.balance - taken, taken, shortfall: input.points - taken, earnedDelta, ...windowAfter(earnedDelta) },
    // No show: a refund does not rewrite a show's leaderboard (see above).
    writes: { entry, earned: { points: -input.points, day: input.earnedDay, streamId: null } },
  };
}
