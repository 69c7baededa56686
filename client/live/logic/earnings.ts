/** What watching is worth, from the rules and credited seconds. Pure. */
import type { Rules } from '../../../shared/rules.ts';

type WatchRules = Pick<Rules['watch'], 'everySeconds' | 'points'>;

/** Points a guest would have earned for `creditedSeconds` of verified watch time (base rate). */
export function wouldHaveEarned(creditedSeconds: number, watch: WatchRules): number {
  if (watch.everySeconds <= 0) return 0;
  return Math.floor(Math.max(0, creditedSeconds) / watch.everySeconds) * watch.points;
}

/** Seconds of watching until the next watch reward, and how far along (0–1). */
export function nextWatchReward(creditedSeconds: number, watch: WatchRules): { secondsLeft: number; fraction: number } {
  const every = Math.max(1, watch.everySeconds);
  const into = Math.max(0, creditedSeconds) % every;
  return { secondsLeft: every - into, fraction: into / every };
}
