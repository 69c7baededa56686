/** BirthdayRecords on SQLite (table member_birthdays, migration 12). */
import type { Birthday } from '../domain/birthday.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { BirthdayRecords } from './birthday-records.ts';

export class SqliteBirthdayRecords implements BirthdayRecords {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      get: db.prepare<[string], Birthday>('SELECT month, day, set_at AS setAt FROM member_birthdays WHERE member_id = ?'),
      put: db.prepare<[string, number, number, number]>(`INSERT INTO member_birthdays (member_id, month, day, set_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (member_id) DO UPDATE SET month = excluded.month, day = excluded.day, set_at = excluded.set_at`),
    };
  }

  async birthdayOf(memberId: string): Promise<Birthday | null> {
    return this.q.get.get(memberId) ?? null;
  }

  async setBirthday(memberId: string, b: Birthday): Promise<void> {
    this.q.put.run(memberId, b.month, b.day, b.setAt);
  }
}
