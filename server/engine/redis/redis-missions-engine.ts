/**
 * MissionsEngine on Redis, riding on a RedisEngine's connection, prefix and
 * scripts. A mission's keys share its `{mi:<id>}` slot, so a step and the
 * stage counts it moves are one script (lua/missionProgress-3.lua, mirroring
 * domain/missions.ts decideProgress); a batch is one pipeline. Progress keys
 * expire five weeks after their period ends.
 */
import type { Redis } from 'ioredis';
import type { ProgressOutcome, ProgressStep } from '../../domain/missions.ts';
import { requireProgressStep } from '../engine-args.ts';
import type { MissionsEngine, ProgressRef } from '../missions-engine.ts';
import type { RedisEngine } from './redis-engine.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RunScript } from './redis-scripts.ts';

export class RedisMissionsEngine implements MissionsEngine {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly run: RunScript;

  constructor(engine: RedisEngine) {
    const shared = engine.shared;
    this.redis = shared.redis;
    this.keys = shared.keys;
    this.run = shared.runScript;
  }

  async progress(steps: ProgressStep[]): Promise<ProgressOutcome[]> {
    for (const step of steps) requireProgressStep(step);
    // ioredis pipelines commands issued in the same tick: one round trip for the batch.
    const replies = await Promise.all(
      steps.map((step) => {
        const k = this.keys.mission(step.missionId);
        return this.run(
          'missionProgress',
          [k.total(step.memberId, step.period), k.events(step.memberId, step.period), k.completions],
          [step.eventKey ?? '', step.amount, step.expiresAt, ...step.targets],
        ) as Promise<number[]>;
      }),
    );
    return replies.map(([total, counted, ...reached]) => ({ total: Number(total), counted: Number(counted) === 1, reached: reached.map(Number) }));
  }

  async totals(refs: ProgressRef[]): Promise<number[]> {
    if (refs.length === 0) return [];
    const values = await Promise.all(refs.map((r) => this.redis.get(this.keys.mission(r.missionId).total(r.memberId, r.period))));
    return values.map((v) => Number(v ?? 0));
  }

  /** Progress keys carry PEXPIREAT: Redis forgets them itself. */
  async forgetExpired(): Promise<number> {
    return 0;
  }

  async completions(missionId: string, stages: number): Promise<number[]> {
    const counts = await this.redis.hgetall(this.keys.mission(missionId).completions);
    return Array.from({ length: stages }, (_, i) => Number(counts[String(i + 1)] ?? 0));
  }
}
