/**
 * Every key the server derives from domain facts, in one place so that no two
 * uses can drift apart or collide.
 *
 * Ledger idempotency keys are deterministic: the same event always yields the
 * same key, so a retried or replayed event (or two processes racing) applies once.
 */
export const ledgerKey = {
  watch: (streamId: string, memberId: string, n: number) => `${ledgerKey.watchPrefix(streamId, memberId)}${n}`,
  /** What every watch award key of (show, member) starts with; the award number follows (beatAward-11.lua appends it). */
  watchPrefix: (streamId: string, memberId: string) => `watch:${streamId}:${memberId}:`,
  chest: (streamId: string, memberId: string, n: number) => `chest:${streamId}:${memberId}:${n}`,
  checkin: (memberId: string, day: string) => `checkin:${memberId}:${day}`,
  like: (streamId: string, memberId: string, requestId: string) => `like:${streamId}:${memberId}:${requestId}`,
  comment: (streamId: string, memberId: string, requestId: string) =>
    `comment:${streamId}:${memberId}:${requestId}`,
  share: (streamId: string, referrerId: string, referredId: string) => `share:${streamId}:${referrerId}:${referredId}`,
  /** A referral pays once per referred member ever, whoever referred them and in whichever show. */
  referral: (referredId: string) => `referral:${referredId}`,
  /** The spend of a paid lottery entry: one per member and lottery. */
  lottery: (lotteryId: string, memberId: string) => `lottery:${lotteryId}:${memberId}`,
  /**
   * The refund of that spend when the lottery is cancelled: one per entry, so
   * a retried cancel never refunds twice. Under the lottery's prefix (below),
   * so it leaves the engine with the entry's spend key.
   */
  lotteryRefund: (lotteryId: string, memberId: string) => `lottery:${lotteryId}:refund:${memberId}`,
  /** The points of a shop order: however often the shop delivers it, they pay once. */
  purchase: (orderId: string) => `purchase:${orderId}`,
  /** The reversal of a shop refund's share of purchase points: however often the shop delivers it, taken back once. */
  refund: (refundId: string) => `refund:${refundId}`,
};

/**
 * The starts of every idempotency key bound to one show (the `ledgerKey`s
 * above that take a streamId first), and of the paid entries of one lottery:
 * what a show's retirement removes from the engine once nothing can apply
 * them any more. Each ends with ':' so one show's prefix is never the start of
 * another's.
 */
export const showLedgerKeyPrefixes = (streamId: string): string[] =>
  ['watch', 'chest', 'like', 'comment', 'share'].map((kind) => `${kind}:${streamId}:`);
export const lotteryLedgerKeyPrefix = (lotteryId: string): string => `lottery:${lotteryId}:`;

/**
 * Sliding-window counters (Engine.hit): a member counted once per key within
 * the window, so a retried request (same member id, e.g. a requestId) is a
 * duplicate, not a second hit.
 */
export const windowKey = {
  like: (streamId: string, memberId: string) => `like:${streamId}:${memberId}`,
  comment: (streamId: string, memberId: string) => `comment:${streamId}:${memberId}`,
  commentFlood: (memberId: string) => `comment-flood:${memberId}`,
  /** Slow mode (moderation): one comment per member per show per window. */
  commentSlow: (streamId: string, memberId: string) => `comment-slow:${streamId}:${memberId}`,
  /** The room's comment ceiling (moderation): comments a show broadcasts per second. */
  commentRoom: (streamId: string) => `comment-room:${streamId}`,
  share: (streamId: string, referrerId: string) => `share:${streamId}:${referrerId}`,
  /** A sharer's paid referrals over the last 24 h (rules share.maxPerDay). */
  shareDay: (referrerId: string) => `share-day:${referrerId}`,
  /** Referred members whose referral was paid (ids: the referred member; forever). */
  referralPaid: (referredId: string) => `referral-paid:${referredId}`,
  /** Network addresses a member used over the last 24 h (ids: the address). */
  memberAddresses: (memberId: string) => `addresses:${memberId}`,
  /** A member's first arrival in a show (forever, durable: a reconnect after a restart is no arrival). */
  badgeJoined: (streamId: string, memberId: string) => `badge-joined:${streamId}:${memberId}`,
  /** All "joined" badges of a show, capped per window. */
  badgesJoinedInShow: (streamId: string) => `badge-joined:${streamId}`,
};

/** A room push gate (Engine.hit, shared by every process): one push of `name` for `key` per window. */
export const pushGateKey = (name: string, key: string) => `push:${name}:${key}`;

/** Authentication throttle counters (services/auth-throttle.ts): per (account, address) and per address, by kind. */
export const throttleKey = {
  accountAddress: (kind: string, account: string, address: string) => `${kind}:${account}@${address}`,
  address: (kind: string, address: string) => `${kind}@${address}`,
};

/**
 * The guest connections one address holds on /live, counted as the presence
 * of a place (Engine.join/leave, swept when a process dies like a show's), so
 * the cap holds across processes. '@' never appears in a show id.
 */
export const guestPoolKey = (address: string) => `guests@${address}`;
