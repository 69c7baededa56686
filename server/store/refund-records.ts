/**
 * The refunds part of the Store port (SqliteRefundRecords, MongoRefundRecords).
 * Refunds are append-only per order: the n-th refund of an order is stored
 * with seq n, and (orderId, seq) is unique, so two refunds decided from the
 * same earlier ones cannot both be stored — the loser re-reads and decides
 * again. That makes "partial refunds never exceed the order" hold across
 * processes without a lock.
 */
import type { OrderRecord } from '../../shared/perks.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';

export type RecordRefundResult =
  /** created: stored now; false: the refundId was known (its stored record). */
  | { refund: RefundRecord; created: boolean }
  /** The order has no longer exactly `seq` refunds: re-read them and decide again. */
  | null;

export interface RefundRecords {
  /** The shop order by its id, null when unknown. */
  orderById(orderId: string): Promise<OrderRecord | null>;
  refundById(refundId: string): Promise<RefundRecord | null>;
  /** The order's refunds, oldest (seq 0) first. */
  refundsOfOrder(orderId: string): Promise<RefundRecord[]>;
  /**
   * Atomic: stores `refund` as its order's refund number `seq` (the count of
   * its refunds read before deciding). A known refundId returns its stored
   * record (created false) and changes nothing; a taken seq returns null.
   */
  recordRefund(refund: RefundRecord, seq: number): Promise<RecordRefundResult>;
  /** Sets the settlement once (a later call keeps the first); the record after, null when unknown. */
  settleRefund(refundId: string, settlement: RefundSettlement): Promise<RefundRecord | null>;
}
