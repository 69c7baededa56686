/**
 * Domain failures of engine primitives, as the negative codes the Lua scripts
 * return, mapped to AppError by one function that every engine uses (bullmq's
 * `error-code.ts` habit): the SQLite engine can return the same codes from its
 * transaction bodies, so both engines fail with the same code and message.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
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

const failures: Record<EngineFailure, { code: ErrorCode; message: string }> = {
  [EngineFailure.INSUFFICIENT_POINTS]: { code: ErrorCode.INSUFFICIENT_POINTS, message: 'not enough points' },
  [EngineFailure.LOTTERY_NOT_FOUND]: { code: ErrorCode.NOT_FOUND, message: 'lottery not found' },
  [EngineFailure.LOTTERY_CLOSED]: { code: ErrorCode.CLOSED, message: 'the lottery is closed' },
  [EngineFailure.DROP_NOT_FOUND]: { code: ErrorCode.NOT_FOUND, message: 'drop not found' },
  [EngineFailure.DROP_CLOSED]: { code: ErrorCode.CLOSED, message: 'the drop is closed' },
  [EngineFailure.DROP_NOT_OPEN]: { code: ErrorCode.NOT_OPEN, message: 'the drop is not open yet' },
  [EngineFailure.SOLD_OUT]: { code: ErrorCode.SOLD_OUT, message: 'sold out' },
  [EngineFailure.LIMIT_REACHED]: { code: ErrorCode.LIMIT_REACHED, message: 'claim limit reached' },
};

const refusals: Partial<Record<EngineFailure, ClaimRefusal>> = {
  [EngineFailure.DROP_NOT_FOUND]: 'NOT_FOUND',
  [EngineFailure.DROP_CLOSED]: 'CLOSED',
  [EngineFailure.DROP_NOT_OPEN]: 'NOT_OPEN',
  [EngineFailure.SOLD_OUT]: 'SOLD_OUT',
  [EngineFailure.LIMIT_REACHED]: 'LIMIT_REACHED',
};

/** True when a script or transaction result is a failure code rather than a value. */
export function isEngineFailure(result: unknown): result is number {
  return typeof result === 'number' && result < 0;
}

/**
 * The AppError for a failure code. `details` go into the error body (e.g. the
 * cost asked). An unknown code is a bug in a script, not a client error.
 */
export function engineError(code: number, details?: Record<string, unknown>): AppError | Error {
  const known = (failures as Record<number, { code: ErrorCode; message: string } | undefined>)[code];
  if (!known) return new Error(`engine script returned unknown failure code ${code}`);
  return new AppError(known.code, known.message, undefined, details);
}

/**
 * The refused ClaimDecision for a claim failure code (both perks engines
 * return these codes from the claim step). Any other code is a bug.
 */
export function claimRefused(code: number, remaining: number): ClaimDecision {
  const refusal = (refusals as Record<number, ClaimRefusal | undefined>)[code];
  if (!refusal) throw new Error(`claim step returned unexpected failure code ${code}`);
  return { ok: false, refusal, remaining };
}
