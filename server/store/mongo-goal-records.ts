/** GoalRecords on MongoDB (collection community_goals, `_id` = goal id, the record whole beside its show and status). */
import type { CommunityGoal } from '../../shared/community-goals.ts';
import type { GoalRecords } from './goal-records.ts';
import type { CommunityGoalDoc, MongoModels } from './mongo-models.ts';

export class MongoGoalRecords implements GoalRecords {
  constructor(private readonly models: () => MongoModels) {}

  async putGoal(goal: CommunityGoal): Promise<void> {
    await this.models()
      .communityGoals.updateOne({ _id: goal.id }, { $set: { streamId: goal.streamId, status: goal.status, createdAt: goal.createdAt, record: goal } }, { upsert: true })
      .exec();
  }

  async goalById(id: string): Promise<CommunityGoal | null> {
    const doc = await this.models().communityGoals.findById(id).lean<CommunityGoalDoc>().exec();
    return doc?.record ?? null;
  }

  async goalsOfStream(streamId: string): Promise<CommunityGoal[]> {
    const docs = await this.models().communityGoals.find({ streamId }).sort({ createdAt: 1, _id: 1 }).lean<CommunityGoalDoc[]>().exec();
    return docs.map((d) => d.record);
  }

  async completeGoal(id: string, at: number): Promise<boolean> {
    const r = await this.models()
      .communityGoals.updateOne({ _id: id, status: 'active' }, { $set: { status: 'completed', 'record.status': 'completed', 'record.completedAt': at } })
      .exec();
    return r.modifiedCount > 0;
  }
}
