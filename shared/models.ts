/**
 * Records as they travel to clients. Times are epoch milliseconds.
 */
import type { Tier } from './rules.ts';

export interface Member {
  id: string;
  handle: string | null; // null for members created by shop SSO
  displayName: string;
  externalId: string | null; // shop customer id (SSO)
  createdAt: number;
}

export type StreamStatus = 'scheduled' | 'live' | 'ended';

export interface Stream {
  id: string;
  title: string;
  playbackUrl: string | null;
  status: StreamStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

/** Why points moved. Positive reasons are "earned" and count toward tiers. */
export const LedgerReason = {
  watch: 'watch',
  chest: 'chest',
  checkin: 'checkin',
  like: 'like',
  comment: 'comment',
  share: 'share',
  purchase: 'purchase',
  lotteryEntry: 'lottery-entry',
  /** A paid lottery entry given back: the lottery was cancelled (issue 11). */
  lotteryRefund: 'lottery-refund',
  adjustment: 'adjustment',
  /** Purchase points taken back because the shop refunded the order (services/refund-service.ts). */
  purchaseReversal: 'purchase-reversal',
  /** Points spent on a reward of the rewards store (issue 13). */
  reward: 'reward',
  /** A rejected redemption's points given back. */
  rewardReturn: 'reward-return',
  /** The yearly birthday gift (issue 13). */
  birthday: 'birthday',
  /** A tier's welcome: points the first time a member reaches it (issue 13). */
  tierEntry: 'tier-entry',
  /** Points that ran out of time (rules' points.expireAfterDays), oldest first (issue 13). */
  expiry: 'expiry',
  /** A mission's stage reached (issue 14): key `mission:<id>:<member>:<period>:<stage>`. */
  mission: 'mission',
} as const;
export type LedgerReason = (typeof LedgerReason)[keyof typeof LedgerReason];

/** One append-only ledger line. `key` is the idempotency key: unique across the ledger. */
export interface LedgerEntry {
  id: string;
  key: string;
  memberId: string;
  delta: number;
  reason: LedgerReason;
  streamId: string | null;
  at: number;
}

export interface PresenceCount {
  viewers: number;
  members: number;
}

/** What a member sees of themselves (`GET /api/me`, join acks). */
export interface MemberState {
  member: Member;
  balance: number;
  tier: Tier;
  nextTier: Tier | null;
  superFan: boolean;
  earned365: number;
  /** today's check-in (a day in the rules' time zone) and the streak it made; null until the member checks in today */
  checkin: { streak: number } | null;
}

export interface LeaderboardEntry {
  memberId: string;
  displayName: string;
  points: number;
  tier: string;
}

/** An overlay token as the host lists it (the token itself is shown once, when made). */
export interface OverlayTokenInfo {
  id: string;
  createdAt: number;
  revokedAt: number | null;
  /** Wall-clock ms; null: made before expiries existed (lives until revoked or rotated). */
  expiresAt: number | null;
  status: 'active' | 'revoked' | 'expired';
}
