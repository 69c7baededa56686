import { ErrorCode, type ErrorBody } from '../shared/error-codes.ts';
import { REFUSALS, type RefusalKey } from './domain/refusals.ts';

/** An error meant for the client: a code, a message, and the failing field when there is one. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra fields merged into the error body (e.g. `opensAt`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
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
