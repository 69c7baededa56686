/**
 * The refunds half of MongoStore (collection `refunds`, schema in
 * mongo-models.ts). Thin: the refundId is the `_id` (a redelivery finds its
 * record) and the unique (orderId, seq) index is the compare-and-set that
 * keeps an order's refunds within its amount (refund-records.ts).
 */
import type { OrderRecord } from '../../shared/perks.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';
import { isDuplicateKey } from './mongo-errors.ts';
import type { MongoModels, OrderDoc, RefundDoc } from './mongo-models.ts';
import { toOrderRecord } from './mongo-perks-records.ts';
import type { RecordRefundResult } from './refund-records.ts';

export class MongoRefundRecords {
  constructor(private readonly models: () => MongoModels) {}

  async orderById(orderId: string): Promise<OrderRecord | null> {
    const doc = await this.models().orders.findById(orderId).lean<OrderDoc>().exec();
    return doc ? toOrderRecord(doc) : null;
  }

  async refundById(refundId: string): Promise<RefundRecord | null> {
    const doc = await this.models().refunds.findById(refundId).lean<RefundDoc>().exec();
    return doc ? toRefundRecord(doc) : null;
  }

  async refundsOfOrder(orderId: string): Promise<RefundRecord[]> {
    const docs = await this.models().refunds.find({ orderId }).sort({ seq: 1 }).lean<RefundDoc[]>().exec();
    return docs.map(toRefundRecord);
  }

  async recordRefund(refund: RefundRecord, seq: number): Promise<RecordRefundResult> {
    const { refundId, ...fields } = refund;
    try {
      await this.models().refunds.create({ _id: refundId, seq, ...fields });
      return { refund, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // The _id taken: the refund is known. Otherwise (orderId, seq) was: another refund came first.
      const known = await this.refundById(refundId);
      return known ? { refund: known, created: false } : null;
    }
  }

  async settleRefund(refundId: string, settlement: RefundSettlement): Promise<RefundRecord | null> {
    await this.models().refunds.updateOne({ _id: refundId, settlement: null }, { $set: { settlement } }).exec();
    return this.refundById(refundId);
  }
}

function toRefundRecord(doc: RefundDoc): RefundRecord {
  return {
    refundId: doc._id,
    orderId: doc.orderId,
    memberId: doc.memberId,
    amountCents: doc.amountCents,
    points: doc.points,
    claimId: doc.claimId ?? null,
    createdAt: doc.createdAt,
    settlement: (doc.settlement as RefundRecord['settlement']) ?? null,
  };
}
