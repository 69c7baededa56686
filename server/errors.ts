import { ErrorCode, type ErrorBody } from '../shared/error-codes.ts';
import { REFUSALS, type RefusalKey } from './domain/refusals.ts';

/**
 * An error meant for the client: a code, a message, and the failing field when there is one.
 * It is an answer, not a fault: no stack trace is captured (under a flood of refusals, capturing
 * one per refusal was a measurable share of the server's CPU), and none is logged.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  /** Extra fields merged into the error body (e.g. `opensAt`). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, field?: string, details?: Record<string, unknown>) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'AppError';
    this.code = code;
    if (field !== undefined) this.field = field;
    if (details !== undefined) this.details = details;
  }

  toBody(): ErrorBody & Record<string, unknown> {
    return { ...this.details, code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'not allowed for this role') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'sign in first') => new AppError(ErrorCode.UNAUTHENTICATED, message);

/** The AppError for a domain refusal: its code and message come from the one table (domain/refusals.ts). */
export function refused(key: RefusalKey, field?: string, details?: Record<string, unknown>): AppError {
  const { code, message } = REFUSALS[key];
  return new AppError(code, message, field, details);
}
