/**
 * Deterministic ledger idempotency keys: the same event always yields the same
 * key, so a retried or replayed event (or two processes racing) applies once.
 */
export const ledgerKey = {
  watch: (streamId: string, memberId: string, n: number) => `watch:${streamId}:${memberId}:${n}`,
  chest: (streamId: string, memberId: string, n: number) => `chest:${streamId}:${memberId}:${n}`,
  checkin: (memberId: string, day: string) => `checkin:${memberId}:${day}`,
  like: (streamId: string, memberId: string, requestId: string) => `like:${streamId}:${memberId}:${requestId}`,
  comment: (streamId: string, memberId: string, requestId: string) =>
    `comment:${streamId}:${memberId}:${requestId}`,
  share: (streamId: string, referrerId: string, referredId: string) => `share:${streamId}:${referrerId}:${referredId}`,
};
