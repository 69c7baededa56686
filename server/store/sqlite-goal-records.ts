/** GoalRecords on SQLite (table community_goals, migration 15): the goal as JSON beside its show and status. */
import type { CommunityGoal } from '../../shared/community-goals.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { GoalRecords } from './goal-records.ts';

export class SqliteGoalRecords implements GoalRecords {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      put: db.prepare<[{ id: string; streamId: string; status: string; json: string; createdAt: number }]>(
        `INSERT INTO community_goals (id, stream_id, status, json, created_at) VALUES (@id, @streamId, @status, @json, @createdAt)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, json = excluded.json`,
      ),
      byId: db.prepare<[string], { json: string }>('SELECT json FROM community_goals WHERE id = ?'),
      ofStream: db.prepare<[string], { json: string }>('SELECT json FROM community_goals WHERE stream_id = ? ORDER BY created_at, id'),
      complete: db.prepare<[{ at: number; id: string }]>(
        `UPDATE community_goals SET status = 'completed', json = json_set(json, '$.status', 'completed', '$.completedAt', @at)
         WHERE id = @id AND status = 'active'`,
      ),
    };
  }

  async putGoal(goal: CommunityGoal): Promise<void> {
    this.q.put.run({ id: goal.id, streamId: goal.streamId, status: goal.status, json: JSON.stringify(goal), createdAt: goal.createdAt });
  }

  async goalById(id: string): Promise<CommunityGoal | null> {
    const row = this.q.byId.get(id);
    return row ? (JSON.parse(row.json) as CommunityGoal) : null;
  }

  async goalsOfStream(streamId: string): Promise<CommunityGoal[]> {
    return this.q.ofStream.all(streamId).map((r) => JSON.parse(r.json) as CommunityGoal);
  }

  async completeGoal(id: string, at: number): Promise<boolean> {
    return this.q.complete.run({ at, id }).changes > 0;
  }
}
