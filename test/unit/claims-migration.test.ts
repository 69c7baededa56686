/**
 * Migration 6 (server/sqlite/sqlite-database.ts) on a database made before it:
 * the claims table is rebuilt to allow 'cancelled', every claim and index
 * survives, and the refunds table appears.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../../server/sqlite/sqlite-database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('upgrades a version-5 claims table: claims kept, cancelled allowed, refunds added', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-migration-'));
  dirs.push(dir);
  // A version-5 file: the claims table as migration 2 made it, no refunds table.
  const old = openDatabase(dir);
  old.exec(`DROP TABLE refunds; DROP TABLE claims;
    CREATE TABLE claims (
      id TEXT PRIMARY KEY, drop_id TEXT NOT NULL, member_id TEXT NOT NULL, request_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('reserved', 'confirmed', 'expired')),
      expires_at INTEGER NOT NULL, checkout_ref TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE UNIQUE INDEX claims_request ON claims (drop_id, member_id, request_id);
    INSERT INTO claims VALUES ('c1', 'd1', 'm1', 'r1', 'confirmed', 10, 'FR-1', 1, 2);`);
  expect(() => old.exec(`UPDATE claims SET status = 'cancelled'`)).toThrow(/CHECK/);
  old.pragma('user_version = 5');
  old.close();

  const db = openDatabase(dir);
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT * FROM claims').all()).toEqual([
      { id: 'c1', drop_id: 'd1', member_id: 'm1', request_id: 'r1', status: 'confirmed', expires_at: 10, checkout_ref: 'FR-1', created_at: 1, updated_at: 2 },
    ]);
    db.exec(`UPDATE claims SET status = 'cancelled' WHERE id = 'c1'`);
    expect(() => db.exec(`UPDATE claims SET status = 'lost'`)).toThrow(/CHECK/);
    // The indexes are back (and migration 8's reference index, made after the rebuild): the same (drop, member, request) is still refused.
    expect(() => db.exec(`INSERT INTO claims VALUES ('c2', 'd1', 'm1', 'r1', 'reserved', 10, 'FR-2', 1, 1)`)).toThrow(/UNIQUE/);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims' AND name NOT LIKE 'sqlite_%'`).all();
    expect(indexes.map((i) => (i as { name: string }).name).sort()).toEqual(['claims_checkout_ref', 'claims_drop_status', 'claims_member', 'claims_request']);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM refunds`).get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});
