/** RewardRecords on SQLite (table rewards, migration 10 in sqlite/sqlite-database.ts): the record as JSON beside its key. */
import type { RewardRecord } from '../../shared/rewards.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { RewardRecords } from './reward-records.ts';

function prepare(db: SqliteDatabase) {
  return {
    put: db.prepare<[string, string, number]>(`INSERT INTO rewards (id, json, created_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json`),
    byId: db.prepare<[string], { json: string }>('SELECT json FROM rewards WHERE id = ?'),
    all: db.prepare<[], { json: string }>('SELECT json FROM rewards ORDER BY created_at, id'),
  };
}

export class SqliteRewardRecords implements RewardRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(db: SqliteDatabase) {
    this.q = prepare(db);
  }

  async putReward(reward: RewardRecord): Promise<void> {
    this.q.put.run(reward.id, JSON.stringify(reward), reward.createdAt);
  }

  async rewardById(id: string): Promise<RewardRecord | null> {
    const row = this.q.byId.get(id);
    return row ? (JSON.parse(row.json) as RewardRecord) : null;
  }

  async listRewards(): Promise<RewardRecord[]> {
    return this.q.all.all().map((r) => JSON.parse(r.json) as RewardRecord);
  }
}
