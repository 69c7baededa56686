/**
 * How much of an order a refund takes back, as a pure rule.
 *
 * Points go back in proportion to the money: after refunds totalling R cents
 * of an order of A cents that paid P points, floor(P × R / A) points have
 * been taken back in all; each refund takes the difference from the
 * refunds before it. Rounding the running total down (not each refund) means
 * partial refunds never take back more than the order paid, never favour
 * the shop over the buyer by more than a point, and a set of refunds that
 * covers the whole order takes back exactly P, however it was split.
 */

export interface RefundShareInput {
  /** The order's amount. */
  orderCents: number;
  /** Points the order's purchase actually paid (0 when it paid none). */
  orderPoints: number;
  /** Cents refunded by the order's earlier refunds. */
  refundedCents: number;
  /** This refund; undefined: whatever is left (a full refund). */
  amountCents: number | undefined;
}

export type RefundShare =
  | {
      ok: true;
      amountCents: number;
      points: number;
      /** true when this refund brings the order's refunds to its whole amount. */
      completesOrder: boolean;
    }
  /** More than is left of the order (nothing left at all, for a full refund of a refunded order). */
  | { ok: false; leftCents: number };

export function refundShare(i: RefundShareInput): RefundShare {
  const leftCents = i.orderCents - i.refundedCents;
  const amountCents = i.amountCents ?? leftCents;
  if (amountCents <= 0 || amountCents > leftCents) return { ok: false, leftCents: Math.max(0, leftCents) };
  const after = i.refundedCents + amountCents;
  return {
    ok: true,
    amountCents,
    points: takenBackAt(i, after) - takenBackAt(i, i.refundedCents),
    completesOrder: after === i.orderCents,
  };
}

/** floor(P × R / A) in integers (P × R can pass 2^53). */
function takenBackAt(i: RefundShareInput, refundedCents: number): number {
  if (refundedCents >= i.orderCents) return i.orderPoints;
  return Number((BigInt(i.orderPoints) * BigInt(refundedCents)) / BigInt(i.orderCents));
}
