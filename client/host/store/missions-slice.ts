/**
 * Missions as the host runs them (issue 14): every mission, archived ones
 * too, with how many members reached each stage — read when the Missions
 * area opens and again every few seconds while it stays open (nothing is
 * pushed for them) — created, edited and archived.
 */
import { CreateMissionBody, PatchMissionBody, type MissionView } from '../../../shared/missions.ts';
import type { MissionInput, MissionPatch } from '../logic/mission-form.ts';
import { problemOf } from '../logic/problems.ts';
import { authed, sendParsed } from './call.ts';
import type { Slice } from './index.ts';
import type { Outcome } from './types.ts';

export interface MissionsSlice {
  /** newest first */
  missions: MissionView[];
  missionsStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** mission ids with an edit in flight */
  missionBusy: Record<string, true>;
  /** Reads the missions again; `quiet`: a background refresh, failures not announced. */
  loadMissions(quiet?: boolean): Promise<void>;
  createMission(input: MissionInput): Promise<Outcome>;
  patchMission(id: string, patch: MissionPatch): Promise<Outcome>;
}

const newestFirst = (missions: MissionView[]) => [...missions].sort((a, b) => b.createdAt - a.createdAt);

export const createMissionsSlice: Slice<MissionsSlice> = (deps) => (set, get) => {
  // Only the newest news lands: a read that set out before a mission was saved would show it unsaved.
  let generation = 0;
  const putMission = (mission: MissionView) => {
    generation++;
    set((s) => ({ missions: newestFirst([mission, ...s.missions.filter((m) => m.id !== mission.id)]) }));
  };
  const setBusy = (id: string, on: boolean) =>
    set((s) => {
      const { [id]: _, ...rest } = s.missionBusy;
      return { missionBusy: on ? { ...rest, [id]: true as const } : rest };
    });

  return {
    missions: [],
    missionsStatus: 'idle',
    missionBusy: {},

    async loadMissions(quiet = false) {
      const mine = ++generation;
      if (get().missionsStatus !== 'ready') set({ missionsStatus: 'loading' });
      try {
        const { missions } = await authed(get, (t) => deps.api.listMissions(t));
        if (mine === generation) set({ missions: newestFirst(missions), missionsStatus: 'ready' });
      } catch (err) {
        if (mine !== generation) return;
        if (get().missionsStatus !== 'ready') set({ missionsStatus: 'error' });
        if (!quiet) get().notify('error', problemOf(err), 'missions-load');
      }
    },

    createMission(input) {
      return sendParsed(get, CreateMissionBody, input, (t, body) => deps.api.createMission(t, body), ({ mission }) => {
        putMission(mission);
        get().notify('success', { key: 'missions.created', params: { title: mission.title } });
      });
    },

    async patchMission(id, patch) {
      setBusy(id, true);
      const outcome = await sendParsed(get, PatchMissionBody, patch, (t, body) => deps.api.patchMission(t, id, body), ({ mission }) => {
        putMission(mission);
        const key = patch.archived === true ? 'missions.archivedNotice' : patch.archived === false ? 'missions.unarchivedNotice' : 'missions.savedNotice';
        get().notify('success', { key, params: { title: mission.title } });
      });
      setBusy(id, false);
      return outcome;
    },
  };
};
