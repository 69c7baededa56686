/**
 * A drawn lottery's prizes as the host reads them: who holds each one (a
 * winner, or the alternate it passed to) and where its claim stands. Pure.
 */
import type { LotteryPrize } from '../../../shared/perks.ts';

/** Below `winners` in the draw order a winner; after them the alternates, counted from 1. */
export type PrizeRole = { kind: 'winner' } | { kind: 'alternate'; n: number };

export function prizeRole(prize: Pick<LotteryPrize, 'rank'>, winners: number): PrizeRole {
  return prize.rank < winners ? { kind: 'winner' } : { kind: 'alternate', n: prize.rank - winners + 1 };
}

/**
 * 'lapsed': the holder's window ended unclaimed. The server's list stands at
 * the time it was read, so the prize may since have passed on; the dashboard
 * says only what it knows.
 */
export type PrizeClaimState = 'claimed' | 'waiting' | 'lapsed';

export function prizeClaimState(prize: Pick<LotteryPrize, 'status' | 'deadline'>, now: number): PrizeClaimState {
  if (prize.status === 'claimed') return 'claimed';
  return prize.deadline > now ? 'waiting' : 'lapsed';
}
