/**
 * Missions (issue 14): the list, with the member's progress in the period
 * running now. Nothing is counted here: the server counts, and the room reads
 * GET /api/missions again when something may have moved it — points earned,
 * watch time credited, a stage reached (`mission:completed`), a (re)join, a
 * period rolling over — through one gate, so a like storm costs a read every
 * couple of seconds, not one per like (logic/refresh-gate.ts).
 */
import type { MissionCompletedEvent, MissionView } from '../../../shared/missions.ts';
import { missionsRefreshWanted, nextRollover, type MissionsCause } from '../logic/missions.ts';
import { RefreshGate } from '../logic/refresh-gate.ts';
import type { Slice } from './index.ts';
import { readForViewer } from './member-call.ts';

/** At most one read of the missions this often when pushes ask for it. */
export const MISSIONS_READ_GAP_MS = 2000;
/** A read answers a push at least this long after it: the server counts the event a moment after pushing its points. */
export const MISSIONS_SETTLE_MS = 500;
/** After a period ends, wait this long before reading the next one (clocks differ a little). */
const ROLLOVER_SLACK_MS = 1500;
/** setTimeout's longest delay; a later rollover is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface MissionsSlice {
  missions: MissionView[];
  /** GET /api/missions now, with the token held (a guest's list has no `mine`); asked for meanwhile, it reads once more after */
  loadMissions: () => Promise<void>;
  /** a read soon, when `cause` could show something new (logic/missions.ts), through the gate */
  refreshMissions: (cause: MissionsCause) => void;
  /** the member reached a stage: a toast, and their missions read again */
  applyMissionCompleted: (e: MissionCompletedEvent) => void;
  /** signed out: no one's progress shown, the list read again as a guest's */
  resetMissions: () => void;
  /** the room left: nothing more is read for it */
  stopMissions: () => void;
}

export const createMissionsSlice: Slice<MissionsSlice> = (deps) => (set, get) => {
  let rollover: unknown = null;
  const read = readForViewer(
    get,
    (token) => deps.api.missions(token),
    ({ missions }) => {
      set({ missions });
      watchRollover(missions);
    },
  );
  const gate = new RefreshGate(() => void read(), deps, MISSIONS_READ_GAP_MS, MISSIONS_SETTLE_MS);

  /** A daily, weekly or monthly mission starts again from 0 when its period ends: read it then. */
  function watchRollover(missions: MissionView[]): void {
    if (rollover !== null) deps.clearTimeout(rollover);
    rollover = null;
    const at = nextRollover(missions, get().serverNow());
    if (at === null) return;
    const wait = Math.min(at - get().serverNow() + ROLLOVER_SLACK_MS, MAX_TIMER_MS);
    rollover = deps.setTimeout(() => {
      rollover = null;
      gate.ask(false);
    }, wait);
  }

  return {
    missions: [],
    loadMissions: read,

    refreshMissions(cause) {
      const s = get();
      if (!missionsRefreshWanted(s.missions, cause, s.token !== null)) return;
      gate.ask(cause !== 'join');
    },

    applyMissionCompleted(e) {
      get().pushToast({ kind: 'mission', title: e.title, delta: e.reward.points, reward: e.reward });
      get().refreshMissions('completed');
    },

    resetMissions() {
      set((s) => ({ missions: s.missions.map(({ mine: _mine, ...m }) => m) }));
      void read();
    },

    stopMissions() {
      gate.cancel();
      if (rollover !== null) deps.clearTimeout(rollover);
      rollover = null;
    },
  };
};
