/**
 * Verified watch time. Pure rules, one function per engine step: beginWatch,
 * accrueWatch (accrue on the state or a new one), creditWatch, touchWatch,
 * markChestClaimed, claimWatchClock (one show at a time), and addShowWatch for
 * the show's stats. One watch clock per member per show: credited time never
 * exceeds the wall-clock time since the first join (wallClockRoom), whatever
 * the tabs and upgraded guest connections. The SQLite engine loads, calls them
 * and stores inside one transaction; the Lua scripts (watchBegin, watchAccrue,
 * watchCredit, watchTouch, watchChest, watchClock) mirror them
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
  /**
   * When the member (or a guest connection that became the member) first
   * joined the show: credited time never exceeds now - firstJoinedAt.
   */
  firstJoinedAt: number;
  /** Part of totalMs credited from guest clocks on sign-up (not watched signed in). */
  guestMs: number;
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
 * One watch clock per member per show: whatever the tabs, reconnects and
 * upgraded guest connections, the credited time never exceeds the wall-clock
 * time since the first join. The room left under that ceiling.
 */
export function wallClockRoom(state: Pick<WatchState, 'firstJoinedAt' | 'totalMs'>, nowMs: number): number {
  return Math.max(0, nowMs - state.firstJoinedAt - state.totalMs);
}

/**
 * Credit the real time since the previous accepted beat, capped (and never
 * past the wall-clock ceiling, wallClockRoom); a beat that is not countable
 * credits nothing and stops the clock; while idle nothing accrues and the
 * clock stays stopped until an interaction restarts it.
 */
export function accrue(state: WatchState, beat: Beat): Accrual {
  const paused = beat.nowMs - state.lastInteractionAt >= beat.idleAfterMs;
  let creditedMs = 0;
  let lastBeatAt: number | null = null;
  if (beat.countable && !paused) {
    if (state.lastBeatAt !== null) {
      creditedMs = Math.min(Math.max(beat.nowMs - state.lastBeatAt, 0), beat.capMs, wallClockRoom(state, beat.nowMs));
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
  return { lastBeatAt: null, lastInteractionAt: nowMs, totalMs: 0, chestsClaimed: 0, referrerId, firstJoinedAt: nowMs, guestMs: 0 };
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

/**
 * A guest's accrued time credited on sign-up (the state is created first when
 * absent). The guest connection joined at `sinceMs`, so the member was in the
 * show from then on: firstJoinedAt moves back to it. The credit is `ms` at
 * most, and never more than the wall-clock room (wallClockRoom): however many
 * upgraded guest connections bring their clocks, the show's total stays within
 * now - firstJoinedAt. Counted in guestMs too (not watched signed in).
 */
export function creditWatch(
  state: WatchState | null,
  ms: number,
  sinceMs: number,
  nowMs: number,
): { state: WatchState; previousTotalMs: number; creditedMs: number } {
  const before = watchStateOrNew(state, nowMs);
  const firstJoinedAt = Math.min(before.firstJoinedAt, sinceMs);
  const creditedMs = Math.min(ms, wallClockRoom({ firstJoinedAt, totalMs: before.totalMs }, nowMs));
  return {
    state: { ...before, firstJoinedAt, totalMs: before.totalMs + creditedMs, guestMs: before.guestMs + creditedMs },
    previousTotalMs: before.totalMs,
    creditedMs,
  };
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

/**
 * How long a show holds the member's one clock after its last accepted beat:
 * the beat cap (twice the heartbeat period), never shorter, so a show taking
 * the clock over cannot credit time the previous one already credited.
 */
export function watchLeaseMs(rules: Rules): number {
  return beatLimits(rules).capMs;
}

/** Beat limits from the rules: the cap is twice the heartbeat period. */
export function beatLimits(rules: Rules): { capMs: number; idleAfterMs: number } {
  return { capMs: 2 * rules.watch.heartbeatSeconds * 1000, idleAfterMs: rules.watch.idleAfterSeconds * 1000 };
}


export function chestsAvailable(state: Pick<WatchState, 'totalMs' | 'chestsClaimed'>, rules: Rules): number {
  return Math.max(0, Math.floor(state.totalMs / (rules.watch.chestEverySeconds * 1000)) - state.chestsClaimed);
}

/** Watch time a referred member must reach signed in before the referrer's share pays. */
export const SHARE_QUALIFY_MS = 60_000;

/** Time watched signed in: credited time less what guest clocks brought on sign-up. */
export function signedInMs(state: Pick<WatchState, 'totalMs' | 'guestMs'>): number {
  return state.totalMs - state.guestMs;
}

/** The step that just credited time took the member's signed-in time across SHARE_QUALIFY_MS. */
export function referralQualifies(before: Pick<WatchState, 'totalMs' | 'guestMs'>, after: WatchState): boolean {
  return after.referrerId !== null && signedInMs(before) < SHARE_QUALIFY_MS && signedInMs(after) >= SHARE_QUALIFY_MS;
}

// ---- one show at a time -----------------------------------------------------

/**
 * Which show a member's watch clock runs in (per member, across shows): the
 * show of the last accepted countable beat (or guest credit), held until
 * `atMs + leaseMs`.
 */
export interface WatchClock {
  streamId: string;
  /** Last moment the holder's credit covered. */
  atMs: number;
}

export interface ClockClaim {
  /** The show may credit watch time now. */
  granted: boolean;
  /** The show holding the clock after this call. */
  holder: string;
  /**
   * Granted to a show that took the clock over from another: credit in it may
   * only cover time after this moment (the last the other show covered). null
   * when there is no such limit.
   */
  freeSinceMs: number | null;
  /** What to store: the new clock, or null when nothing changes. */
  clock: WatchClock | null;
}

/**
 * A member earns watch time in one show at a time. A show may take the clock
 * when nobody holds it, when it holds it already (renewed), or when the
 * holder's lease ran out (now >= atMs + leaseMs); otherwise it is refused and
 * nothing changes. The lease is the beat cap (beatLimits: 2 x heartbeat), so
 * the first credit of a show that takes over (at most capMs back from now)
 * never reaches into time the previous show credited.
 */
export function claimWatchClock(clock: WatchClock | null, streamId: string, nowMs: number, leaseMs: number): ClockClaim {
  if (clock === null) return { granted: true, holder: streamId, freeSinceMs: null, clock: { streamId, atMs: nowMs } };
  if (clock.streamId === streamId) {
    return { granted: true, holder: streamId, freeSinceMs: null, clock: { streamId, atMs: Math.max(clock.atMs, nowMs) } };
  }
  if (nowMs < clock.atMs + leaseMs) return { granted: false, holder: clock.streamId, freeSinceMs: null, clock: null };
  return { granted: true, holder: streamId, freeSinceMs: clock.atMs, clock: { streamId, atMs: nowMs } };
}

/** Guest time a sign-up may bring into a show the clock was just claimed for: none if refused, else what came after the previous show's last credit. */
export function guestCreditAllowed(claim: ClockClaim, guestMs: number, nowMs: number): number {
  if (!claim.granted) return 0;
  return claim.freeSinceMs === null ? guestMs : Math.max(0, Math.min(guestMs, nowMs - claim.freeSinceMs));
}
