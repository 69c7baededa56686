/**
 * MissionsEngine (issue 14): members' progress on missions, one atomic step
 * per move decided by server/domain/missions.ts decideProgress — SQLite in
 * one transaction per batch, Redis in one Lua script per step
 * (lua/missionProgress-3.lua). Paying a reached stage is the service's, keyed
 * so it happens once; the engine only says which step reached it.
 * test/contract/missions-engine-contract.ts holds both to the same answers.
 */
import type { ProgressOutcome, ProgressStep } from '../domain/missions.ts';

export type { ProgressOutcome, ProgressStep } from '../domain/missions.ts';

export interface ProgressRef {
  missionId: string;
  memberId: string;
  period: string;
}

export interface MissionsEngine {
  readonly kind: 'sqlite' | 'redis';
  /** Each step atomic, in order; a batch is one transaction or one pipeline. */
  progress(steps: ProgressStep[]): Promise<ProgressOutcome[]>;
  /** The stored totals (0 where nothing was counted or the period was forgotten). */
  totals(refs: ProgressRef[]): Promise<number[]>;
  /** Members who reached stage 1..stages of a mission, over every period. */
  completions(missionId: string, stages: number): Promise<number[]>;
  /** Forgets progress whose keep-until has passed (SQLite; Redis keys expire by themselves): how many rows went. */
  forgetExpired(now: number): Promise<number>;
}
