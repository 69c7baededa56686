/**
 * Secrets at rest (issue 9): DATA_DIR is created 0700 and the SQLite file and
 * its -wal/-shm companions 0600, whatever the process umask; a file an older
 * version left 0644 is tightened on the next open. Real files, real SQLite.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, type SqliteDatabase } from '../../server/sqlite/sqlite-database.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('DATA_DIR and the database files', () => {
  let parent: string;
  let db: SqliteDatabase | null = null;
  let oldUmask: number | null = null;

  afterEach(() => {
    db?.close();
    db = null;
    if (oldUmask !== null) process.umask(oldUmask);
    oldUmask = null;
    rmSync(parent, { recursive: true, force: true });
  });

  it('are created 0700 and 0600 even under a permissive umask', () => {
    parent = mkdtempSync(join(tmpdir(), 'frontrow-perm-'));
    oldUmask = process.umask(0o000);
    const dataDir = join(parent, 'nested', 'data');
    db = openDatabase(dataDir);
    // A write makes SQLite create the -wal and -shm files.
    db.prepare("INSERT INTO settings (key, value) VALUES ('jwt-secret', 'shh')").run();

    expect(modeOf(join(parent, 'nested'))).toBe(0o700);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, DATABASE_FILE + suffix)), suffix || 'db').toBe(0o600);
  });

  it('tightens a world-readable file left by an older version', () => {
    parent = mkdtempSync(join(tmpdir(), 'frontrow-perm-'));
    const file = join(parent, DATABASE_FILE);
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    db = openDatabase(parent);
    expect(modeOf(file)).toBe(0o600);
  });
});
