/**
 * Group commit (server/sqlite/group-commit.ts) on a real SQLite file: the
 * calls of one turn share one transaction, run in order and see each other's
 * writes; one that throws is rolled back alone; a batch is bounded; a batch
 * whose transaction cannot begin fails every call in it; beyond MAX_WAITING
 * a call is refused at once and changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit, MAX_BATCH, MAX_WAITING, OVERLOADED_RETRY_AFTER_MS } from '../../server/sqlite/group-commit.ts';

describe('group commit', () => {
  let dir: string;
  let db: Database.Database;
  let commits: GroupCommit;
  /** A second connection: sees only what is committed. */
  let reader: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontrow-group-commit-'));
    db = new Database(join(dir, 'test.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    commits = new GroupCommit(db);
    reader = new Database(join(dir, 'test.sqlite'), { readonly: true });
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const valueOf = (k: string) => (db.prepare('SELECT v FROM t WHERE k = ?').get(k) as { v: number } | undefined)?.v;
  const committedValueOf = (k: string) => (reader.prepare('SELECT v FROM t WHERE k = ?').get(k) as { v: number } | undefined)?.v;
  /** Adds `by` to k; returns the new value and what another connection saw committed just before. */
  const add = (k: string, by: number) => () => {
    const committedBefore = committedValueOf(k);
    const v = valueOf(k) ?? 0;
    db.prepare('INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v').run(k, v + by);
    return { value: v + by, committedBefore };
  };

  it('runs the calls of one turn in order, each seeing the writes before it, in one transaction', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => commits.run(add('a', 1))));
    expect(results.map((r) => r.value)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // One transaction: while the batch ran, no call's write was committed yet (a commit per call would show 1, 2, …).
    expect(results.every((r) => r.committedBefore === undefined)).toBe(true);
    expect(committedValueOf('a')).toBe(50);
  });

  it('rolls back a call that throws alone; the others commit and its caller gets the error', async () => {
    const boom = () => {
      add('b', 100)();
      throw new Error('refused');
    };
    const outcomes = await Promise.allSettled([commits.run(add('b', 1)), commits.run(boom), commits.run(add('b', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(committedValueOf('b')).toBe(2);
  });

  it(`commits at most ${MAX_BATCH} calls per transaction and runs the rest in the next turn`, async () => {
    const n = MAX_BATCH * 2 + 1;
    const results = await Promise.all(Array.from({ length: n }, () => commits.run(add('d', 1))));
    expect(results[n - 1]!.value).toBe(n);
    // Each batch sees the batches before it committed, and nothing of its own.
    const committedBefore = results.map((r) => r.committedBefore ?? 0);
    expect(committedBefore.slice(0, MAX_BATCH).every((v) => v === 0)).toBe(true);
    expect(committedBefore.slice(MAX_BATCH, 2 * MAX_BATCH).every((v) => v === MAX_BATCH)).toBe(true);
    expect(committedBefore[2 * MAX_BATCH]).toBe(2 * MAX_BATCH);
  });

  it('fails every call of a batch whose transaction cannot begin, and commits none of them', async () => {
    const other = new Database(join(dir, 'test.sqlite'));
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([commits.run(add('e', 1)), commits.run(add('e', 1))]);
    other.exec('ROLLBACK');
    other.close();
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'SQLITE_BUSY')).toBe(true);
    expect(valueOf('e')).toBeUndefined();
  });

  it(`refuses calls beyond ${MAX_WAITING} waiting at once, UNAVAILABLE with retryAfterMs, and runs none of them`, async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: MAX_WAITING + 10 }, () => commits.run(add('f', 1))));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason.toBody()).toMatchObject({ code: 'UNAVAILABLE', retryAfterMs: OVERLOADED_RETRY_AFTER_MS });
    }
    expect(committedValueOf('f')).toBe(MAX_WAITING);
    // Once the line has drained, calls are taken again.
    expect((await commits.run(add('f', 1))).value).toBe(MAX_WAITING + 1);
  });
});
