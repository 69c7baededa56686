/**
 * The insights' reads on the embedded database, for the insights worker
 * (its own read-only connection: the app's event loop never waits on them).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../sqlite/sqlite-database.ts';
import type { MemberHistory } from './repurchase-ranking.ts';

export function openReadOnly(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Every member with their orders and the shows they watched. */
export function memberHistories(db: Database.Database): MemberHistory[] {
  const byId = new Map<string, MemberHistory>();
  for (const m of db.prepare<[], { id: string; displayName: string }>('SELECT id, display_name AS displayName FROM members').all()) {
    byId.set(m.id, { memberId: m.id, displayName: m.displayName, orders: [], shows: [] });
  }
  const orders = db.prepare<[], { memberId: string; paidAt: number; cents: number }>(
    "SELECT json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.paidAt') AS paidAt, json_extract(json, '$.amountCents') AS cents FROM orders",
  );
  for (const o of orders.iterate()) byId.get(o.memberId)?.orders.push([o.paidAt, o.cents]);
  const shows = db.prepare<[], { memberId: string; firstAt: number; lastAt: number; n: number }>(
    'SELECT member_id AS memberId, first_at AS firstAt, last_at AS lastAt, checkins + likes + comments AS n FROM show_members WHERE watch_ms > 0',
  );
  for (const s of shows.iterate()) byId.get(s.memberId)?.shows.push([s.firstAt, s.lastAt, s.n]);
  return [...byId.values()];
}
