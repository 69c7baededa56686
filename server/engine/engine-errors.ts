/**
 * Domain failures of engine primitives, as the negative codes the Lua scripts
 * return, mapped to AppError by one function that every engine uses (bullmq's
 * `error-code.ts` habit): the SQLite engine can return the same codes from its
 * transaction bodies, so both engines fail with the same code and message.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';

/** Negative, never reused; add new ones at the end. */
export const EngineFailure = {
  /** spend: the balance does not cover the cost. */
  INSUFFICIENT_POINTS: -1,
} as const;
export type EngineFailure = (typeof EngineFailure)[keyof typeof EngineFailure];

const failures: Record<EngineFailure, { code: ErrorCode; message: string }> = {
  [EngineFailure.INSUFFICIENT_POINTS]: { code: ErrorCode.INSUFFICIENT_POINTS, message: 'not enough points' },
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
