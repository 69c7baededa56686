/**
 * What verified watch time pays, written once for the server (the watch
 * service pays these awards) and for the viewer room (a guest's "you would
 * have earned", the next reward's progress, a member's rate per award). Pure.
 */
import type { Rules, Tier } from '../rules.ts';

/** Base points scaled by the tier multiplier, rounded to whole points. */
export function multiplied(base: number, tier: Pick<Tier, 'multiplier'>): number {
  return Math.round(base * tier.multiplier);
}

/**
 * Watch award numbers due after crediting from `previousTotalMs` to `totalMs`:
 * award n is earned when `n × everySeconds` of watch time is reached. The last
 * due number is always included, so a retry after a crash between crediting and
 * awarding still pays (the award key makes it idempotent).
 */
export function dueWatchAwards(previousTotalMs: number, totalMs: number, everySeconds: number): number[] {
  const everyMs = everySeconds * 1000;
  const from = Math.floor(previousTotalMs / everyMs);
  const to = Math.floor(totalMs / everyMs);
  const due: number[] = [];
  for (let n = Math.max(from, 1); n <= to; n++) due.push(n);
  return due;
}

type WatchRules = Pick<Rules['watch'], 'everySeconds' | 'points'>;

/** Base-rate points `totalMs` of watch time earns from the start of a show (what a guest would have had). */
export function watchPointsFor(totalMs: number, watch: WatchRules): number {
  return dueWatchAwards(0, Math.max(0, totalMs), watch.everySeconds).length * watch.points;
}

/** Watch time until the next watch award, and how far along the current one is (0–1). */
export function nextWatchAward(totalMs: number, watch: Pick<WatchRules, 'everySeconds'>): { msLeft: number; fraction: number } {
  const everyMs = Math.max(1, watch.everySeconds * 1000);
  const into = Math.max(0, totalMs) % everyMs;
  return { msLeft: everyMs - into, fraction: into / everyMs };
}
