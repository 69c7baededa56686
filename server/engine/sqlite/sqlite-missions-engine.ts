/**
 * MissionsEngine on the embedded database: each step reads the stored total
 * and whether its event key was counted, decides with domain/missions.ts
 * decideProgress and writes the result, all inside one group-commit piece of
 * work, so steps from two processes (SQLite's lock) or two callers never
 * interleave. Expired rows go in an hourly sweep (forgetExpired); a period's
 * key is never reused, so until then they are never read as current.
 */
import { decideProgress, progressKey, type ProgressOutcome, type ProgressStep } from '../../domain/missions.ts';
import { retryingOnBusy } from '../../sqlite/busy-retry.ts';
import { groupCommitOf, type GroupCommit } from '../../sqlite/group-commit.ts';
import { MISSIONS_ENGINE_TABLES, type SqliteDatabase } from '../../sqlite/sqlite-database.ts';
import { requireProgressStep } from '../engine-args.ts';
import type { MissionsEngine, ProgressRef } from '../missions-engine.ts';

function prepareStatements(db: SqliteDatabase) {
  return {
    total: db.prepare<[string], { total: number }>('SELECT total FROM mission_progress WHERE key = ?'),
    countEvent: db.prepare<[string, string, number]>('INSERT INTO mission_events (progress_key, event_key, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    setTotal: db.prepare<[string, number, number]>(
      'INSERT INTO mission_progress (key, total, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET total = excluded.total, expires_at = excluded.expires_at',
    ),
    completed: db.prepare<[string, number]>(
      'INSERT INTO mission_completions (mission_id, stage, members) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET members = members + 1',
    ),
    completions: db.prepare<[string], { stage: number; members: number }>('SELECT stage, members FROM mission_completions WHERE mission_id = ?'),
    // A few thousand rows per statement, so one sweep never holds the write lock for long.
    forgetProgress: db.prepare<[number]>('DELETE FROM mission_progress WHERE rowid IN (SELECT rowid FROM mission_progress WHERE expires_at < ? LIMIT 5000)'),
    forgetEvents: db.prepare<[number]>(
      'DELETE FROM mission_events WHERE (progress_key, event_key) IN (SELECT progress_key, event_key FROM mission_events WHERE expires_at < ? LIMIT 5000)',
    ),
  };
}

export class SqliteMissionsEngine implements MissionsEngine {
  readonly kind = 'sqlite' as const;
  private readonly q: ReturnType<typeof prepareStatements>;
  private readonly commits: GroupCommit;

  /** The database shared with SqliteEngine and SqliteStore (the caller closes it). */
  constructor(private readonly db: SqliteDatabase) {
    this.q = prepareStatements(db);
    this.commits = groupCommitOf(db);
    return retryingOnBusy(this);
  }

  async resetForTests(): Promise<void> {
    this.db.transaction(() => {
      for (const table of MISSIONS_ENGINE_TABLES) this.db.exec(`DELETE FROM ${table}`);
    }).immediate();
  }

  async progress(steps: ProgressStep[]): Promise<ProgressOutcome[]> {
    for (const step of steps) requireProgressStep(step);
    if (steps.length === 0) return [];
    return this.commits.run(() => steps.map((step) => this.step(step)));
  }

  private step(step: ProgressStep): ProgressOutcome {
    const key = progressKey(step);
    const seen = step.eventKey !== null && this.q.countEvent.run(key, step.eventKey, step.expiresAt).changes === 0;
    const outcome = decideProgress({ total: this.q.total.get(key)?.total ?? 0, seen }, step);
    if (!outcome.counted) return outcome;
    this.q.setTotal.run(key, outcome.total, step.expiresAt);
    for (const stage of outcome.reached) this.q.completed.run(step.missionId, stage);
    return outcome;
  }

  async totals(refs: ProgressRef[]): Promise<number[]> {
    return refs.map((ref) => this.q.total.get(progressKey(ref))?.total ?? 0);
  }

  async forgetExpired(now: number): Promise<number> {
    let forgotten = 0;
    for (;;) {
      const removed = await this.commits.run(() => this.q.forgetProgress.run(now).changes + this.q.forgetEvents.run(now).changes);
      forgotten += removed;
      if (removed === 0) return forgotten;
    }
  }

  async completions(missionId: string, stages: number): Promise<number[]> {
    const counts = new Map(this.q.completions.all(missionId).map((r) => [r.stage, r.members]));
    return Array.from({ length: stages }, (_, i) => counts.get(i + 1) ?? 0);
  }
}
