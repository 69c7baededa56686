/** MissionRecords on MongoDB (collection missions, `_id` = mission id, the record whole). Thin: an upsert and two reads. */
import type { Mission } from '../../shared/missions.ts';
import type { MissionDoc, MongoModels } from './mongo-models.ts';
import type { MissionRecords } from './mission-records.ts';

export class MongoMissionRecords implements MissionRecords {
  constructor(private readonly models: () => MongoModels) {}

  async putMission(mission: Mission): Promise<void> {
    await this.models().missions.updateOne({ _id: mission.id }, { $set: { record: mission, createdAt: mission.createdAt } }, { upsert: true }).exec();
  }

  async missionById(id: string): Promise<Mission | null> {
    const doc = await this.models().missions.findById(id).lean<MissionDoc>().exec();
    return doc?.record ?? null;
  }

  async listMissions(): Promise<Mission[]> {
    const docs = await this.models().missions.find({}).sort({ createdAt: 1, _id: 1 }).lean<MissionDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
