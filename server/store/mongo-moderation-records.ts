/**
 * The moderation half of MongoStore: recent comments, bans, mutes and
 * per-show settings (schemas in mongo-models.ts). As everywhere in
 * MongoStore, each write is one single-document operation: "insert if
 * absent" is an upsert with $setOnInsert, "set once" a filter on the field
 * still being null.
 */
import type { CommentEvent } from '../../shared/events.ts';
import type { CommentDoc, MongoModels } from './mongo-models.ts';
import type { CommentRecord, ModerationRecords, StreamModeration } from './moderation-records.ts';

const muteId = (streamId: string, memberId: string) => `${streamId}:${memberId}`;

export const toComment = (d: CommentDoc): CommentEvent => ({
  id: d._id,
  streamId: d.streamId,
  memberId: d.memberId,
  displayName: d.displayName,
  tier: d.tier,
  text: d.text,
  at: d.at,
});
export const toCommentRecord = (d: CommentDoc): CommentRecord => ({ ...toComment(d), removedAt: d.removedAt ?? null });

export class MongoModerationRecords implements ModerationRecords {
  /** A getter, not the models: MongoStore's models exist only between init() and close(). */
  constructor(private readonly models: () => MongoModels) {}

  async recordComment(c: CommentEvent, keep: number): Promise<void> {
    const { comments } = this.models();
    const { id, ...fields } = c;
    await comments.updateOne({ _id: id }, { $setOnInsert: { ...fields, removedAt: null } }, { upsert: true }).exec();
    // Forget what fell past the newest `keep` (a concurrent insert may forget one more or fewer; the bound holds).
    const old = await comments
      .find({ streamId: c.streamId }, { _id: 1 })
      .sort({ at: -1, _id: -1 })
      .skip(keep)
      .limit(1000)
      .lean<Array<{ _id: string }>>()
      .exec();
    if (old.length > 0) await comments.deleteMany({ _id: { $in: old.map((d) => d._id) } }).exec();
  }

  async commentById(id: string): Promise<CommentRecord | null> {
    const doc = await this.models().comments.findById(id).lean<CommentDoc>().exec();
    return doc ? { ...toComment(doc), removedAt: doc.removedAt ?? null } : null;
  }

  async removeComment(id: string, atMs: number): Promise<CommentRecord | null> {
    await this.models().comments.updateOne({ _id: id, removedAt: null }, { $set: { removedAt: atMs } }).exec();
    return this.commentById(id);
  }

  async recentComments(streamId: string, limit: number): Promise<CommentEvent[]> {
    const docs = await this.models()
      .comments.find({ streamId, removedAt: null })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<CommentDoc[]>()
      .exec();
    return docs.map(toComment).reverse();
  }

  async banMember(memberId: string, atMs: number): Promise<void> {
    await this.models().bans.updateOne({ _id: memberId }, { $setOnInsert: { bannedAt: atMs } }, { upsert: true }).exec();
  }

  async unbanMember(memberId: string): Promise<boolean> {
    return (await this.models().bans.deleteOne({ _id: memberId }).exec()).deletedCount > 0;
  }

  async bannedAt(memberId: string): Promise<number | null> {
    const doc = await this.models().bans.findById(memberId).lean<{ bannedAt: number }>().exec();
    return doc?.bannedAt ?? null;
  }

  async setMute(streamId: string, memberId: string, until: number | null): Promise<void> {
    const _id = muteId(streamId, memberId);
    if (until === null) await this.models().mutes.deleteOne({ _id }).exec();
    else await this.models().mutes.updateOne({ _id }, { $set: { streamId, memberId, until } }, { upsert: true }).exec();
  }

  async muteUntil(streamId: string, memberId: string): Promise<number | null> {
    const doc = await this.models().mutes.findById(muteId(streamId, memberId)).lean<{ until: number }>().exec();
    return doc?.until ?? null;
  }

  async setStreamModeration(streamId: string, settings: StreamModeration): Promise<void> {
    await this.models()
      .streamModeration.updateOne({ _id: streamId }, { $set: { slowModeSeconds: settings.slowModeSeconds } }, { upsert: true })
      .exec();
  }

  async streamModeration(streamId: string): Promise<StreamModeration> {
    const doc = await this.models().streamModeration.findById(streamId).lean<{ slowModeSeconds: number }>().exec();
    return { slowModeSeconds: doc?.slowModeSeconds ?? 0 };
  }
}
