/**
 * Who holds each prize of a drawn lottery at a given time (issue 12): the
 * winners first; a winner who has not claimed within the claim window passes
 * the prize to the next alternate in the draw's published order, who gets a
 * window of their own, and so on until someone claims or the order runs out.
 *
 * Everything follows from the proof's order, the draw time, the window and
 * the claim times, so the server (deciding a claim), the room (showing who
 * may claim) and the verify page (confirming a handover) compute the same
 * thing from public data. Pure; time is passed in.
 */

export type OfferStatus = 'pending' | 'claimed' | 'expired';

export interface PrizeOffer {
  /** Which prize (0-based; a lottery has `winnerCount` of them). */
  slot: number;
  memberId: string;
  /** Index of the member in the draw order: < winnerCount for a winner, else an alternate. */
  rank: number;
  offeredAt: number;
  deadline: number;
  status: OfferStatus;
  claimedAt: number | null;
}

export interface HandoverInput {
  /** The proof's order (v2), or its winners (v1: no alternates). */
  order: string[];
  winnerCount: number;
  drawnAt: number;
  claimWindowMs: number;
  /** memberId → when they claimed. */
  claims: Record<string, number>;
  now: number;
}

/**
 * Every offer made by `now`, in the order they were made. Expiries are taken
 * in time order (ties: lower slot first), so alternates are handed out in the
 * order the prizes became free.
 */
export function prizeOffers(input: HandoverInput): PrizeOffer[] {
  const { order, winnerCount, drawnAt, claimWindowMs, claims, now } = input;
  const offers: PrizeOffer[] = [];
  const open: PrizeOffer[] = [];
  let next = Math.min(winnerCount, order.length);
  const offer = (slot: number, rank: number, offeredAt: number) => {
    const memberId = order[rank]!;
    const deadline = offeredAt + claimWindowMs;
    const at = claims[memberId];
    const claimed = at !== undefined && at >= offeredAt && at <= deadline && at <= now;
    const o: PrizeOffer = { slot, memberId, rank, offeredAt, deadline, status: claimed ? 'claimed' : 'pending', claimedAt: claimed ? at : null };
    offers.push(o);
    if (!claimed) open.push(o);
  };
  for (let slot = 0; slot < next; slot++) offer(slot, slot, drawnAt);
  for (;;) {
    // The earliest lapsed offer: its prize passes on.
    let lapsed: PrizeOffer | null = null;
    for (const o of open) if (o.deadline < now && (!lapsed || o.deadline < lapsed.deadline || (o.deadline === lapsed.deadline && o.slot < lapsed.slot))) lapsed = o;
    if (!lapsed) break;
    lapsed.status = 'expired';
    open.splice(open.indexOf(lapsed), 1);
    if (next < order.length) offer(lapsed.slot, next++, lapsed.deadline);
  }
  return offers;
}

/** The offers that stand at `now`: per prize, its latest offer (pending or claimed), or none if the order ran out. */
export function currentHolders(offers: PrizeOffer[]): PrizeOffer[] {
  const bySlot = new Map<number, PrizeOffer>();
  for (const o of offers) if (o.status !== 'expired') bySlot.set(o.slot, o);
  return [...bySlot.values()].sort((a, b) => a.slot - b.slot);
}

export type PrizeClaimDecision = { ok: true; offer: PrizeOffer; already: boolean } | { ok: false; refusal: 'notWinner' | 'claimExpired' };

/** A member claiming at `now`: yes while they hold a pending offer (or already claimed: the same answer again). */
export function decidePrizeClaim(input: HandoverInput, memberId: string): PrizeClaimDecision {
  const mine = prizeOffers(input).filter((o) => o.memberId === memberId);
  const standing = mine.find((o) => o.status !== 'expired');
  if (standing) return { ok: true, offer: standing, already: standing.status === 'claimed' };
  return { ok: false, refusal: mine.length > 0 ? 'claimExpired' : 'notWinner' };
}

/** What a published lottery says about its prizes, as the verifier reads it. */
export interface PublishedPrizes {
  drawnAt: number | null;
  claimWindowHours: number;
  prizeClaims: Record<string, number>;
  prizes: Array<{ slot: number; memberId: string; status: 'pending' | 'claimed' }> | null;
}

/**
 * Why the prizes a lottery shows do not follow from its draw order and its
 * claim times (null: they do) — the verifier's check that every handover to
 * an alternate happened by the rules, as of `now`.
 */
export function handoverProblem(order: string[], winnerCount: number, published: PublishedPrizes, now: number): string | null {
  if (published.drawnAt === null || published.prizes === null) return 'the lottery shows no draw';
  const expected = currentHolders(
    prizeOffers({ order, winnerCount, drawnAt: published.drawnAt, claimWindowMs: published.claimWindowHours * 3_600_000, claims: published.prizeClaims, now }),
  );
  const shown = [...published.prizes].sort((a, b) => a.slot - b.slot);
  for (const want of expected) {
    const got = shown.find((p) => p.slot === want.slot);
    if (!got || got.memberId !== want.memberId || got.status !== want.status) {
      return `prize ${want.slot + 1} should be ${want.status === 'claimed' ? 'claimed by' : 'offered to'} ${want.memberId} (place ${want.rank + 1} in the draw order)`;
    }
  }
  return shown.length === expected.length ? null : 'the lottery shows a prize the draw order does not give';
}
