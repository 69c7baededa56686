/** BadgeRecords on MongoDB (collection member_badges, `_id` = `<memberId>|<badgeId>`): an insert that a duplicate id refuses, and a read. */
import type { MemberBadge } from '../../shared/achievements.ts';
import type { BadgeRecords } from './badge-records.ts';
import type { MemberBadgeDoc, MongoModels } from './mongo-models.ts';

export class MongoBadgeRecords implements BadgeRecords {
  constructor(private readonly models: () => MongoModels) {}

  async unlockBadge(memberId: string, badge: MemberBadge): Promise<boolean> {
    try {
      await this.models().memberBadges.create({ _id: `${memberId}|${badge.id}`, memberId, unlockedAt: badge.unlockedAt, record: badge });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  async badgesOf(memberId: string): Promise<MemberBadge[]> {
    const docs = await this.models().memberBadges.find({ memberId }).sort({ unlockedAt: 1, _id: 1 }).lean<MemberBadgeDoc[]>().exec();
    return docs.map((d) => d.record);
  }
}
