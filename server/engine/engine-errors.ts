/**
 * Domain failures of engine primitives, as the negative codes the Lua scripts
 * return, mapped to AppError by one function that every engine uses (bullmq's
 * `error-code.ts` habit): the SQLite engine can return the same codes from its
 * transaction bodies, so both engines fail with the same code and message.
 * Codes, statuses and messages are the refusal table's (domain/refusals.ts);
 * this file only says which entry each negative number stands for.
 */
import { claimRefusalKey, type RefusalKey } from '../domain/refusals.ts';
import { AppError, refused } from '../errors.ts';
import type { ClaimDecision, ClaimRefusal } from './perks-engine.ts';

/** Negative, never reused; add new ones at the end. */
export const EngineFailure = {
  /** spend: the balance does not cover the cost. */
  INSUFFICIENT_POINTS: -1,
  /** enterLottery / closeLottery: the lottery was never defined. */
  LOTTERY_NOT_FOUND: -2,
  /** enterLottery: entries are closed. */
  LOTTERY_CLOSED: -3,
  // Claim refusals: answers (ClaimDecision), not exceptions; see claimRefused below.
  DROP_NOT_FOUND: -4,
  DROP_CLOSED: -5,
  DROP_NOT_OPEN: -6,
  SOLD_OUT: -7,
  LIMIT_REACHED: -8,
} as const;
export type EngineFailure = (typeof EngineFailure)[keyof typeof EngineFailure];

/** Each failure code's entry in the refusal table (domain/refusals.ts): its code, status and message. */
const failures: Record<EngineFailure, RefusalKey> = {
  [EngineFailure.INSUFFICIENT_POINTS]: 'points.insufficient',
  [EngineFailure.LOTTERY_NOT_FOUND]: 'lottery.notFound',
  [EngineFailure.LOTTERY_CLOSED]: 'lottery.closed',
  [EngineFailure.DROP_NOT_FOUND]: 'drop.notFound',
  [EngineFailure.DROP_CLOSED]: 'drop.closed',
  [EngineFailure.DROP_NOT_OPEN]: 'drop.notOpen',
  [EngineFailure.SOLD_OUT]: 'drop.soldOut',
  [EngineFailure.LIMIT_REACHED]: 'drop.limitReached',
};

/** The claim refusal each claim entry of the table is (the reverse of claimRefusalKey). */
const claimRefusalOf = new Map<RefusalKey, ClaimRefusal>(
  (Object.entries(claimRefusalKey satisfies Record<ClaimRefusal, RefusalKey>) as [ClaimRefusal, RefusalKey][]).map(([r, key]) => [key, r]),
);

const refusalKeyOf = (code: number): RefusalKey | undefined => (failures as Record<number, RefusalKey | undefined>)[code];

/** True when a script or transaction result is a failure code rather than a value. */
export function isEngineFailure(result: unknown): result is number {
  return typeof result === 'number' && result < 0;
}

/**
 * The AppError for a failure code. `details` go into the error body (e.g. the
 * cost asked). An unknown code is a bug in a script, not a client error.
 */
export function engineError(code: number, details?: Record<string, unknown>): AppError | Error {
  const key = refusalKeyOf(code);
  if (!key) return new Error(`engine script returned unknown failure code ${code}`);
  return refused(key, undefined, details);
}

/**
 * The refused ClaimDecision for a claim failure code (both perks engines
 * return these codes from the claim step). Any other code is a bug.
 */
export function claimRefused(code: number, remaining: number): ClaimDecision {
  const key = refusalKeyOf(code);
  const refusal = key && claimRefusalOf.get(key);
  if (!refusal) throw new Error(`claim step returned unexpected failure code ${code}`);
  return { ok: false, refusal, remaining };
}
