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

  async segmentMemberIds(segmentId: string): Promise<string[]> {
    const docs = await this.models().segmentMembers.find({ segmentId, inside: true }, { memberId: 1 }).lean<Array<{ memberId: string }>>().exec();
    return docs.map((d) => d.memberId);
  }

  /** A filter on the other side makes the update conditional; a first join inserts (a duplicate key means another call won). */
  async moveSegmentMember(segmentId: string, memberId: string, inside: boolean, at: number): Promise<number | null> {
    const m = this.models().segmentMembers;
    const _id = `${segmentId}|${memberId}`;
    const moved = await m.findOneAndUpdate({ _id, inside: !inside }, { $set: { inside, movedAt: at }, $inc: { moves: 1 } }, { new: true }).lean<{ moves: number }>().exec();
    if (moved) return moved.moves;
    if (!inside) return null;
    try {
      await m.create({ _id, segmentId, memberId, inside: true, moves: 1, movedAt: at });
      return 1;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return null;
      throw err;
    }
  }

  async listSegments(): Promise<SavedSegment[]> {
    const docs = await this.models().segments.find({}).sort({ createdAt: 1, _id: 1 }).lean<SegmentDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
