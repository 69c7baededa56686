/**
 * Missions (issue 14): the host's mission records, in the store (SQLite in
 * embedded and Redis modes, MongoDB in services mode). Members' progress is
 * the MissionsEngine's; this is what each mission asks and pays.
 */
import type { Mission } from '../../shared/missions.ts';

export interface MissionRecords {
  /** Inserts the mission, or replaces the record with the same id (last write wins). */
  putMission(mission: Mission): Promise<void>;
  missionById(id: string): Promise<Mission | null>;
  /** Every mission, archived ones too, oldest first (ties by id). */
  listMissions(): Promise<Mission[]>;
}
