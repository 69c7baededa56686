/**
 * After the draw (issue 12): winners claim their prize within the claim
 * window, or it passes to the next alternate in the proof's order
 * (shared/domain/prize-handover.ts decides; only claim times are stored, so
 * every handover is recomputable from public data). Also the set of recent
 * winners that a lottery may exclude.
 */
import { currentHolders, decidePrizeClaim, prizeOffers, type HandoverInput, type PrizeOffer } from '../../shared/domain/prize-handover.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import { DEFAULT_LOTTERY_SETTINGS, type LotteryRecord } from '../../shared/perks.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError, refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';

const HOUR_MS = 3_600_000;
/** Recent winners are read at most this often per process (entries can come by the thousand; a draw elsewhere shows up within this). */
const RECENT_WINNERS_TTL_MS = 5000;

export function handoverOf(record: LotteryRecord, proof: LotteryProof, now: number): HandoverInput {
  const settings = record.settings ?? DEFAULT_LOTTERY_SETTINGS;
  return {
    // v1 proofs publish no order beyond the winners: they have no alternates.
    order: proof.algorithm === 'frontrow-lottery-v2' ? proof.order : proof.winners,
    winnerCount: proof.winnerCount,
    drawnAt: record.drawnAt ?? now,
    claimWindowMs: settings.claimWindowHours * HOUR_MS,
    claims: record.prizeClaims ?? {},
    now,
  };
}

export class LotteryPrizes {
  private recent: { n: number; at: number; members: Promise<Set<string>> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Each prize's holder now (a winner, or an alternate it passed to); empty before the draw. */
  holders(record: LotteryRecord, proof: LotteryProof | null, now: number): PrizeOffer[] {
    return proof ? currentHolders(prizeOffers(handoverOf(record, proof, now))) : [];
  }

  /** A member claims their prize: yes while they hold it (again: the same answer), else FORBIDDEN or CLOSED. */
  async claim(record: LotteryRecord, proof: LotteryProof | null, memberId: string): Promise<{ record: LotteryRecord; offer: PrizeOffer }> {
    if (!proof) throw new AppError(ErrorCode.NOT_READY, 'the lottery has not been drawn yet', 'lotteryId');
    const now = this.clock();
    const decision = decidePrizeClaim(handoverOf(record, proof, now), memberId);
    if (!decision.ok) throw refused(decision.refusal === 'notWinner' ? 'lottery.notWinner' : 'lottery.claimExpired', 'lotteryId');
    if (decision.already) return { record, offer: decision.offer };
    const after = await this.store.recordPrizeClaim(record.id, memberId, now);
    if (!after) throw refused('lottery.notFound', 'lotteryId');
    return { record: after, offer: { ...decision.offer, status: 'claimed', claimedAt: after.prizeClaims?.[memberId] ?? now } };
  }

  /** Everyone offered a prize in the seller's last `n` draws (winners, and alternates the prize reached). */
  recentWinners(n: number): Promise<Set<string>> {
    const now = this.clock();
    if (this.recent && this.recent.n === n && now - this.recent.at < RECENT_WINNERS_TTL_MS) return this.recent.members;
    const members = this.store.recentDraws(n).then((draws) => new Set(draws.flatMap((d) => prizeOffers(handoverOf(d.record, d.proof, now)).map((o) => o.memberId))));
    this.recent = { n, at: now, members };
    members.catch(() => (this.recent = null));
    return members;
  }

  /** A draw just finished here: the next entry reads the winners afresh. */
  forgetRecentWinners(): void {
    this.recent = null;
  }
}
