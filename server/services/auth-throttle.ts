/**
 * Authentication throttles (issue 8): member login, host-key login and shop
 * SSO exchange are counted per (account, address) and per address, each with
 * a growing lockout (domain/auth-throttle.ts); sign-ups per address per hour.
 * A refused attempt answers RATE_LIMITED (429) with retryAfterMs (the HTTP
 * edge adds Retry-After). Every check comes before any password hashing, so a
 * locked address costs the server no scrypt.
 *
 * Failures are counted once known, so concurrent attempts would all pass a
 * check made before any of them failed: for the kinds that hash a secret
 * (login, host key) the attempts in flight are counted too, and failures plus
 * attempts in flight never exceed a limit. A flood of 40 at once from one
 * address hashes at most the limit's worth, then waits out the lockout. SSO
 * checks an HMAC (cheap), so a burst of genuine sign-ons from one address
 * (a carrier NAT at show start) is never held back by its own concurrency.
 *
 * Failures are logged (warn) with the address and the kind, never the secret;
 * refusals of a locked address only at debug, so a flood does not flood the log.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
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
import { AppError, refused } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Counter, Throttle } from './throttle.ts';

/** Lockout history and attempts in flight are counts, never limits of their own. */
const UNLIMITED = 1_000_000_000;
/** Attempts in flight are forgotten after this long (a process that died mid-attempt). */
const IN_FLIGHT_SECONDS = 60;
/** What a client refused because others' attempts from its address are still running is told to wait. */
const IN_FLIGHT_RETRY_MS = 1000;

export type AttemptKind = Exclude<AuthKind, 'signup'>;

interface Family {
  failures: Counter;
  lockouts: Counter;
  inFlight: Counter;
  limit: number;
}

export class AuthThrottle {
  private readonly pair: Family;
  private readonly address: Family;
  private readonly signups: Counter;

  constructor(
    throttle: Throttle,
    private readonly limits: AuthLimits,
    private readonly log: Logger,
  ) {
    const family = (name: string, limit: number): Family => ({
      failures: throttle.counter({ name: `auth-fail-${name}`, points: limit, durationSeconds: FAILURE_WINDOW_SECONDS }),
      lockouts: throttle.counter({ name: `auth-lock-${name}`, points: UNLIMITED, durationSeconds: LOCKOUT_MEMORY_SECONDS }),
      inFlight: throttle.counter({ name: `auth-busy-${name}`, points: UNLIMITED, durationSeconds: IN_FLIGHT_SECONDS }),
      limit,
    });
    this.pair = family('pair', limits.failuresPerAccountAddress);
    this.address = family('addr', limits.failuresPerAddress);
    this.signups = throttle.counter({ name: 'signup-addr', points: limits.signupsPerAddressPerHour, durationSeconds: SIGNUP_WINDOW_SECONDS });
  }

  /**
   * Runs one authentication attempt under the throttles: refuses it
   * (RATE_LIMITED) without running it when the address or the pair is locked
   * out or already has as many attempts failed and in flight as its limit;
   * otherwise runs it, counts an UNAUTHENTICATED from it as a failure (which
   * may start a lockout) and a success as the end of the pair's failures.
   */
  async attempt<T>(kind: AttemptKind, address: string, handle: string | undefined, run: () => Promise<T>): Promise<T> {
    const keys = keysOf(kind, address, handle);
    const claimed = await this.admit(kind, address, keys);
    try {
      const result = await run();
      await Promise.all([this.pair.failures.reset(keys.pair), this.pair.lockouts.reset(keys.pair)]);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) await this.failed(kind, address, handle, keys);
      throw err;
    } finally {
      // After the failure is counted, so failures plus attempts in flight never dip below the truth.
      if (claimed) await Promise.all([this.pair.inFlight.remove(keys.pair), this.address.inFlight.remove(keys.addr)]);
    }
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

  /** Refuses a locked or saturated key; true when the admitted attempt was counted in flight on both keys. */
  private async admit(kind: AttemptKind, address: string, keys: Keys): Promise<boolean> {
    const [pairWait, addrWait] = await Promise.all([this.pair.failures.blockedFor(keys.pair), this.address.failures.blockedFor(keys.addr)]);
    const wait = Math.max(pairWait, addrWait);
    if (wait > 0) {
      // Debug only: a flood of refusals must not become a flood of log lines (the lockout itself was logged).
      this.log.debug({ kind, address, locked: pairWait > 0 ? 'account-address' : 'address', retryAfterMs: wait }, 'auth attempt refused: locked out');
      throw refused('auth.throttled', undefined, { retryAfterMs: wait });
    }
    if (kind === 'sso') return false;
    const [pairOpen, addrOpen] = await Promise.all([this.claim(this.pair, keys.pair), this.claim(this.address, keys.addr)]);
    if (pairOpen && addrOpen) return true;
    await Promise.all([pairOpen && this.pair.inFlight.remove(keys.pair), addrOpen && this.address.inFlight.remove(keys.addr)]);
    this.log.debug({ kind, address }, 'auth attempt refused: the limit is taken by attempts in flight');
    throw refused('auth.throttled', undefined, { retryAfterMs: IN_FLIGHT_RETRY_MS });
  }

  /** Counts an attempt in flight on `key`; false (and nothing kept) when failures plus attempts would pass the limit. */
  private async claim(family: Family, key: string): Promise<boolean> {
    const [{ count: inFlight }, failures] = await Promise.all([family.inFlight.add(key), family.failures.current(key)]);
    if (failures + inFlight <= family.limit) return true;
    await family.inFlight.remove(key);
    return false;
  }

  /** A failed attempt: counts it against the pair and the address; the one that reaches a limit locks that key. */
  private async failed(kind: AttemptKind, address: string, handle: string | undefined, keys: Keys): Promise<void> {
    const [pairLock, addrLock] = await Promise.all([this.countFailure(this.pair, keys.pair), this.countFailure(this.address, keys.addr)]);
    this.log.warn(
      { kind, address, ...(kind === 'login' ? { handle } : {}), ...(pairLock || addrLock ? { lockedForSeconds: Math.max(pairLock, addrLock) } : {}) },
      'auth attempt failed',
    );
  }

  /** Returns the lockout length in seconds when this failure locked the key (lockoutSeconds(n), n its lockouts today), else 0. */
  private async countFailure(family: Family, key: string): Promise<number> {
    const { count } = await family.failures.add(key);
    // Exactly at the limit: one caller (the counter is atomic) starts the lockout.
    if (count !== family.limit) return 0;
    const { count: nth } = await family.lockouts.add(key);
    const seconds = lockoutSeconds(nth);
    await family.failures.block(key, seconds);
    return seconds;
  }
}

interface Keys {
  pair: string;
  addr: string;
}

function keysOf(kind: AttemptKind, address: string, handle?: string): Keys {
  return {
    pair: throttleKey.accountAddress(kind, throttledAccount(kind, handle), address),
    addr: throttleKey.address(kind, address),
  };
}
