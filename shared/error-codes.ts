/**
 * Every error a client can see carries one of these codes. One object, shared by
 * the server, the viewer room, the dashboard and the overlay. Never reuse a code
 * for a different meaning; add a new one instead.
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_LIVE: 'NOT_LIVE',
  NOT_READY: 'NOT_READY',
  INSUFFICIENT_POINTS: 'INSUFFICIENT_POINTS',
  NOT_OPEN: 'NOT_OPEN',
  TIER_TOO_LOW: 'TIER_TOO_LOW',
  SOLD_OUT: 'SOLD_OUT',
  LIMIT_REACHED: 'LIMIT_REACHED',
  CLOSED: 'CLOSED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The wire shape of an error, in HTTP bodies (`{ error }`) and socket acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** HTTP status for each code; sockets carry the code alone. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  NOT_LIVE: 409,
  NOT_READY: 409,
  INSUFFICIENT_POINTS: 409,
  NOT_OPEN: 409,
  TIER_TOO_LOW: 403,
  SOLD_OUT: 409,
  LIMIT_REACHED: 409,
  CLOSED: 409,
  INTERNAL: 500,
};
