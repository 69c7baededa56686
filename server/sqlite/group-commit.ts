/**
 * Group commit for the embedded engines (issue 10): the writes asked for in
 * one turn of the event loop are committed together, in one IMMEDIATE
 * transaction, so a like storm pays one fsync per batch instead of one per
 * like (synchronous = FULL: each commit waits for the disk, on the event loop).
 *
 * - Order: each piece of work runs in the order it was asked for, inside the
 *   batch, seeing the writes of those before it — the same decisions as when
 *   each had its own transaction.
 * - Isolation: each runs in its own SAVEPOINT (better-sqlite3 nests a
 *   transaction function called inside another as a savepoint), so one that
 *   throws is rolled back alone and its caller gets the error; the others
 *   still commit.
 * - Durability: every promise settles after the batch's COMMIT returned, so a
 *   resolved call (and the ack sent after it) still means on disk. A COMMIT (or
 *   BEGIN) that fails fails every call of the batch: none of them happened
 *   (a busy database is retried by busy-retry.ts, call by call).
 * - Bounded: at most MAX_BATCH pieces per transaction; the rest go in the next
 *   turn, so a burst never holds the event loop for one long transaction. And
 *   at most MAX_WAITING wait at all: beyond that a call is refused at once
 *   (UNAVAILABLE, `storage.overloaded`, with retryAfterMs) — under overload the
 *   server answers early instead of queueing without end while every caller's
 *   wait grows.
 */
import { refused } from '../errors.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

/** Pieces of work committed in one transaction at most (each is a few statements). */
export const MAX_BATCH = 256;
/** Pieces waiting at most: 64 batches, about a second of commits on a small machine (a 10,000-member like storm fits). */
export const MAX_WAITING = 64 * MAX_BATCH;
/** What a refused caller is told to wait. */
export const OVERLOADED_RETRY_AFTER_MS = 500;

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Told of each committed batch: how many calls, and how long it held the event loop. */
export type BatchObserver = (size: number, seconds: number) => void;

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private observer: BatchObserver | null = null;

  constructor(private readonly db: SqliteDatabase) {}

  /** For /metrics (server/metrics.ts). */
  observe(observer: BatchObserver): void {
    this.observer = observer;
  }

  /** Runs `work` (synchronous reads and writes) in the next batch; resolves with its result once the batch is committed. */
  run<T>(work: () => T): Promise<T> {
    if (this.queue.length >= MAX_WAITING) return Promise.reject(refused('storage.overloaded', undefined, { retryAfterMs: OVERLOADED_RETRY_AFTER_MS }));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commitBatch());
  }

  private commitBatch(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    if (!this.db.open) {
      for (const p of batch) p.reject(new Error('the database is closed'));
      return;
    }
    const outcomes: Outcome[] = [];
    const startedAt = performance.now();
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(p.work)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    this.observer?.(batch.length, (performance.now() - startedAt) / 1000);
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
}

const perDatabase = new WeakMap<SqliteDatabase, GroupCommit>();

/** The one group commit of a database, shared by every engine writing to it (so they batch together). */
export function groupCommitOf(db: SqliteDatabase): GroupCommit {
  let commits = perDatabase.get(db);
  if (!commits) perDatabase.set(db, (commits = new GroupCommit(db)));
  return commits;
}
