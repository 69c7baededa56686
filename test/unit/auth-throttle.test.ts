/**
 * The pieces of the authentication throttles that need no server: the
 * lockout lengths, the doubling of repeated lockouts (AuthThrottle on the
 * memory Throttle), and the bounded password-hashing line.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { HashQueue } from '../../server/auth/hash-queue.ts';
import { FAILURE_WINDOW_SECONDS, lockoutSeconds, LOCKOUT_MAX_SECONDS } from '../../server/domain/auth-throttle.ts';
import { throttleKey } from '../../server/domain/keys.ts';
import { AppError } from '../../server/errors.ts';
import { AuthThrottle } from '../../server/services/auth-throttle.ts';
import { MemoryThrottle } from '../../server/services/throttle-flexible.ts';

const silent = pino({ level: 'silent' });
const LIMITS = { failuresPerAccountAddress: 3, failuresPerAddress: 100, signupsPerAddressPerHour: 2 };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('lockout lengths', () => {
  it('double from a minute per repeated lockout, up to a day', () => {
    expect([1, 2, 3, 4].map(lockoutSeconds)).toEqual([60, 120, 240, 480]);
    expect(lockoutSeconds(12)).toBe(LOCKOUT_MAX_SECONDS);
    expect(lockoutSeconds(1000)).toBe(LOCKOUT_MAX_SECONDS);
  });
});

describe('AuthThrottle', () => {
  it('locks the pair at the limit, longer each time, and a success forgets the history', async () => {
    const throttle = new MemoryThrottle();
    const auth = new AuthThrottle(throttle, LIMITS, silent);
    // The same family AuthThrottle counts in: resetting a key here stands in for its lockout running out.
    const pairFailures = throttle.counter({ name: 'auth-fail-pair', points: LIMITS.failuresPerAccountAddress, durationSeconds: FAILURE_WINDOW_SECONDS });
    const pair = throttleKey.accountAddress('login', 'member:ann', '10.0.0.1');
    const lockouts: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.failuresPerAccountAddress; i++) {
        await auth.admit('login', '10.0.0.1', 'Ann');
        await auth.failed('login', '10.0.0.1', 'ANN'); // case variants share one counter
      }
      const err = await refusal(auth.admit('login', '10.0.0.1', 'ann'));
      expect(err.code).toBe('RATE_LIMITED');
      lockouts.push(Math.round((err.details!.retryAfterMs as number) / 1000));
      await auth.admit('login', '10.0.0.2', 'ann'); // the owner, elsewhere
      await pairFailures.reset(pair);
    }
    expect(lockouts).toEqual([60, 120, 240]);
    await auth.succeeded('login', '10.0.0.1', 'ann');
    for (let i = 0; i < LIMITS.failuresPerAccountAddress; i++) await auth.failed('login', '10.0.0.1', 'ann');
    const err = await refusal(auth.admit('login', '10.0.0.1', 'ann'));
    expect(Math.round((err.details!.retryAfterMs as number) / 1000)).toBe(60);
  });

  it('caps sign-ups per address', async () => {
    const auth = new AuthThrottle(new MemoryThrottle(), LIMITS, silent);
    await auth.signup('10.0.0.1');
    await auth.signup('10.0.0.1');
    expect((await refusal(auth.signup('10.0.0.1'))).code).toBe('RATE_LIMITED');
    await auth.signup('10.0.0.2');
  });
});

describe('HashQueue', () => {
  it('runs at most inFlight at once, lets `waiting` more wait in order, and refuses the rest at once', async () => {
    const queue = new HashQueue(2, 2);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        release.push(() => resolve(n));
      });
    const runs = [0, 1, 2, 3].map((n) => queue.run(task(n)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.load).toEqual({ running: 2, waiting: 2 });
    const busy = await refusal(queue.run(task(4)));
    expect(busy.code).toBe('UNAVAILABLE');
    expect(busy.details).toEqual({ retryAfterMs: 1000 });
    release.shift()!();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    while (release.length) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a hash fails', async () => {
    const queue = new HashQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'ok')).toBe('ok');
  });
});
