/**
 * When to try an outbound webhook again after a failed attempt (issue 13):
 * 1 s, 2 s, 4 s … doubling up to 10 minutes, so a shop that is down for a
 * while is not hammered and one that blinked gets its events within seconds.
 * Pure; time passed in.
 */
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 10 * 60_000;

/** `attempts` counts the attempt that just failed (1 after the first). */
export function nextAttemptAt(failedAt: number, attempts: number): number {
  return failedAt + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}
