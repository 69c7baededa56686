/**
 * A drop as one member sees it at one moment: their own opening time (the
 * window of their tier), whether they may claim now, and their claims. Pure:
 * the time is an argument (server time, see server-clock).
 */
import { claimRefusal, type ClaimRefusal } from '../../../shared/domain/claim-order.ts';
import type { Claim, Drop, MemberClaim } from '../../../shared/perks.ts';

/**
 * One of the member's claims. How to pay comes with the claim ack and GET
 * /api/me/claims; a `claim` push carries the bare claim, so a claim first heard
 * of by push has no link until the claims are read again.
 */
export type ClaimView = Pick<Claim, 'id' | 'dropId' | 'status' | 'expiresAt' | 'checkoutRef'> &
  Partial<Pick<MemberClaim, 'checkoutUrl' | 'paymentInstructions'>>;

/** What the room keeps of a claim read over HTTP (GET /api/me/claims sends the whole record). */
export function claimView(c: ClaimView): ClaimView {
  const { id, dropId, status, expiresAt, checkoutRef, checkoutUrl, paymentInstructions } = c;
  return { id, dropId, status, expiresAt, checkoutRef, checkoutUrl, paymentInstructions };
}

export type DropPhase =
  | 'closed' // the host closed it
  | 'guest' // sign in to claim
  | 'tier-too-low' // no window for this member's tier
  | 'not-open' // their window opens later
  | 'sold-out'
  | 'limit' // they hold as many as allowed
  | 'open'; // they can claim now

const PHASE_OF: Record<Exclude<ClaimRefusal, 'NOT_FOUND'>, DropPhase> = {
  CLOSED: 'closed',
  NOT_OPEN: 'not-open',
  SOLD_OUT: 'sold-out',
  LIMIT_REACHED: 'limit',
};

export interface DropView {
  phase: DropPhase;
  /** this member's opening time (null: guest or no window) */
  opensAt: number | null;
  /** ms until `opensAt` (0 once open) */
  opensIn: number;
  /** the newest claim that still matters: reserved and not lapsed, or confirmed */
  activeClaim: ClaimView | null;
  /** a claim that ran out or was cancelled (shown until the member claims again) */
  lapsedClaim: ClaimView | null;
  /** stock left, 0–1 */
  stockFraction: number;
  /** the claim button may be pressed */
  canClaim: boolean;
}

export function isLive(claim: ClaimView, now: number): boolean {
  return claim.status === 'confirmed' || (claim.status === 'reserved' && claim.expiresAt > now);
}

export function dropView(
  drop: Drop,
  member: { tierId: string } | null,
  claims: readonly ClaimView[],
  now: number,
  inFlight = false,
): DropView {
  const mine = claims.filter((c) => c.dropId === drop.id);
  const live = mine.filter((c) => isLive(c, now));
  const activeClaim = live[0] ?? null;
  const newest = mine[0] ?? null;
  const lapsedClaim = newest && !isLive(newest, now) ? newest : null;
  const window = member ? drop.windows.find((w) => w.tierId === member.tierId) : undefined;
  const opensAt = window?.opensAt ?? null;
  const opensIn = opensAt === null ? 0 : Math.max(0, opensAt - now);
  const stockFraction = drop.stock > 0 ? Math.min(1, Math.max(0, drop.remaining / drop.stock)) : 0;

  // Guests and tiers without a window are screens of their own; for everyone
  // else the phase is the answer the server's claim decision would give now.
  let phase: DropPhase;
  if (drop.status === 'closed') phase = 'closed';
  else if (!member) phase = 'guest';
  else if (opensAt === null) phase = 'tier-too-low';
  else {
    const refusal = claimRefusal({
      closed: false,
      opensAt,
      nowMs: now,
      remaining: drop.remaining,
      held: live.length,
      perMemberLimit: drop.perMemberLimit,
    });
    phase = refusal === null ? 'open' : PHASE_OF[refusal];
  }

  return { phase, opensAt, opensIn, activeClaim, lapsedClaim, stockFraction, canClaim: phase === 'open' && !inFlight };
}

/** The earliest window of a drop (for guests: "opens for Gold at …"). */
export function earliestWindow(drop: Pick<Drop, 'windows'>): number | null {
  return drop.windows.reduce<number | null>((min, w) => (min === null || w.opensAt < min ? w.opensAt : min), null);
}
