/**
 * The claim lifecycle of a drop, as pure rules: the claim decision, the expiry
 * of lapsed reservations and the confirmation of a reservation. Each takes the
 * state it needs, the input and the time, and returns the reply together with
 * the writes that make it true (ClaimWrites).
 *
 * SqlitePerksEngine loads that state, calls these and stores the writes in one
 * transaction; the Lua scripts lua/dropClaim-7.lua, dropExpire-6.lua,
 * claimConfirm-6.lua and claimCancel-6.lua mirror them
 * (test/differential/drop-claims.test.ts holds them to the same answers). The tier window and minTier are decided by
 * the service before (drops.ts); here they arrive as `opensAtForMember`.
 */
import { claimRefusal, type ClaimRefusal } from '../../shared/domain/claim-order.ts';
import type { Claim } from '../../shared/perks.ts';
import type { DropState } from './drop-stock.ts';

export interface ClaimRequest {
  dropId: string;
  memberId: string;
  /** Client-chosen id: the same (dropId, memberId, requestId) always returns the same claim. */
  requestId: string;
  nowMs: number;
  /** Opening time for this member's tier; before it the answer is NOT_OPEN. */
  opensAtForMember: number;
  /** Used only when a new claim is made. */
  claimId: string;
  checkoutRef: string;
  expiresAt: number;
}

export type { ClaimRefusal };

export type ClaimDecision =
  | {
      ok: true;
      claim: Claim;
      /** true: this requestId had made the claim before */
      replayed: boolean;
      remaining: number;
      /**
       * Reservations of the drop this call expired on its way (their units are
       * back in `remaining`); absent when none. With `replayed`, it tells the
       * caller that the stock moved although no claim was made.
       */
      expired?: Claim[];
    }
  | { ok: false; refusal: ClaimRefusal; remaining: number };

/** What one step changes; the engine stores exactly this. */
export interface ClaimWrites {
  /** Claims whose status changed, as they are now (new status and updatedAt). */
  changed: Claim[];
  /** The new reserved claim, or null. */
  created: Claim | null;
  /** Added to the drop's `remaining`: +1 per expired or cancelled claim, −1 for the new claim. */
  remainingDelta: number;
}

export interface ClaimStep<Reply> {
  reply: Reply;
  writes: ClaimWrites;
}

/** What the claim decision reads. */
export interface ClaimState {
  /** null: unknown drop. */
  drop: DropState | null;
  /** Every claim of this member on this drop, whatever its status: the replay and the limit are read from them. */
  memberClaims: Claim[];
  /**
   * Reserved claims of the drop that may be due: at least every one with
   * expiresAt ≤ nowMs (a loader may pass more; the rule picks the due ones).
   */
  reserved: Claim[];
}

/** A reserved claim is due (lapsed) once nowMs reaches its expiresAt; confirmed and expired claims never are. */
export function isDue(claim: Claim, nowMs: number): boolean {
  return claim.status === 'reserved' && claim.expiresAt <= nowMs;
}

/** Reserved and confirmed claims hold a unit and count against the member's limit; expired and cancelled ones do neither. */
export function holdsUnit(claim: Claim): boolean {
  return claim.status === 'reserved' || claim.status === 'confirmed';
}

/** Earliest expiresAt first, then by id (the order of the SQLite index and of the Redis expiry zset). */
function byExpiry(a: Claim, b: Claim): number {
  return a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Reservation expiry: every due reservation expires at nowMs, and each one's
 * unit returns to the stock and to its member's allowance (the allowance is
 * the member's claims that hold a unit, so it follows the status).
 */
export function expireReservations(reserved: Claim[], nowMs: number): ClaimStep<Claim[]> {
  const expired = reserved
    .filter((c) => isDue(c, nowMs))
    .sort(byExpiry)
    .map((c): Claim => ({ ...c, status: 'expired', updatedAt: nowMs }));
  return { reply: expired, writes: { changed: expired, created: null, remainingDelta: expired.length } };
}

/**
 * The claim decision, in the order the PerksEngine port states:
 * 1. a known (dropId, memberId, requestId) returns its claim, whatever else
 *    changed since; if that claim is a lapsed reservation, the drop's due
 *    reservations expire first, so the member is told the truth;
 * 2. unknown drop → NOT_FOUND;
 * 3. the drop's due reservations expire (their stock returns), whatever the answer;
 * 4. closed → CLOSED; nowMs < opensAtForMember → NOT_OPEN; nothing left →
 *    SOLD_OUT; the member's reserved + confirmed claims ≥ limit → LIMIT_REACHED;
 * 5. else a new reserved claim takes one unit.
 * Refusals are not remembered: the same requestId may succeed later.
 */
export function decideClaim(state: ClaimState, r: ClaimRequest): ClaimStep<ClaimDecision> {
  const known = state.memberClaims.find((c) => c.requestId === r.requestId);
  if (known) {
    const expiry = expireReservations(isDue(known, r.nowMs) ? state.reserved : [], r.nowMs);
    const claim = expiry.reply.find((c) => c.id === known.id) ?? known;
    const remaining = (state.drop?.remaining ?? 0) + expiry.writes.remainingDelta;
    return { reply: { ok: true, claim, replayed: true, remaining, ...expiredField(expiry.reply) }, writes: expiry.writes };
  }
  const drop = state.drop;
  if (!drop) return { reply: { ok: false, refusal: 'NOT_FOUND', remaining: 0 }, writes: noWrites() };

  const expiry = expireReservations(state.reserved, r.nowMs);
  const remaining = drop.remaining + expiry.writes.remainingDelta;
  const expiredIds = new Set(expiry.reply.map((c) => c.id));
  const held = state.memberClaims.filter((c) => holdsUnit(c) && !expiredIds.has(c.id)).length;
  const refuse = (refusal: ClaimRefusal, left = remaining): ClaimStep<ClaimDecision> => ({
    reply: { ok: false, refusal, remaining: left },
    writes: expiry.writes,
  });
  const refusal = claimRefusal({
    closed: drop.closed,
    opensAt: r.opensAtForMember,
    nowMs: r.nowMs,
    remaining,
    held,
    perMemberLimit: drop.perMemberLimit,
  });
  if (refusal !== null) return refuse(refusal, refusal === 'SOLD_OUT' ? 0 : remaining);

  const claim: Claim = {
    id: r.claimId,
    dropId: r.dropId,
    memberId: r.memberId,
    requestId: r.requestId,
    status: 'reserved',
    expiresAt: r.expiresAt,
    checkoutRef: r.checkoutRef,
    createdAt: r.nowMs,
    updatedAt: r.nowMs,
  };
  return {
    reply: { ok: true, claim, replayed: false, remaining: remaining - 1, ...expiredField(expiry.reply) },
    writes: { ...expiry.writes, created: claim, remainingDelta: expiry.writes.remainingDelta - 1 },
  };
}

/**
 * Confirming a reservation: reserved → confirmed (a confirmed claim never
 * expires and keeps its unit); a reservation already due expires instead and
 * returns its unit; confirmed and expired claims come back unchanged;
 * unknown (null) stays null.
 */
export function confirmReservation(claim: Claim | null, nowMs: number): ClaimStep<Claim | null> {
  if (!claim || claim.status !== 'reserved') return { reply: claim, writes: noWrites() };
  if (isDue(claim, nowMs)) {
    const expiry = expireReservations([claim], nowMs);
    return { reply: expiry.reply[0]!, writes: expiry.writes };
  }
  const confirmed: Claim = { ...claim, status: 'confirmed', updatedAt: nowMs };
  return { reply: confirmed, writes: { changed: [confirmed], created: null, remainingDelta: 0 } };
}

/**
 * Which claims a cancellation may take: a host's release takes only a
 * reservation (a paid claim is refunded, not released), a refund takes a
 * confirmed claim too.
 */
export type CancelScope = 'reservation' | 'sale';

/**
 * Cancelling a claim: a reserved claim (or, with scope 'sale', a confirmed
 * one) becomes cancelled; it stops holding a unit and counting against its
 * member's limit, and the unit returns to the drop's `remaining` — on a closed
 * drop too, where nobody can claim it any more (a drop never reopens), so
 * `remaining` stays stock − reserved − confirmed and the unit reads as unsold.
 * A reservation already due expires instead (its unit returns either way), as
 * in confirmReservation. Expired and cancelled claims, and a confirmed one
 * under scope 'reservation', come back unchanged; unknown (null) stays null.
 */
export function cancelClaim(claim: Claim | null, nowMs: number, scope: CancelScope): ClaimStep<Claim | null> {
  if (!claim) return { reply: null, writes: noWrites() };
  const cancellable = claim.status === 'reserved' || (claim.status === 'confirmed' && scope === 'sale');
  if (!cancellable) return { reply: claim, writes: noWrites() };
  if (isDue(claim, nowMs)) {
    const expiry = expireReservations([claim], nowMs);
    return { reply: expiry.reply[0]!, writes: expiry.writes };
  }
  const cancelled: Claim = { ...claim, status: 'cancelled', updatedAt: nowMs };
  return { reply: cancelled, writes: { changed: [cancelled], created: null, remainingDelta: 1 } };
}

function noWrites(): ClaimWrites {
  return { changed: [], created: null, remainingDelta: 0 };
}

/** The decision's `expired` field: present only when something expired. */
function expiredField(expired: Claim[]): { expired?: Claim[] } {
  return expired.length > 0 ? { expired } : {};
}
