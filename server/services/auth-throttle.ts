/**
 * Authentication throttles (issue 8): member login, host-key login and shop
 * SSO exchange are counted per (account, address) and per address, each with
 * a growing lockout (domain/auth-throttle.ts); sign-ups per address per hour.
 * A refused attempt answers RATE_LIMITED (429) with retryAfterMs (the HTTP
 * edge adds Retry-After). The check comes before any password hashing, so a
 * locked address costs the server no scrypt.
 *
 * Failures are logged (warn) with the address and the kind, never the secret;
 * refusals of a locked address only at debug, so a flood does not flood the log.
 */
import {
  FAILURE_WINDOW_SECONDS,
  LOCKOUT_MEMORY_SECONDS,
  lockoutSeconds,
  SIGNUP_WINDOW_SECONDS,
  throttledAccount,
  type AuthKind,
  type AuthLimits,
} from '../domain/auth-throttle.ts';
import { throttleKey } from '../domain/keys.ts';
import { refused } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Counter, Throttle } from './throttle.ts';

/** Lockout history is a count, never a limit. */
const UNLIMITED = 1_000_000_000;

export type AttemptKind = Exclude<AuthKind, 'signup'>;

export class AuthThrottle {
  private readonly pairFailures: Counter;
  private readonly addressFailures: Counter;
  private readonly pairLockouts: Counter;
  private readonly addressLockouts: Counter;
  private readonly signups: Counter;

  constructor(
    throttle: Throttle,
    private readonly limits: AuthLimits,
    private readonly log: Logger,
  ) {
    const failures = (name: string, points: number) => throttle.counter({ name, points, durationSeconds: FAILURE_WINDOW_SECONDS });
    const lockouts = (name: string) => throttle.counter({ name, points: UNLIMITED, durationSeconds: LOCKOUT_MEMORY_SECONDS });
    this.pairFailures = failures('auth-fail-pair', limits.failuresPerAccountAddress);
    this.addressFailures = failures('auth-fail-addr', limits.failuresPerAddress);
    this.pairLockouts = lockouts('auth-lock-pair');
    this.addressLockouts = lockouts('auth-lock-addr');
    this.signups = throttle.counter({ name: 'signup-addr', points: limits.signupsPerAddressPerHour, durationSeconds: SIGNUP_WINDOW_SECONDS });
  }

  /** Refuses (RATE_LIMITED) when the address, or this account from this address, is locked out. Counts nothing. */
  async admit(kind: AttemptKind, address: string, handle?: string): Promise<void> {
    const { pair, addr } = keysOf(kind, address, handle);
    const [pairWait, addrWait] = await Promise.all([this.pairFailures.blockedFor(pair), this.addressFailures.blockedFor(addr)]);
    const wait = Math.max(pairWait, addrWait);
    if (wait > 0) {
      // Debug only: a flood of refusals must not become a flood of log lines (the lockout itself was logged).
      this.log.debug({ kind, address, locked: pairWait > 0 ? 'account-address' : 'address', retryAfterMs: wait }, 'auth attempt refused: locked out');
      throw refused('auth.throttled', undefined, { retryAfterMs: wait });
    }
  }

  /**
   * A failed attempt: counts it against the pair and the address; the one that
   * reaches a limit locks that key for lockoutSeconds(n), n its lockouts today.
   */
  async failed(kind: AttemptKind, address: string, handle?: string): Promise<void> {
    const { pair, addr } = keysOf(kind, address, handle);
    const [pairLock, addrLock] = await Promise.all([
      this.countFailure(this.pairFailures, this.pairLockouts, pair),
      this.countFailure(this.addressFailures, this.addressLockouts, addr),
    ]);
    this.log.warn(
      { kind, address, ...(kind === 'login' ? { handle } : {}), ...(pairLock || addrLock ? { lockedForSeconds: Math.max(pairLock, addrLock) } : {}) },
      'auth attempt failed',
    );
  }

  /** A success forgets the pair's failures and lockout history (not the address's). */
  async succeeded(kind: AttemptKind, address: string, handle?: string): Promise<void> {
    const { pair } = keysOf(kind, address, handle);
    await Promise.all([this.pairFailures.reset(pair), this.pairLockouts.reset(pair)]);
  }

  /** Counts one sign-up attempt from the address; refuses (RATE_LIMITED) past the hourly cap. */
  async signup(address: string): Promise<void> {
    const { count, msBeforeNext } = await this.signups.add(throttleKey.address('signup', address));
    if (count > this.limits.signupsPerAddressPerHour) {
      // The first refusal of the hour is a warning; the rest of a flood only debug lines.
      const level = count === this.limits.signupsPerAddressPerHour + 1 ? 'warn' : 'debug';
      this.log[level]({ kind: 'signup', address, retryAfterMs: msBeforeNext }, 'sign-up refused: cap per address');
      throw refused('auth.signupsCapped', undefined, { retryAfterMs: Math.max(1, msBeforeNext) });
    }
  }

  /** Returns the lockout length in seconds when this failure locked the key, else 0. */
  private async countFailure(failures: Counter, lockouts: Counter, key: string): Promise<number> {
    const { count } = await failures.add(key);
    // Exactly at the limit: one caller (the counter is atomic) starts the lockout.
    if (count !== failures.spec.points) return 0;
    const { count: nth } = await lockouts.add(key);
    const seconds = lockoutSeconds(nth);
    await failures.block(key, seconds);
    return seconds;
  }
}

function keysOf(kind: AttemptKind, address: string, handle?: string): { pair: string; addr: string } {
  return {
    pair: throttleKey.accountAddress(kind, throttledAccount(kind, handle), address),
    addr: throttleKey.address(kind, address),
  };
}
