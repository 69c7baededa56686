/**
 * Waiting for a SQLite lock asynchronously (server/sqlite/busy-retry.ts): a
 * busy call is tried again until it succeeds or the budget is spent (then
 * UNAVAILABLE); other errors and synchronous methods pass through untouched.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../../server/errors.ts';
import { isBusy, retryingOnBusy, withBusyRetry } from '../../server/sqlite/busy-retry.ts';

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });

describe('withBusyRetry', () => {
  it('tries a busy call again until it goes through', async () => {
    let calls = 0;
    const result = await withBusyRetry(async () => {
      if (++calls < 4) throw busy(calls === 2 ? 'SQLITE_BUSY_SNAPSHOT' : 'SQLITE_BUSY');
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(4);
  });

  it('gives up with UNAVAILABLE and retryAfterMs once the budget is spent', async () => {
    let calls = 0;
    const started = Date.now();
    const err = await withBusyRetry(async () => {
      calls++;
      throw busy();
    }, 150).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.UNAVAILABLE);
    expect((err as AppError).toBody().retryAfterMs).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const err = await withBusyRetry(async () => {
      calls++;
      throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('UNIQUE constraint failed');
    expect(calls).toBe(1);
    expect(isBusy(err)).toBe(false);
  });
});

describe('retryingOnBusy', () => {
  class Thing {
    readonly kind = 'thing';
    attempts = 0;
    async write(n: number): Promise<number> {
      if (++this.attempts < 3) throw busy();
      return this.double(n);
    }
    double(n: number): number {
      return n * 2;
    }
  }

  it('retries async methods on the real object, and leaves properties and sync methods alone', async () => {
    const thing = retryingOnBusy(new Thing());
    expect(thing.kind).toBe('thing');
    expect(thing.double(4)).toBe(8);
    expect(await thing.write(5)).toBe(10);
    expect(thing.attempts).toBe(3);
    expect(thing).toBeInstanceOf(Thing);
  });
});
