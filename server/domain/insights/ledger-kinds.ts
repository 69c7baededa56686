/**
 * How the insights read ledger reasons (issue 15), written once for the
 * reference formulas, the sweep and the member summaries: what a member did
 * themselves (it makes them active), what counts as earned (the tier
 * window; purchase reversals subtract), and what was spent or came back.
 */
import { LedgerReason } from '../../../shared/models.ts';
import { DAY_MS } from '../time.ts';

export const DOING: ReadonlySet<string> = new Set([
  LedgerReason.watch,
  LedgerReason.chest,
  LedgerReason.checkin,
  LedgerReason.like,
  LedgerReason.comment,
  LedgerReason.share,
  LedgerReason.purchase,
]);
export const EARNING: ReadonlySet<string> = new Set([...DOING, LedgerReason.birthday, LedgerReason.tierEntry, LedgerReason.mission, LedgerReason.adjustment]);
export const SPENDING: ReadonlySet<string> = new Set([LedgerReason.lotteryEntry, LedgerReason.reward]);
export const RETURNS: ReadonlySet<string> = new Set([LedgerReason.lotteryRefund, LedgerReason.rewardReturn]);
export const YEAR_MS = 365 * 86_400_000;

/** An entry's part in the 365-day earned window: earning entries add, purchase reversals subtract, nothing else counts. */
export function countsAsEarned(e: { reason: string; delta: number }): boolean {
  return EARNING.has(e.reason) ? e.delta > 0 : e.reason === LedgerReason.purchaseReversal;
}

/**
 * Where the tier window opens for a reading at `at`: the UTC midnight of the
 * day 365 days before. Both engines keep earned points per UTC day and read
 * the days from utcDay(at − 365 d) on (PointsService.earned365), so the tier
 * the insights count is the tier the member holds.
 */
export function tierWindowOpens(at: number): number {
  return Math.floor((at - YEAR_MS) / DAY_MS) * DAY_MS;
}
