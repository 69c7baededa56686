/** RewardRecords on MongoDB (collection rewards, `_id` = reward id, the record whole). Thin: an upsert and two reads. */
import type { RewardRecord } from '../../shared/rewards.ts';
import type { MongoModels, RewardDoc } from './mongo-models.ts';
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

  async listRewards(): Promise<RewardRecord[]> {
    const docs = await this.models().rewards.find({}).sort({ createdAt: 1, _id: 1 }).lean<RewardDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
