/**
 * Verified watch time. Pure rules, one function per engine step: beginWatch,
 * accrueWatch (accrue on the state or a new one), creditWatch, touchWatch,
 * markChestClaimed, and addShowWatch for the show's stats. The SQLite engine
 * loads, calls them and stores inside one transaction; the Lua scripts
 * (watchBegin, watchAccrue, watchCredit, watchTouch, watchChest) mirror them
 * and name them in their headers; test/differential/watch.test.ts holds the
 * three to the same replies and state.
 */
import type { Rules } from '../../shared/rules.ts';

// What watch time pays is shared with the viewer room; the server pays it (watch-service).
export { dueWatchAwards } from '../../shared/domain/watch-rewards.ts';

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

/**
 * The state a step that creates one works on: the stored one, or a new one
 * with no referrer (accrual and credit may come before any beginWatch).
 */
export function watchStateOrNew(state: WatchState | null, nowMs: number): WatchState {
  return state ?? newWatchState(nowMs, null);
}

/**
 * A member starts watching a show: the first time the state is created (with
 * the referrer, which is kept for good), afterwards it counts as an
 * interaction (lastInteractionAt = nowMs, even when earlier).
 */
export function beginWatch(state: WatchState | null, nowMs: number, referrerId: string | null): { firstVisit: boolean; state: WatchState } {
  if (state === null) return { firstVisit: true, state: newWatchState(nowMs, referrerId) };
  return { firstVisit: false, state: { ...state, lastInteractionAt: nowMs } };
}

/** One beat on the member's state, which is created first when absent. */
export function accrueWatch(state: WatchState | null, beat: Beat): Accrual {
  return accrue(watchStateOrNew(state, beat.nowMs), beat);
}

/** Watch time credited directly (a guest's accrued time on sign-up); the state is created first when absent. */
export function creditWatch(state: WatchState | null, ms: number, nowMs: number): { state: WatchState; previousTotalMs: number } {
  const before = watchStateOrNew(state, nowMs);
  return { state: { ...before, totalMs: before.totalMs + ms }, previousTotalMs: before.totalMs };
}

/**
 * An interaction: the idle clock restarts from the latest one seen (a late
 * report never moves it back). No state: null, nothing to store (interactions
 * before the member began watching do not create one).
 */
export function touchWatch(state: WatchState | null, nowMs: number): WatchState | null {
  return state === null ? null : { ...state, lastInteractionAt: Math.max(state.lastInteractionAt, nowMs) };
}

/**
 * Chests claimed so far: only ever grows, so a retried claim of an earlier
 * chest changes nothing. No state: null, nothing to store.
 */
export function markChestClaimed(state: WatchState | null, n: number): WatchState | null {
  return state === null ? null : { ...state, chestsClaimed: Math.max(state.chestsClaimed, n) };
}

/** A show's watch statistics: credited watch time of all its members. */
export interface ShowWatch {
  watchMs: number;
}

/** Every credit (accrued or direct) adds to the show's watch time. */
export function addShowWatch(stats: ShowWatch, creditedMs: number): ShowWatch {
  return { ...stats, watchMs: stats.watchMs + creditedMs };
}

/** Beat limits from the rules: the cap is twice the heartbeat period. */
export function beatLimits(rules: Rules): { capMs: number; idleAfterMs: number } {
  return { capMs: 2 * rules.watch.heartbeatSeconds * 1000, idleAfterMs: rules.watch.idleAfterSeconds * 1000 };
}


export function chestsAvailable(state: Pick<WatchState, 'totalMs' | 'chestsClaimed'>, rules: Rules): number {
  return Math.max(0, Math.floor(state.totalMs / (rules.watch.chestEverySeconds * 1000)) - state.chestsClaimed);
}

/** Watch time a referred member must reach before the referrer's share pays. */
export const SHARE_QUALIFY_MS = 60_000;
