/** RewardRecords on SQLite (table rewards, migration 10 in sqlite/sqlite-database.ts): the record as JSON beside its key. */
import type { Redemption, RewardRecord } from '../../shared/rewards.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { RewardRecords } from './reward-records.ts';

function prepare(db: SqliteDatabase) {
  return {
    put: db.prepare<[string, string, number]>(`INSERT INTO rewards (id, json, created_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json`),
    byId: db.prepare<[string], { json: string }>('SELECT json FROM rewards WHERE id = ?'),
    all: db.prepare<[], { json: string }>('SELECT json FROM rewards ORDER BY created_at, id'),
    // A settled redemption never changes again: only a pending row takes the new state.
    upsertRedemption: db.prepare<[{ id: string; rewardId: string; memberId: string; requestId: string; status: string; json: string; createdAt: number }]>(
      `INSERT INTO redemptions (id, reward_id, member_id, request_id, status, json, created_at)
       VALUES (@id, @rewardId, @memberId, @requestId, @status, @json, @createdAt)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, json = excluded.json WHERE redemptions.status = 'pending'`,
    ),
    redemptionsOf: db.prepare<[string], { json: string }>('SELECT json FROM redemptions WHERE member_id = ? ORDER BY created_at DESC, id DESC'),
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

  upsertRedemptions(redemptions: Redemption[]): void {
    for (const r of redemptions) {
      this.q.upsertRedemption.run({ id: r.id, rewardId: r.rewardId, memberId: r.memberId, requestId: r.requestId, status: r.status, json: JSON.stringify(r), createdAt: r.createdAt });
    }
  }

  async storedRedemptions(memberId: string): Promise<Redemption[]> {
    return this.q.redemptionsOf.all(memberId).map((row) => JSON.parse(row.json) as Redemption);
  }

  async listRewards(): Promise<RewardRecord[]> {
    return this.q.all.all().map((r) => JSON.parse(r.json) as RewardRecord);
  }
}
