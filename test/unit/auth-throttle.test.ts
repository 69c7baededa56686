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
  const wrong = () => Promise.reject(new AppError('UNAUTHENTICATED', 'wrong handle or password'));
  const right = async () => 'token';

  it('locks the pair at the limit, longer each time, and a success forgets the history', async () => {
    const throttle = new MemoryThrottle();
    const auth = new AuthThrottle(throttle, LIMITS, silent);
    // The family AuthThrottle counts failures in: resetting a key here stands in for its lockout running out.
    const pairFailures = throttle.counter({ name: 'auth-fail-pair', points: LIMITS.failuresPerAccountAddress, durationSeconds: FAILURE_WINDOW_SECONDS });
    const pair = throttleKey.accountAddress('login', 'member:ann', '10.0.0.1');
    const lockouts: number[] = [];
    for (let round = 0; round < 3; round++) {
      // Case variants of the handle share one counter.
      for (const handle of ['Ann', 'ANN', 'ann']) expect((await refusal(auth.attempt('login', '10.0.0.1', handle, wrong))).code).toBe('UNAUTHENTICATED');
      const err = await refusal(auth.attempt('login', '10.0.0.1', 'ann', right));
      expect(err.code).toBe('RATE_LIMITED');
      lockouts.push(Math.round((err.details!.retryAfterMs as number) / 1000));
      expect(await auth.attempt('login', '10.0.0.2', 'ann', right)).toBe('token'); // the owner, elsewhere
      await pairFailures.reset(pair);
    }
    expect(lockouts).toEqual([60, 120, 240]);
    expect(await auth.attempt('login', '10.0.0.1', 'ann', right)).toBe('token');
    for (let i = 0; i < LIMITS.failuresPerAccountAddress; i++) await refusal(auth.attempt('login', '10.0.0.1', 'ann', wrong));
    const err = await refusal(auth.attempt('login', '10.0.0.1', 'ann', right));
    expect(Math.round((err.details!.retryAfterMs as number) / 1000)).toBe(60);
  });

  it('counts attempts in flight: a concurrent flood runs at most the limit before the lockout', async () => {
    const auth = new AuthThrottle(new MemoryThrottle(), LIMITS, silent);
    let ran = 0;
    const slowWrong = async () => {
      ran++;
      await new Promise((r) => setTimeout(r, 20));
      throw new AppError('UNAUTHENTICATED', 'wrong host key');
    };
    const replies = await Promise.all(Array.from({ length: 40 }, () => refusal(auth.attempt('host', '10.0.0.9', undefined, slowWrong))));
    expect(ran).toBe(LIMITS.failuresPerAccountAddress);
    expect(replies.filter((e) => e.code === 'UNAUTHENTICATED')).toHaveLength(LIMITS.failuresPerAccountAddress);
    expect(replies.filter((e) => e.code === 'RATE_LIMITED')).toHaveLength(40 - LIMITS.failuresPerAccountAddress);
    // Now locked: a minute, not the in-flight second.
    const locked = await refusal(auth.attempt('host', '10.0.0.9', undefined, right));
    expect(locked.details!.retryAfterMs as number).toBeGreaterThan(50_000);
    expect(await auth.attempt('host', '10.0.0.8', undefined, right)).toBe('token');
  });

  it('never holds back a burst of genuine shop sign-ons from one address (no hashing: no in-flight cap)', async () => {
    const auth = new AuthThrottle(new MemoryThrottle(), LIMITS, silent);
    const slowRight = () => new Promise<string>((r) => setTimeout(() => r('token'), 10));
    const replies = await Promise.all(Array.from({ length: 3 * LIMITS.failuresPerAddress }, () => auth.attempt('sso', '10.0.0.6', undefined, slowRight)));
    expect(replies.every((r) => r === 'token')).toBe(true);
  });

  it('does not count other errors (a bad assertion shape, a busy line) as failures', async () => {
    const auth = new AuthThrottle(new MemoryThrottle(), LIMITS, silent);
    for (let i = 0; i < 10; i++) await refusal(auth.attempt('sso', '10.0.0.7', undefined, () => Promise.reject(new AppError('VALIDATION', 'assertion name'))));
    expect(await auth.attempt('sso', '10.0.0.7', undefined, right)).toBe('token');
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
