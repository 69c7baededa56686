/**
 * Member data rights on MongoDB: what MongoStore holds about one member (the
 * export) and the erasure of their personal data. See Store.memberHoldings
 * and Store.eraseMember. MongoDB has no transaction here (a standalone server
 * has none), so the erasure deletes the member document last: a failure
 * part-way leaves the member able to sign in and ask again, and every step
 * is idempotent.
 */
import type { BanDoc, ClaimDoc, CommentDoc, LotteryEntryDoc, MongoModels, MuteDoc, OrderDoc } from './mongo-models.ts';
import { toClaim, toLotteryEntry, toOrderRecord } from './mongo-perks-records.ts';
import { toCommentRecord } from './mongo-moderation-records.ts';
import type { MemberHoldings } from './store.ts';

export class MongoMemberData {
  /** A getter, not the models: MongoStore's models exist only between init() and close(). */
  constructor(private readonly models: () => MongoModels) {}

  async holdings(memberId: string): Promise<MemberHoldings> {
    const m = this.models();
    const [claims, entries, orders, comments, ban, mutes] = await Promise.all([
      m.claims.find({ memberId }).sort({ createdAt: -1, _id: -1 }).lean<ClaimDoc[]>().exec(),
      m.lotteryEntries.find({ memberId }).sort({ at: 1, lotteryId: 1 }).lean<LotteryEntryDoc[]>().exec(),
      m.orders.find({ memberId }).sort({ createdAt: 1, _id: 1 }).lean<OrderDoc[]>().exec(),
      m.comments.find({ memberId }).sort({ at: 1, _id: 1 }).lean<CommentDoc[]>().exec(),
      m.bans.findById(memberId).lean<BanDoc>().exec(),
      m.mutes.find({ memberId }).sort({ streamId: 1 }).lean<MuteDoc[]>().exec(),
    ]);
    return {
      claims: claims.map(toClaim),
      lotteryEntries: entries.map(toLotteryEntry),
      orders: orders.map(toOrderRecord),
      comments: comments.map(toCommentRecord),
      bannedAt: ban?.bannedAt ?? null,
      mutes: mutes.map((d) => ({ streamId: d.streamId, until: d.until })),
    };
  }

  async erase(memberId: string): Promise<boolean> {
    const m = this.models();
    await Promise.all([
      m.comments.deleteMany({ memberId }).exec(),
      m.mutes.deleteMany({ memberId }).exec(),
      m.bans.deleteOne({ _id: memberId }).exec(),
      m.memberBirthdays.deleteOne({ _id: memberId }).exec(),
      m.memberBadges.deleteMany({ memberId }).exec(),
    ]);
    return (await m.members.deleteOne({ _id: memberId }).exec()).deletedCount > 0;
  }
}
