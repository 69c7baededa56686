/**
 * Verified watch time. Pure rules; engines apply `accrue` atomically (the SQLite
 * engine calls it inside a transaction, the Redis engine mirrors it in
 * `watch-accrue.lua`; the engine contract suite holds both to the same answers).
 */
import type { Rules } from '../../shared/rules.ts';

/** Per member per show. Times are epoch ms. */
export interface WatchState {
  /** Last accepted (visible and playing) beat; null when the clock is stopped. */
  lastBeatAt: number | null;
  /** Last interaction (join counts as one); accrual pauses `idleAfter` after it. */
  lastInteractionAt: number;
  /** Credited watch time so far in this show. */
  totalMs: number;
  /** Chests claimed so far in this show. */
  chestsClaimed: number;
  /** Member whose share link brought this member to the show for the first time. */
  referrerId: string | null;
}

export interface Beat {
  nowMs: number;
  /** visible and playing */
  countable: boolean;
  capMs: number;
  idleAfterMs: number;
}

export interface Accrual {
  state: WatchState;
  creditedMs: number;
  previousTotalMs: number;
  paused: boolean;
}

/**
 * Credit the real time since the previous accepted beat, capped; a beat that is
 * not countable credits nothing and stops the clock; while idle nothing accrues
 * and the clock stays stopped until an interaction restarts it.
 */
export function accrue(state: WatchState, beat: Beat): Accrual {
  const paused = beat.nowMs - state.lastInteractionAt >= beat.idleAfterMs;
  let creditedMs = 0;
  let lastBeatAt: number | null = null;
  if (beat.countable && !paused) {
    if (state.lastBeatAt !== null) {
      creditedMs = Math.min(Math.max(beat.nowMs - state.lastBeatAt, 0), beat.capMs);
    }
    lastBeatAt = state.lastBeatAt === null ? beat.nowMs : Math.max(state.lastBeatAt, beat.nowMs);
  }
  return {
    state: { ...state, lastBeatAt, totalMs: state.totalMs + creditedMs },
    creditedMs,
    previousTotalMs: state.totalMs,
    paused,
  };
}

export function newWatchState(nowMs: number, referrerId: string | null): WatchState {
  return { lastBeatAt: null, lastInteractionAt: nowMs, totalMs: 0, chestsClaimed: 0, referrerId };
}

/** Beat limits from the rules: the cap is twice the heartbeat period. */
export function beatLimits(rules: Rules): { capMs: number; idleAfterMs: number } {
  return { capMs: 2 * rules.watch.heartbeatSeconds * 1000, idleAfterMs: rules.watch.idleAfterSeconds * 1000 };
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

export function chestsAvailable(state: Pick<WatchState, 'totalMs' | 'chestsClaimed'>, rules: Rules): number {
  return Math.max(0, Math.floor(state.totalMs / (rules.watch.chestEverySeconds * 1000)) - state.chestsClaimed);
}

/** Watch time a referred member must reach before the referrer's share pays. */
export const SHARE_QUALIFY_MS = 60_000;
