/** OutboundRecords on MongoDB (collection outbound_events). Thin: a lease is one findOneAndUpdate per event, so two processes never take the same one. */
import type { MongoModels, OutboundEventDoc } from './mongo-models.ts';
import type { OutboundDelivery, OutboundEvent, OutboundOutcome, OutboundRecords } from './outbound-records.ts';

const fromDoc = (d: OutboundEventDoc): OutboundDelivery => ({
  id: d._id,
  type: d.type,
  body: d.body,
  createdAt: d.createdAt,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  deliveredAt: d.deliveredAt,
  lastError: d.lastError,
});

export class MongoOutboundRecords implements OutboundRecords {
  constructor(private readonly models: () => MongoModels) {}

  async enqueueOutbound(e: OutboundEvent): Promise<boolean> {
    const r = await this.models()
      .outboundEvents.updateOne(
        { _id: e.id },
        { $setOnInsert: { type: e.type, body: e.body, createdAt: e.createdAt, attempts: 0, nextAttemptAt: e.createdAt, deliveredAt: null, lastError: null, leaseUntil: 0 } },
        { upsert: true },
      )
      .exec();
    return r.upsertedCount > 0;
  }

  async leaseOutbound(nowMs: number, leaseMs: number, limit: number): Promise<OutboundDelivery[]> {
    const leased: OutboundDelivery[] = [];
    for (let i = 0; i < limit; i++) {
      const doc = await this.models()
        .outboundEvents.findOneAndUpdate(
          { deliveredAt: null, nextAttemptAt: { $lte: nowMs }, leaseUntil: { $lte: nowMs } },
          { $set: { leaseUntil: nowMs + leaseMs } },
          { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'after' },
        )
        .lean<OutboundEventDoc>()
        .exec();
      if (!doc) break;
      leased.push(fromDoc(doc));
    }
    return leased;
  }

  async settleOutbound(id: string, outcome: OutboundOutcome): Promise<void> {
    const update =
      'deliveredAt' in outcome
        ? { $set: { deliveredAt: outcome.deliveredAt, lastError: null, leaseUntil: 0 }, $inc: { attempts: 1 } }
        : { $set: { lastError: outcome.error.slice(0, 500), nextAttemptAt: outcome.nextAttemptAt, leaseUntil: 0 }, $inc: { attempts: 1 } };
    await this.models().outboundEvents.updateOne({ _id: id }, update).exec();
  }

  async outboundLog(limit: number): Promise<OutboundDelivery[]> {
    const docs = await this.models().outboundEvents.find({}).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<OutboundEventDoc[]>().exec();
    return docs.map(fromDoc);
  }
}
