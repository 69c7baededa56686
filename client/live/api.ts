/** The HTTP routes the live room uses, typed (PROTOCOL.md). Public routes are called without a token. */
import { apiFetch } from '../common/api.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { GoalView } from '../../shared/community-goals.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { MissionView } from '../../shared/missions.ts';
import type { LeaderboardEntry, LedgerEntry, Member, MemberState, Stream } from '../../shared/models.ts';
import type { Claim, ClaimPayment, Drop, Lottery } from '../../shared/perks.ts';
import type { Redemption, RewardView } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';

const q = encodeURIComponent;

export interface AuthReply {
  token: string;
  member: Member;
}

/** The next points to expire and when (epoch ms), as GET /api/me tells them (PROTOCOL.md "Points expiry"). */
export interface Expiring {
  points: number;
  at: number;
}

/** The member's birthday for the yearly gift (PROTOCOL.md "Birthday gift"): no year. */
export interface Birthday {
  month: number;
  day: number;
  /** when it was given (epoch ms); it can change again a year later */
  setAt: number;
}

/** GET /api/me: the member state, and what expires next (null: nothing, or points never expire). */
export type MeReply = MemberState & { expiring?: Expiring | null };

export const api = {
  signup: (body: { handle: string; password: string; displayName?: string }) =>
    apiFetch<AuthReply>('/api/auth/signup', { body }),
  login: (body: { handle: string; password: string }) => apiFetch<AuthReply>('/api/auth/login', { body }),
  exchange: (assertion: string) => apiFetch<AuthReply>('/api/auth/exchange', { body: { assertion } }),
  /** Ends this session on the server (its token stops working everywhere). */
  logout: (token: string) => apiFetch<unknown>('/api/auth/logout', { token, method: 'POST' }),
  streams: (status?: 'scheduled' | 'live' | 'ended') =>
    apiFetch<{ streams: Stream[] }>(`/api/streams${status ? `?status=${status}` : ''}`),
  stream: (id: string) => apiFetch<{ stream: Stream; viewers: number; members: number }>(`/api/streams/${q(id)}`),
  rules: () => apiFetch<{ rules: Rules }>('/api/rules'),
  /** Also a visit: the server applies due expiries and the birthday gift before answering. */
  me: (token: string) => apiFetch<MeReply>('/api/me', { token }),
  birthday: (token: string) => apiFetch<{ birthday: Birthday | null }>('/api/me/birthday', { token }),
  /** CONFLICT (field `month`): another date within a year of the last; VALIDATION (field `day`): not a day of that month. */
  setBirthday: (token: string, body: { month: number; day: number }) =>
    apiFetch<{ birthday: Birthday }>('/api/me/birthday', { token, method: 'PUT', body }),
  ledger: (token: string, before?: string | null, limit = 20) =>
    apiFetch<{ entries: LedgerEntry[]; next?: string }>(`/api/me/ledger?limit=${limit}${before ? `&before=${q(before)}` : ''}`, { token }),
  myClaims: (token: string) => apiFetch<{ claims: Array<Claim & ClaimPayment> }>('/api/me/claims', { token }),
  leaderboard: (streamId: string, limit = 10) =>
    apiFetch<{ entries: LeaderboardEntry[] }>(`/api/leaderboard?streamId=${q(streamId)}&limit=${limit}`),
  drops: (streamId: string) => apiFetch<{ drops: Drop[] }>(`/api/streams/${q(streamId)}/drops`),
  lotteries: (streamId: string) => apiFetch<{ lotteries: Lottery[] }>(`/api/streams/${q(streamId)}/lotteries`),
  lottery: (id: string) => apiFetch<{ lottery: Lottery }>(`/api/lotteries/${q(id)}`),
  proof: (id: string) => apiFetch<{ proof: LotteryProof }>(`/api/lotteries/${q(id)}/proof`),
  /** The rewards catalogue; with a member's token each reward carries their own counts (`mine`). */
  rewards: (token: string | null) => apiFetch<{ rewards: RewardView[] }>('/api/rewards', { token }),
  /** The same requestId is the same redemption, charged once: a retry is safe. */
  redeem: (token: string, rewardId: string, requestId: string) =>
    apiFetch<{ redemption: Redemption; balance: number }>(`/api/rewards/${q(rewardId)}/redeem`, { token, body: { requestId } }),
  myRedemptions: (token: string) => apiFetch<{ redemptions: Redemption[] }>('/api/me/redemptions', { token }),
  /** The unarchived missions; with a member's token each carries their progress in the period running now (`mine`). */
  missions: (token: string | null) => apiFetch<{ missions: MissionView[] }>('/api/missions', { token }),
  /** The show's community goals (not archived) with the room's progress, in each metric's unit. */
  goals: (streamId: string) => apiFetch<{ goals: GoalView[] }>(`/api/streams/${q(streamId)}/goals`),
  /** The member's badges, oldest first. */
  badges: (token: string) => apiFetch<{ badges: MemberBadge[] }>('/api/me/badges', { token }),
};
