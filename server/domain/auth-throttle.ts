/**
 * Authentication throttle rules (issue 8): how many failures an address, and
 * an (account, address) pair, may make before a lockout, and how long each
 * repeated lockout lasts. Pure: the counting is the Throttle port's
 * (services/throttle.ts), the order of checks is AuthThrottle's.
 *
 * Counters are per (account, address) and per address, never per account
 * alone: an attacker who locks an account from one address does not lock its
 * owner out from another.
 */

/** What was attempted: member password login, host-key login, shop SSO exchange, sign-up. */
export type AuthKind = 'login' | 'host' | 'sso' | 'signup';

export interface AuthLimits {
  /** Failures of one (account, address) pair within the window before a lockout (consecutive: a success resets). */
  failuresPerAccountAddress: number;
  /** Failures from one address (any account) within the window before a lockout. */
  failuresPerAddress: number;
  /** Sign-ups (attempts past validation) from one address per hour. */
  signupsPerAddressPerHour: number;
}

/** Window in which failures add up. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;
/** The first lockout; each repeated lockout of the same key within LOCKOUT_MEMORY_SECONDS doubles it. */
export const LOCKOUT_BASE_SECONDS = 60;
export const LOCKOUT_MAX_SECONDS = 24 * 3600;
/** How long a key's past lockouts count towards the next one's length. */
export const LOCKOUT_MEMORY_SECONDS = 24 * 3600;
export const SIGNUP_WINDOW_SECONDS = 3600;

/** Length of the n-th lockout (n >= 1) of one key: 60 s, 120 s, 240 s, ... capped at a day. */
export function lockoutSeconds(nth: number): number {
  const n = Math.max(1, Math.floor(nth));
  return Math.min(LOCKOUT_MAX_SECONDS, LOCKOUT_BASE_SECONDS * 2 ** Math.min(n - 1, 30));
}

/**
 * The account a failure is charged to, beside the address. A member login
 * names a handle (case folded, so case variants share one counter); the host
 * key and the shop's SSO have one account each (the assertion's subject is not
 * trusted before its signature is).
 */
export function throttledAccount(kind: AuthKind, handle?: string): string {
  return kind === 'login' ? `member:${(handle ?? '').toLowerCase()}` : kind;
}
