/**
 * How a drop's opening for one tier reads (issue 11): a window already passed
 * is simply "open now" (never its past clock time: "Gold 12:37" for a drop
 * created at 12:41 read as a mistake, and "Now · opens immediately · 4:00
 * early" said one thing three ways); a future one is a countdown, with its
 * clock time when it is more than a few minutes away.
 */
export type WindowTiming = { state: 'open' } | { state: 'soon'; inMs: number } | { state: 'later'; inMs: number; at: number };

/** Past this, a countdown alone is hard to place: the clock time is shown beside it. */
export const CLOCK_AFTER_MS = 15 * 60_000;

export function windowTiming(opensAt: number, now: number): WindowTiming {
  const inMs = opensAt - now;
  if (inMs <= 0) return { state: 'open' };
  return inMs < CLOCK_AFTER_MS ? { state: 'soon', inMs } : { state: 'later', inMs, at: opensAt };
}
