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
  /** The server is too busy to take this now (e.g. the password-hashing line is full); retry after `retryAfterMs`. */
  UNAVAILABLE: 'UNAVAILABLE',
  /**
   * A service this needed stopped answering after the request reached it, so
   * whether it happened is not known (it may have). Unlike UNAVAILABLE, which
   * means nothing was done. Retrying with the same requestId is safe: nothing
   * is ever applied twice; or reload to see.
   */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** the host muted this member in this show for a while: their comments are refused until it ends */
  MUTED: 'MUTED',
  /** the host banned this member: they earn, claim, enter and comment nothing */
  BANNED: 'BANNED',
  /** the comment contains a word on the rules' blocked list */
  BLOCKED_WORD: 'BLOCKED_WORD',
  /** the show cannot end while it has open lotteries: draw or cancel them first (`lotteries` names them) */
  LOTTERIES_OPEN: 'LOTTERIES_OPEN',
  /** the lottery's rules exclude this member: a winner of the seller's recent draws, or an account younger than the minimum age */
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The wire shape of an error, in HTTP bodies (`{ error }`) and socket acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  /** RATE_LIMITED on a socket event: how long until the event's budget has room again. */
  /** RATE_LIMITED and MUTED: how long until trying again can succeed */
  retryAfterMs?: number;
}
