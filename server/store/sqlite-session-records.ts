/** The sessions half of SqliteStore (tables from migration 5 in sqlite/sqlite-database.ts). */
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { SessionRecords } from './session-records.ts';

export class SqliteSessionRecords implements SessionRecords {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      setPassword: db.prepare('UPDATE members SET password_hash = ? WHERE id = ?'),
      version: db.prepare<[string], { version: number }>('SELECT version FROM member_sessions WHERE member_id = ?'),
      bump: db.prepare<[string], { version: number }>(
        `INSERT INTO member_sessions (member_id, version) VALUES (?, 1)
         ON CONFLICT (member_id) DO UPDATE SET version = version + 1 RETURNING version`,
      ),
      end: db.prepare('INSERT INTO ended_sessions (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING'),
      ended: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM ended_sessions WHERE jti = ?'),
      pruneEnded: db.prepare('DELETE FROM ended_sessions WHERE expires_at < ?'),
      spend: db.prepare('INSERT INTO spent_assertions (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING'),
      pruneSpent: db.prepare('DELETE FROM spent_assertions WHERE expires_at < ?'),
    };
  }

  async setPasswordHash(memberId: string, passwordHash: string): Promise<boolean> {
    return this.q.setPassword.run(passwordHash, memberId).changes > 0;
  }

  async sessionVersion(memberId: string): Promise<number> {
    return this.q.version.get(memberId)?.version ?? 0;
  }

  async bumpSessionVersion(memberId: string): Promise<number> {
    return this.q.bump.get(memberId)!.version;
  }

  async endSession(jti: string, expiresAt: number, nowMs: number): Promise<void> {
    this.q.pruneEnded.run(nowMs);
    this.q.end.run(jti, expiresAt);
  }

  async isSessionEnded(jti: string): Promise<boolean> {
    return this.q.ended.get(jti) !== undefined;
  }

  async spendAssertion(jti: string, expiresAt: number, nowMs: number): Promise<boolean> {
    this.q.pruneSpent.run(nowMs);
    // The primary key decides: of two processes inserting the same jti, one changes a row.
    return this.q.spend.run(jti, expiresAt).changes > 0;
  }
}
