/**
 * Shop refunds: the signed refund webhook's body and the record kept of each
 * refund (services/refund-service.ts has the rules around them).
 */
import { z } from 'zod';
import type { ClaimStatus } from './perks.ts';

/** Shop refund webhook body (signed like the order webhook: X-FrontRow-Signature: sha256=<hex HMAC of the raw body>). */
export const RefundWebhookBody = z
  .object({
    /** The shop's id of this refund: a redelivery with the same id changes nothing. */
    refundId: z.string().min(1).max(128),
    orderId: z.string().min(1).max(128),
    /** Refunded amount; absent: whatever is left of the order (a full refund). */
    amountCents: z.number().int().min(1).max(100_000_000_00).optional(),
  })
  .strict();
export type RefundWebhookBody = z.infer<typeof RefundWebhookBody>;

/** What applying a refund did, set once when it is done. */
export interface RefundSettlement {
  /** Points the member's balance lost (≤ the refund's points). */
  pointsTaken: number;
  /**
   * Points the refund should have taken back but the member had already
   * spent: the balance stopped at zero. Kept here, not as a debt on the
   * balance, for the seller to settle with the buyer if they wish.
   */
  shortfall: number;
  /** The order's claim as this refund left it (cancelled, or as it was), null when the refund touched no claim. */
  claimStatus: ClaimStatus | null;
  settledAt: number;
}

export interface RefundRecord {
  refundId: string;
  orderId: string;
  memberId: string;
  amountCents: number;
  /** Purchase points this refund takes back: its share of what the order paid (domain/refunds.ts). */
  points: number;
  /** The order's claim this refund cancels (the one that completes the order's refund), else null. */
  claimId: string | null;
  createdAt: number;
  /** null until the points and the claim have been dealt with (a redelivery finishes the job). */
  settlement: RefundSettlement | null;
}
