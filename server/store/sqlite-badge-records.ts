/** BadgeRecords on SQLite (table member_badges, migration 14): the badge as JSON, unique per member and badge id. */
import type { MemberBadge } from '../../shared/achievements.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { BadgeRecords } from './badge-records.ts';

export class SqliteBadgeRecords implements BadgeRecords {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare<[string, string, string, number]>(
        'INSERT INTO member_badges (member_id, badge_id, json, unlocked_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      of: db.prepare<[string], { json: string }>('SELECT json FROM member_badges WHERE member_id = ? ORDER BY unlocked_at, badge_id'),
    };
  }

  async unlockBadge(memberId: string, badge: MemberBadge): Promise<boolean> {
    return this.q.insert.run(memberId, badge.id, JSON.stringify(badge), badge.unlockedAt).changes > 0;
  }

  async badgesOf(memberId: string): Promise<MemberBadge[]> {
    return this.q.of.all(memberId).map((r) => JSON.parse(r.json) as MemberBadge);
  }
}
