/**
 * The order in which a drop claim is refused, written once for the server's
 * claim decision (server/domain/claims.ts decideClaim) and for the viewer
 * room, which shows a member the answer the server would give before they
 * tap. Pure; time is an argument.
 */

/** Why a claim is refused; the server's ClaimDecision uses the same names. */
export type ClaimRefusal = 'NOT_FOUND' | 'CLOSED' | 'NOT_OPEN' | 'SOLD_OUT' | 'LIMIT_REACHED';

/** What the refusal order reads about a known drop and one member. */
export interface ClaimGate {
  closed: boolean;
  /** The member's opening time (their tier's window). */
  opensAt: number;
  nowMs: number;
  /** Units left, after due reservations have expired. */
  remaining: number;
  /** The member's claims that hold a unit (reserved and not due, or confirmed). */
  held: number;
  perMemberLimit: number;
}

/** closed → NOT_OPEN → SOLD_OUT → LIMIT_REACHED; null: the claim may be made. */
export function claimRefusal(g: ClaimGate): Exclude<ClaimRefusal, 'NOT_FOUND'> | null {
  if (g.closed) return 'CLOSED';
  if (g.nowMs < g.opensAt) return 'NOT_OPEN';
  if (g.remaining <= 0) return 'SOLD_OUT';
  if (g.held >= g.perMemberLimit) return 'LIMIT_REACHED';
  return null;
}
