/**
 * The dashboard's HTTP calls, typed from the protocol (docs/PROTOCOL.md).
 * Thin: every call is `apiFetch` with the host token; errors are ApiError.
 */
import { ApiError, apiFetch } from '../common/api.ts';
import type { GoalView } from '../../shared/community-goals.ts';
import { ErrorCode, type ErrorBody } from '../../shared/error-codes.ts';
import type { BuiltInSegment, CreateSegmentBody, KpiRow, MemberPage, RepurchaseRanking, SavedSegment, ShowReport } from '../../shared/insights.ts';

export type { MemberPage, MemberRow, RepurchaseFeature, RepurchaseRanking } from '../../shared/insights.ts';
import type { ModerationEvent } from '../../shared/events.ts';
import type { MissionView } from '../../shared/missions.ts';
import type { Stream } from '../../shared/models.ts';
import type { Claim, CreateDropBody, CreateLotteryBody, Drop, Lottery, SellerClaimRow } from '../../shared/perks.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { Redemption, RedemptionStatus, RewardView } from '../../shared/rewards.ts';
import type { Rules } from '../../shared/rules.ts';
import type { GoalInput } from './logic/goal-form.ts';
import type { MissionInput, MissionPatch } from './logic/mission-form.ts';
import type { RewardInput, RewardPatch } from './logic/reward-form.ts';
import type { WebhookDelivery } from './logic/webhook-log.ts';
import type { z } from 'zod';

export type DropInput = z.input<typeof CreateDropBody>;
export type LotteryInput = z.input<typeof CreateLotteryBody>;

/** What one upload of codes did: new codes, codes the reward already had (skipped), and the pool's unused codes after it. */
export interface CodesAdded {
  added: number;
  duplicates: number;
  unused: number;
}

export interface OverlayTokenCreated {
  id: string;
  token: string;
  url: string;
  /** When the link stops working (ms). */
  expiresAt: number;
}

/** A download with the host token; errors come back as JSON, as everywhere. */
async function fetchOk(path: string, token: string): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (res.ok) return res;
  const text = await res.text();
  let error: (ErrorBody & Record<string, unknown>) | undefined;
  try {
    error = JSON.parse(text).error;
  } catch {
    // not JSON: a proxy's page
  }
  throw new ApiError(res.status, error ?? { code: ErrorCode.INTERNAL, message: `HTTP ${res.status}` });
}

/** A text download (CSV). */
const fetchText = async (path: string, token: string): Promise<string> => (await fetchOk(path, token)).text();
/** A file as the server sent it, byte for byte (the member CSV keeps its byte-order mark for spreadsheets). */
const fetchBlob = async (path: string, token: string): Promise<Blob> => (await fetchOk(path, token)).blob();

export const hostApi = {
  login: (hostKey: string) => apiFetch<{ token: string }>('/api/auth/host', { body: { hostKey } }),

  listShows: (token: string) => apiFetch<{ streams: Stream[] }>('/api/streams', { token }),
  createShow: (token: string, body: { title: string; playbackUrl?: string }) =>
    apiFetch<{ stream: Stream }>('/api/streams', { token, body }),
  startShow: (token: string, id: string) => apiFetch<{ stream: Stream }>(`/api/streams/${encodeURIComponent(id)}/start`, { token, body: {} }),
  endShow: (token: string, id: string) => apiFetch<{ stream: Stream }>(`/api/streams/${encodeURIComponent(id)}/end`, { token, body: {} }),
  /** What the show did, live or ended, with its change from the previous show (docs/INSIGHTS.md). */
  showReport: (token: string, id: string) => apiFetch<{ report: ShowReport }>(`/api/streams/${encodeURIComponent(id)}/report`, { token }),
  /** The programme's KPIs per interval (`query`: logic/kpis.ts kpisQuery). */
  kpis: (token: string, query: string) => apiFetch<{ rows: KpiRow[] }>(`/api/insights/kpis?${query}`, { token }),
  /** A page of the member list (`query`: logic/member-query.ts membersQuery). */
  listMembers: (token: string, query: string) => apiFetch<MemberPage>(`/api/members?${query}`, { token }),
  /** Every member the query matches, as CSV (`query` with format=csv). */
  membersCsv: (token: string, query: string) => fetchBlob(`/api/members?${query}`, token),
  listSegments: (token: string) => apiFetch<{ builtIn: BuiltInSegment[]; saved: SavedSegment[] }>('/api/segments', { token }),
  saveSegment: (token: string, body: CreateSegmentBody) => apiFetch<{ segment: SavedSegment }>('/api/segments', { token, body }),
  repurchase: (token: string, limit: number) => apiFetch<{ ranking: RepurchaseRanking }>(`/api/insights/repurchase?limit=${limit}`, { token }),

  listDrops: (streamId: string) => apiFetch<{ drops: Drop[] }>(`/api/streams/${encodeURIComponent(streamId)}/drops`),
  getDrop: (id: string) => apiFetch<{ drop: Drop }>(`/api/drops/${encodeURIComponent(id)}`),
  createDrop: (token: string, streamId: string, body: DropInput) =>
    apiFetch<{ drop: Drop }>(`/api/streams/${encodeURIComponent(streamId)}/drops`, { token, body }),
  closeDrop: (token: string, id: string) => apiFetch<{ drop: Drop }>(`/api/drops/${encodeURIComponent(id)}/close`, { token, body: {} }),
  confirmClaim: (token: string, claimId: string) =>
    apiFetch<{ claim: Claim }>(`/api/claims/${encodeURIComponent(claimId)}/confirm`, { token, body: {} }),

  listDropClaims: (token: string, dropId: string) =>
    apiFetch<{ claims: SellerClaimRow[] }>(`/api/drops/${encodeURIComponent(dropId)}/claims`, { token }),
  dropClaimsCsv: (token: string, dropId: string) => fetchText(`/api/drops/${encodeURIComponent(dropId)}/claims.csv`, token),
  lotteryWinnersCsv: (token: string, lotteryId: string) => fetchText(`/api/lotteries/${encodeURIComponent(lotteryId)}/winners.csv`, token),
  confirmByRef: (token: string, checkoutRef: string) => apiFetch<{ claim: Claim }>('/api/claims/confirm', { token, body: { checkoutRef } }),
  releaseClaim: (token: string, claimId: string) =>
    apiFetch<{ claim: Claim }>(`/api/claims/${encodeURIComponent(claimId)}/release`, { token, body: {} }),

  listLotteries: (streamId: string) => apiFetch<{ lotteries: Lottery[] }>(`/api/streams/${encodeURIComponent(streamId)}/lotteries`),
  createLottery: (token: string, streamId: string, body: LotteryInput) =>
    apiFetch<{ lottery: Lottery }>(`/api/streams/${encodeURIComponent(streamId)}/lotteries`, { token, body }),
  drawLottery: (token: string, id: string) =>
    apiFetch<{ lottery: Lottery; proof: LotteryProof | null }>(`/api/lotteries/${encodeURIComponent(id)}/draw`, { token, body: {} }),
  cancelLottery: (token: string, id: string) =>
    apiFetch<{ lottery: Lottery }>(`/api/lotteries/${encodeURIComponent(id)}/cancel`, { token, body: {} }),
  getProof: (id: string) => apiFetch<{ proof: LotteryProof }>(`/api/lotteries/${encodeURIComponent(id)}/proof`),

  /** The show's community goals that are not archived, each with the room's progress. */
  listGoals: (streamId: string) => apiFetch<{ goals: GoalView[] }>(`/api/streams/${encodeURIComponent(streamId)}/goals`),
  createGoal: (token: string, streamId: string, body: GoalInput) =>
    apiFetch<{ goal: GoalView }>(`/api/streams/${encodeURIComponent(streamId)}/goals`, { token, body }),
  /** It stops counting and leaves the screens. */
  archiveGoal: (token: string, id: string) => apiFetch<{ goal: GoalView }>(`/api/goals/${encodeURIComponent(id)}/archive`, { token, body: {} }),

  getRules: () => apiFetch<{ rules: Rules }>('/api/rules'),
  putRules: (token: string, rules: unknown) => apiFetch<{ rules: Rules }>('/api/rules', { token, method: 'PUT', body: rules }),

  removeComment: (token: string, id: string) =>
    apiFetch<{ removed: { id: string; streamId: string } }>(`/api/comments/${encodeURIComponent(id)}`, { token, method: 'DELETE' }),
  muteMember: (token: string, streamId: string, memberId: string, seconds: number) =>
    apiFetch<{ mute: { streamId: string; memberId: string; until: number | null } }>(`/api/streams/${encodeURIComponent(streamId)}/mutes`, {
      token,
      body: { memberId, seconds },
    }),
  banMember: (token: string, memberId: string) =>
    apiFetch<{ ban: { memberId: string; bannedAt: number } }>(`/api/members/${encodeURIComponent(memberId)}/ban`, { token, body: {} }),
  unbanMember: (token: string, memberId: string) =>
    apiFetch<{ unban: { memberId: string; wasBanned: boolean } }>(`/api/members/${encodeURIComponent(memberId)}/ban`, { token, method: 'DELETE' }),
  getModeration: (token: string, streamId: string) =>
    apiFetch<{ moderation: ModerationEvent }>(`/api/streams/${encodeURIComponent(streamId)}/moderation`, { token }),
  setModeration: (token: string, streamId: string, slowModeSeconds: number) =>
    apiFetch<{ moderation: ModerationEvent }>(`/api/streams/${encodeURIComponent(streamId)}/moderation`, {
      token,
      method: 'PUT',
      body: { slowModeSeconds },
    }),

  listRewards: (token: string) => apiFetch<{ rewards: RewardView[] }>('/api/rewards', { token }),
  createReward: (token: string, body: RewardInput) => apiFetch<{ reward: RewardView }>('/api/rewards', { token, body }),
  patchReward: (token: string, id: string, body: RewardPatch) =>
    apiFetch<{ reward: RewardView }>(`/api/rewards/${encodeURIComponent(id)}`, { token, method: 'PATCH', body }),
  addRewardCodes: (token: string, id: string, codes: string[]) =>
    apiFetch<CodesAdded>(`/api/rewards/${encodeURIComponent(id)}/codes`, { token, body: { codes } }),
  listRedemptions: (token: string, status: RedemptionStatus) =>
    apiFetch<{ redemptions: Redemption[] }>(`/api/redemptions?status=${encodeURIComponent(status)}`, { token }),
  fulfilRedemption: (token: string, id: string) =>
    apiFetch<{ redemption: Redemption }>(`/api/redemptions/${encodeURIComponent(id)}/fulfil`, { token, body: {} }),
  /** Turns it down: the member's points come back. */
  rejectRedemption: (token: string, id: string) =>
    apiFetch<{ redemption: Redemption }>(`/api/redemptions/${encodeURIComponent(id)}/reject`, { token, body: {} }),

  /** Every mission, archived ones too, each with `completions`: members who reached each stage (the host's view). */
  listMissions: (token: string) => apiFetch<{ missions: MissionView[] }>('/api/missions', { token }),
  createMission: (token: string, body: MissionInput) => apiFetch<{ mission: MissionView }>('/api/missions', { token, body }),
  patchMission: (token: string, id: string, body: MissionPatch) =>
    apiFetch<{ mission: MissionView }>(`/api/missions/${encodeURIComponent(id)}`, { token, method: 'PATCH', body }),

  /** The outbound webhooks' delivery log, newest first (the last 100). */
  listWebhookDeliveries: (token: string) => apiFetch<{ deliveries: WebhookDelivery[] }>('/api/webhooks/outbound', { token }),

  createOverlayToken: (token: string) => apiFetch<OverlayTokenCreated>('/api/overlay-tokens', { token, body: {} }),
  /** A new link in place of `id`, which stops working at once (OBS sources using it go blank). */
  rotateOverlayToken: (token: string, id: string) =>
    apiFetch<OverlayTokenCreated>(`/api/overlay-tokens/${encodeURIComponent(id)}/rotate`, { token, body: {} }),
  revokeOverlayToken: (token: string, id: string) =>
    apiFetch<unknown>(`/api/overlay-tokens/${encodeURIComponent(id)}`, { token, method: 'DELETE' }),
  getPinnedDrop: (token: string, streamId: string) =>
    apiFetch<{ pinnedDropId: string | null }>(`/api/streams/${encodeURIComponent(streamId)}/pinned-drop`, { token }),
  /** Pins the drop to the show's overlay (null: unpins). */
  pinDrop: (token: string, streamId: string, dropId: string | null) =>
    apiFetch<{ pinnedDropId: string | null }>(`/api/streams/${encodeURIComponent(streamId)}/pinned-drop`, {
      token,
      method: 'PUT',
      body: { dropId },
    }),
};

/** Links the dashboard hands out for a drawn lottery. */
export const proofLinks = (lotteryId: string) => ({
  verifyPage: `/verify/${encodeURIComponent(lotteryId)}`,
  rawProof: `/api/lotteries/${encodeURIComponent(lotteryId)}/proof`,
});
