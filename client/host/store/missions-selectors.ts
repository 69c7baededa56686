/** Selectors of the missions (missions-slice.ts). */
import type { HostState } from './index.ts';

export const selectMissions = (s: HostState) => s.missions;
export const selectMissionsStatus = (s: HostState) => s.missionsStatus;
export const selectMissionBusy = (missionId: string) => (s: HostState) => s.missionBusy[missionId] === true;
