/**
 * Waiting for a SQLite lock another process holds, without freezing the event
 * loop.
 *
 * better-sqlite3 is synchronous: while SQLite's busy handler waits for a lock,
 * nothing else in the process runs (no /healthz, no socket). So the busy
 * timeout is short (`SHORT_BUSY_TIMEOUT_MS`, set by openDatabase once the
 * schema is in place), and a call that still meets SQLITE_BUSY is tried again
 * later, asynchronously, with a growing pause, for up to `BUSY_RETRY_BUDGET_MS`;
 * then it is refused UNAVAILABLE (503, Retry-After).
 *
 * Trying a call again is safe because every engine and store method writes in
 * one transaction (or one statement): SQLITE_BUSY means it wrote nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UNAVAILABLE_RETRY_AFTER_MS } from '../dependency-state.ts';
import { refused } from '../errors.ts';

/** How long one attempt may block the event loop waiting for a lock. */
export const SHORT_BUSY_TIMEOUT_MS = 15;
/** How long a call keeps trying before it is refused. */
export const BUSY_RETRY_BUDGET_MS = 2_000;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 200;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, …). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs `call`; while it fails with SQLITE_BUSY, runs it again after a pause, until the budget is spent. */
export async function withBusyRetry<T>(call: () => Promise<T>, budgetMs = BUSY_RETRY_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    try {
      return await call();
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() + pause > deadline) throw refused('storage.busy', undefined, { retryAfterMs: UNAVAILABLE_RETRY_AFTER_MS });
      await sleep(pause);
    }
  }
}

/**
 * `target` with every method that returns a promise run through
 * `withBusyRetry`: the engine/store boundary, applied by the constructors of
 * SqliteEngine, SqlitePerksEngine and SqliteStore (each returns its instance
 * wrapped, so whoever builds one gets it). Methods run on the real object, so a
 * method calling another is not retried twice; properties and synchronous
 * methods pass through unchanged.
 */
export function retryingOnBusy<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value: unknown = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const first: unknown = value.apply(obj, args);
        if (!(first instanceof Promise)) return first;
        return first.catch((err: unknown) => {
          if (!isBusy(err)) throw err;
          // The first attempt already waited its busy timeout: pause before the next.
          return sleep(FIRST_PAUSE_MS).then(() => withBusyRetry(() => value.apply(obj, args) as Promise<unknown>));
        });
      };
    },
  });
}
