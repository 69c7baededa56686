/**
 * The one refusal table. A domain refusal ("the drop is sold out") has one
 * message key (its name here), one ErrorCode, one HTTP status and one
 * message, whoever finds it: a Lua script (its negative code is mapped in
 * engine/engine-errors.ts), the SQLite engine, or a service. Screens pick
 * their own words by code; the message is for logs, API users and tests.
 *
 * Pure data: building the AppError is `refused()` in server/errors.ts.
 */
import { ErrorCode } from '../../shared/error-codes.ts';

/** HTTP status for each code (the error middleware answers with it); sockets carry the code alone. */
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
  NOT_ELIGIBLE: 403,
  SOLD_OUT: 409,
  LIMIT_REACHED: 409,
  CLOSED: 409,
  UNAVAILABLE: 503,
  // The upstream (Redis) did not answer in time: the gateway-timeout status, not 503's "not handled".
  OUTCOME_UNKNOWN: 504,
  MUTED: 403,
  BANNED: 403,
  BLOCKED_WORD: 422,
  LOTTERIES_OPEN: 409,
  INTERNAL: 500,
};

export interface RefusalSpec {
  readonly code: ErrorCode;
  /** Always httpStatusOf[code]: a code never answers with two statuses. */
  readonly status: number;
  readonly message: string;
}

const refusal = (code: ErrorCode, message: string): RefusalSpec => ({ code, status: httpStatusOf[code], message });

/** Every domain refusal, by message key. Add new ones; never give a key a second meaning. */
export const REFUSALS = {
  'points.insufficient': refusal(ErrorCode.INSUFFICIENT_POINTS, 'not enough points'),
  'lottery.notFound': refusal(ErrorCode.NOT_FOUND, 'lottery not found'),
  'lottery.closed': refusal(ErrorCode.CLOSED, 'entries are closed'),
  // Show lifecycle (issue 11): a cancelled lottery is neither drawn nor entered again.
  'lottery.cancelled': refusal(ErrorCode.CONFLICT, 'the lottery was cancelled'),
  'lottery.drawn': refusal(ErrorCode.CONFLICT, 'the lottery has been drawn: it cannot be cancelled'),
  'lottery.recentWinner': refusal(ErrorCode.NOT_ELIGIBLE, "this lottery is for members who have not won the seller's recent draws"),
  'lottery.accountTooNew': refusal(ErrorCode.NOT_ELIGIBLE, 'this lottery is for accounts older than its minimum age'),
  'lottery.notWinner': refusal(ErrorCode.FORBIDDEN, 'only a winner, or an alternate the prize passed to, can claim it'),
  'lottery.claimExpired': refusal(ErrorCode.CLOSED, 'the claim window has passed: the prize went to the next alternate'),
  'lottery.drawing': refusal(ErrorCode.CONFLICT, 'the entries are frozen and the draw waits for its beacon round: it cannot be cancelled'),
  // An ended show sells nothing: claims and entries answer CLOSED whatever the drop's or lottery's own state.
  'stream.ended': refusal(ErrorCode.CLOSED, 'the show has ended'),
  'stream.lotteriesOpen': refusal(ErrorCode.LOTTERIES_OPEN, 'draw or cancel the open lotteries before ending the show'),
  'drop.notFound': refusal(ErrorCode.NOT_FOUND, 'drop not found'),
  'drop.closed': refusal(ErrorCode.CLOSED, 'the drop is closed'),
  'drop.notOpen': refusal(ErrorCode.NOT_OPEN, 'the drop is not open for your tier yet'),
  'drop.soldOut': refusal(ErrorCode.SOLD_OUT, 'sold out'),
  'drop.limitReached': refusal(ErrorCode.LIMIT_REACHED, 'you have claimed as many as allowed'),
  'auth.throttled': refusal(ErrorCode.RATE_LIMITED, 'too many failed attempts from this address; try again later'),
  'auth.signupsCapped': refusal(ErrorCode.RATE_LIMITED, 'too many sign-ups from this address; try again later'),
  'auth.busy': refusal(ErrorCode.UNAVAILABLE, 'too many sign-ins at once; try again shortly'),
  // Sessions (issue 9): a wrong current password is not a dead session, so it is not UNAUTHENTICATED.
  'auth.wrongPassword': refusal(ErrorCode.FORBIDDEN, 'the current password is wrong'),
  'auth.noPassword': refusal(ErrorCode.FORBIDDEN, 'this account signs in through the shop and has no password here'),
  'overlayToken.notFound': refusal(ErrorCode.NOT_FOUND, 'overlay token not found'),
  'overlayToken.revoked': refusal(ErrorCode.CONFLICT, 'this overlay token is revoked: create a new one'),
  // A dependency fails (issue 9): answered at once instead of hanging; retryAfterMs says when to try again.
  'dependency.unavailable': refusal(ErrorCode.UNAVAILABLE, 'a service this needs is not answering; try again shortly'),
  // Redis stopped answering after the command was sent: it may have run. Never answered as UNAVAILABLE (nothing ran).
  'dependency.outcomeUnknown': refusal(
    ErrorCode.OUTCOME_UNKNOWN,
    'a service this needs stopped answering after the request reached it, so it may have gone through; retrying with the same requestId is safe',
  ),
  'storage.busy': refusal(ErrorCode.UNAVAILABLE, 'the database is locked by another process; try again shortly'),
  // Overload (issue 10): more writes are waiting than the server can commit soon; refused at once instead of queued.
  'storage.overloaded': refusal(ErrorCode.UNAVAILABLE, 'the server is busier than it can keep up with; try again shortly'),
  // Admission control (realtime/admission.ts): this process has as much in hand as it may; the event did nothing.
  'server.busy': refusal(ErrorCode.UNAVAILABLE, 'the server is at capacity right now; try again after retryAfterMs'),
  // Realtime budgets (domain/budget.ts): the event did nothing; retryAfterMs says when to try again.
  'socket.overBudget': refusal(ErrorCode.RATE_LIMITED, 'too many events of this kind: slow down'),
  'socket.cutOff': refusal(ErrorCode.RATE_LIMITED, 'cut off for sending too many events: reconnect after retryAfterMs'),
  'socket.guestCap': refusal(ErrorCode.RATE_LIMITED, 'too many guest connections from this address: sign in to connect'),
  'member.notFound': refusal(ErrorCode.NOT_FOUND, 'member not found'),
  'member.banned': refusal(ErrorCode.BANNED, 'this member is banned'),
  // Deleting an account (DELETE /api/me) is confirmed the way the member signs in.
  'member.confirmWithPassword': refusal(ErrorCode.VALIDATION, 'confirm the deletion with your password'),
  'member.confirmWithShop': refusal(ErrorCode.VALIDATION, 'this account signs in through the shop: confirm with a fresh shop sign-in assertion'),
  'member.otherCustomer': refusal(ErrorCode.UNAUTHENTICATED, 'the shop sign-in is for another customer'),
  'comment.notFound': refusal(ErrorCode.NOT_FOUND, 'comment not found'),
  'comment.muted': refusal(ErrorCode.MUTED, 'you are muted in this show for now'),
  'comment.blockedWord': refusal(ErrorCode.BLOCKED_WORD, 'the comment contains a blocked word'),
  'comment.flood': refusal(ErrorCode.RATE_LIMITED, 'slow down: too many comments'),
  'comment.slowMode': refusal(ErrorCode.RATE_LIMITED, 'slow mode: wait before commenting again'),
  'comment.roomFull': refusal(ErrorCode.RATE_LIMITED, 'the room is busy: comment dropped'),
  // The rewards store (issue 13).
  'reward.notFound': refusal(ErrorCode.NOT_FOUND, 'reward not found'),
  'mission.notFound': refusal(ErrorCode.NOT_FOUND, 'mission not found'),
  'reward.closed': refusal(ErrorCode.CLOSED, 'this reward is no longer available'),
  'reward.notOpen': refusal(ErrorCode.NOT_OPEN, 'this reward is not available yet'),
  'reward.soldOut': refusal(ErrorCode.SOLD_OUT, 'this reward is sold out'),
  'reward.limitReached': refusal(ErrorCode.LIMIT_REACHED, 'you have redeemed this reward as often as allowed'),
  'reward.noPool': refusal(ErrorCode.VALIDATION, 'only a reward that hands out uploaded codes takes codes'),
  'birthday.locked': refusal(ErrorCode.CONFLICT, 'a birthday can be changed once a year'),
  'redemption.notFound': refusal(ErrorCode.NOT_FOUND, 'redemption not found'),
  'redemption.settled': refusal(ErrorCode.CONFLICT, 'the redemption was already settled the other way'),
  // A page on a site not in ALLOWED_ORIGINS (server/origin-policy.ts): the API and Socket.IO refuse it.
  'origin.notAllowed': refusal(ErrorCode.FORBIDDEN, 'requests from this origin are not allowed'),
} as const satisfies Record<string, RefusalSpec>;

export type RefusalKey = keyof typeof REFUSALS;

/**
 * The refusals a drop claim answers with (ClaimDecision.refusal, named by
 * their code) and their message keys.
 */
export const redeemRefusalKey = {
  NOT_FOUND: 'reward.notFound',
  CLOSED: 'reward.closed',
  NOT_OPEN: 'reward.notOpen',
  SOLD_OUT: 'reward.soldOut',
  LIMIT_REACHED: 'reward.limitReached',
  INSUFFICIENT_POINTS: 'points.insufficient',
} as const satisfies Record<string, RefusalKey>;

export const claimRefusalKey = {
  NOT_FOUND: 'drop.notFound',
  CLOSED: 'drop.closed',
  NOT_OPEN: 'drop.notOpen',
  SOLD_OUT: 'drop.soldOut',
  LIMIT_REACHED: 'drop.limitReached',
} as const satisfies Record<string, RefusalKey>;
