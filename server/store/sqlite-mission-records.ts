/** MissionRecords on SQLite (table missions, migration 13 in sqlite/sqlite-database.ts): the record as JSON beside its key. */
import type { Mission } from '../../shared/missions.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { MissionRecords } from './mission-records.ts';

function prepare(db: SqliteDatabase) {
  return {
    put: db.prepare<[string, string, number]>('INSERT INTO missions (id, json, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json'),
    byId: db.prepare<[string], { json: string }>('SELECT json FROM missions WHERE id = ?'),
    all: db.prepare<[], { json: string }>('SELECT json FROM missions ORDER BY created_at, id'),
  };
}

export class SqliteMissionRecords implements MissionRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(db: SqliteDatabase) {
    this.q = prepare(db);
  }

  async putMission(mission: Mission): Promise<void> {
    this.q.put.run(mission.id, JSON.stringify(mission), mission.createdAt);
  }

  async missionById(id: string): Promise<Mission | null> {
    const row = this.q.byId.get(id);
    return row ? (JSON.parse(row.json) as Mission) : null;
  }

  async listMissions(): Promise<Mission[]> {
    return this.q.all.all().map((r) => JSON.parse(r.json) as Mission);
  }
}
