/** SegmentRecords on MongoDB (collection segments, `_id` = segment id, the record whole). */
import type { SavedSegment } from '../../shared/insights.ts';
import type { MongoModels, SegmentDoc } from './mongo-models.ts';
import type { SegmentRecords } from './segment-records.ts';

export class MongoSegmentRecords implements SegmentRecords {
  constructor(private readonly models: () => MongoModels) {}

  async putSegment(segment: SavedSegment): Promise<void> {
    await this.models().segments.updateOne({ _id: segment.id }, { $set: { record: segment, createdAt: segment.createdAt } }, { upsert: true }).exec();
  }

  async segmentById(id: string): Promise<SavedSegment | null> {
    return (await this.models().segments.findById(id).lean<SegmentDoc>().exec())?.record ?? null;
  }

  async listSegments(): Promise<SavedSegment[]> {
    const docs = await this.models().segments.find({}).sort({ createdAt: 1, _id: 1 }).lean<SegmentDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
