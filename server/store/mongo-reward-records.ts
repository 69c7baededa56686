/** RewardRecords on MongoDB (collection rewards, `_id` = reward id, the record whole). Thin: an upsert and two reads. */
import type { Redemption, RewardRecord } from '../../shared/rewards.ts';
import type { MongoModels, RedemptionDoc, RewardDoc } from './mongo-models.ts';
import type { RewardRecords } from './reward-records.ts';

export class MongoRewardRecords implements RewardRecords {
  constructor(private readonly models: () => MongoModels) {}

  async putReward(reward: RewardRecord): Promise<void> {
    await this.models().rewards.updateOne({ _id: reward.id }, { $set: { record: reward, createdAt: reward.createdAt } }, { upsert: true }).exec();
  }

  async rewardById(id: string): Promise<RewardRecord | null> {
    const doc = await this.models().rewards.findById(id).lean<RewardDoc>().exec();
    return doc?.record ?? null;
  }

  /** Inserts, or moves a pending one on: the filter matches a missing or pending document only. */
  async upsertRedemptions(redemptions: Redemption[]): Promise<void> {
    const model = this.models().redemptions;
    for (const r of redemptions) {
      try {
        await model
          .updateOne({ _id: r.id, status: 'pending' }, { $set: { memberId: r.memberId, status: r.status, createdAt: r.createdAt, record: r } }, { upsert: true })
          .exec();
      } catch (err) {
        // A settled one is there already (the upsert's insert collides with its id): it never changes again.
        if ((err as { code?: number }).code !== 11000) throw err;
      }
    }
  }

  async storedRedemptions(memberId: string): Promise<Redemption[]> {
    const docs = await this.models().redemptions.find({ memberId }).sort({ createdAt: -1, _id: -1 }).lean<RedemptionDoc[]>().exec();
    return docs.map((d) => d.record);
  }

  async listRewards(): Promise<RewardRecord[]> {
    const docs = await this.models().rewards.find({}).sort({ createdAt: 1, _id: 1 }).lean<RewardDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
