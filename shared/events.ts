/**
 * Socket event maps, passed as generics to the Socket.IO server and clients so
 * both sides agree on names and payloads at compile time.
 */
import type { ErrorBody } from './error-codes.ts';
import type { LeaderboardEntry, MemberState, Stream } from './models.ts';
import type { Tier } from './rules.ts';
import type { z } from 'zod';
import type * as S from './schemas.ts';
import type * as P from './perks.ts';
import type { DropPinEvent } from './overlay-link.ts';
import type { Redemption, RewardKind } from './rewards.ts';
import type { MissionCompletedEvent } from './missions.ts';
import type { BadgeUnlockedEvent } from './achievements.ts';
import type { GoalCompletedEvent, GoalsEvent } from './community-goals.ts';

export type Ack<T extends object = object> = (reply: ({ ok: true } & T) | { ok: false; error: ErrorBody }) => void;

export interface PresenceEvent {
  streamId: string;
  viewers: number;
  members: number;
}
export interface PointsEvent {
  balance: number;
  delta: number;
  reason: string;
  key: string;
  /** on awards: points earned in the tier window (365 days) after this entry; spends leave it as it was */
  earned365?: number;
}
export interface TierEvent {
  tier: Tier;
  previous: Tier;
  /** the tier after `tier` (null at the top) */
  next: Tier | null;
  /** points earned in the tier window (365 days), which reached `tier` */
  earned365: number;
}
export type BadgeReason = 'tier-up' | 'joined';
export interface BadgeEvent {
  streamId: string;
  memberId: string;
  displayName: string;
  tier: Tier;
  reason: BadgeReason;
}
export interface CommentEvent {
  /** server-made; the host removes a comment by it (`DELETE /api/comments/:id`) */
  id: string;
  streamId: string;
  memberId: string;
  displayName: string;
  tier: string;
  text: string;
  at: number;
  /** The commenter's newest badges (issue 14; shared/achievements.ts ids), when they have any. */
  badges?: string[];
}
/** The host removed a comment: every screen drops it. */
export interface CommentRemovedEvent {
  streamId: string;
  id: string;
}
/** A show's moderation settings, pushed to its room when the host changes them. */
export interface ModerationEvent {
  streamId: string;
  /** seconds between one member's comments; 0 = off */
  slowModeSeconds: number;
}
export interface LeaderboardEvent {
  streamId: string;
  entries: LeaderboardEntry[];
}
export interface DropStockEvent {
  dropId: string;
  remaining: number;
  reserved: number;
  confirmed: number;
  /** server time the counts were read (as `Drop.stockAt`): a push older than what a screen holds is stale */
  stockAt: number;
}
export interface LotteryEntriesEvent {
  lotteryId: string;
  count: number;
}
export interface LotteryDrawnEvent {
  lotteryId: string;
  winners: P.LotteryWinner[];
}
export interface StreamEvent {
  stream: Stream;
}

/** Pushed to the room of a show (and the overlay following it). */
export interface RoomEvents {
  presence: (e: PresenceEvent) => void;
  /** The show's community goals and their progress (issue 14), about once a second while they move. */
  goals: (e: GoalsEvent) => void;
  /** A community goal reached its target: sent once. */
  'goal:completed': (e: GoalCompletedEvent) => void;
  badge: (e: BadgeEvent) => void;
  comment: (e: CommentEvent) => void;
  leaderboard: (e: LeaderboardEvent) => void;
  stream: (e: StreamEvent) => void;
  drop: (e: { drop: P.Drop }) => void;
  'drop:stock': (e: DropStockEvent) => void;
  lottery: (e: { lottery: P.Lottery }) => void;
  'lottery:entries': (e: LotteryEntriesEvent) => void;
  'lottery:drawn': (e: LotteryDrawnEvent) => void;
}

export interface LiveServerEvents extends RoomEvents {
  /** The viewer room and the dashboard show the chat; the overlay does not, so these go to /live only. */
  'comment:removed': (e: CommentRemovedEvent) => void;
  moderation: (e: ModerationEvent) => void;
  points: (e: PointsEvent) => void;
  tier: (e: TierEvent) => void;
  /** One of the member's own claims was made or changed (sent to every tab of that member). */
  claim: (e: ClaimEvent) => void;
  /** One of this member's redemptions was made or settled (issue 13), in any tab. */
  redemption: (e: { redemption: Redemption }) => void;
  /** This member reached a mission's stage (issue 14): the room's toast. */
  'mission:completed': (e: MissionCompletedEvent) => void;
  /** This member unlocked a badge (an achievement's stage or a mission's badge). */
  'badge:unlocked': (e: BadgeUnlockedEvent) => void;
}

export interface ClaimEvent {
  claim: P.Claim;
  streamId: string;
}

export interface HeartbeatReply {
  credited: number;
  awarded: number;
  balance?: number;
  chestReady: boolean;
  paused: boolean;
  /** Watch time credited to this viewer in the show so far, ms (what the next watch award counts toward). */
  watchedMs?: number;
  /** The member's watch clock runs in this other show (one show at a time): this beat credited nothing. */
  watchingElsewhere?: string;
}

export interface InteractReply {
  awarded: number;
  balance: number;
  capped: boolean;
  /** check-ins only: consecutive days checked in, today included */
  streak?: number;
}

/**
 * A signed-in member's own state in the show they join (in the `stream:join`
 * ack), so a refreshed page or a second tab shows what the first one showed.
 */
export interface MemberShowState {
  /** today's check-in (a day in the rules' time zone); streak: consecutive days, today included (0 until done) */
  checkin: { done: boolean; streak: number };
  /** paid likes in this show: the cap is reached, and how many are left before it */
  likes: { capped: boolean; left: number };
  /** the member's claims on this show's drops, newest first, each with how to pay for it */
  claims: Array<P.Claim & P.ClaimPayment>;
  /** the show's lotteries the member entered, with the weight of their entry */
  entries: Array<{ lotteryId: string; weight: number }>;
}

export interface JoinReply {
  stream: Stream;
  viewers: number;
  members: number;
  /** the show's newest comments (at most 50), oldest first, without removed ones */
  comments: CommentEvent[];
  /** members only */
  me?: MemberState;
  /** members only */
  mine?: MemberShowState;
}

export interface LiveClientEvents {
  'stream:join': (p: z.input<typeof S.JoinPayload>, ack: Ack<JoinReply>) => void;
  'stream:leave': (p: z.input<typeof S.LeavePayload>, ack: Ack) => void;
  'watch:heartbeat': (p: z.input<typeof S.HeartbeatPayload>, ack: Ack<HeartbeatReply>) => void;
  'watch:chest': (p: z.input<typeof S.ChestPayload>, ack: Ack<{ awarded: number; balance: number }>) => void;
  interact: (p: z.input<typeof S.InteractPayload>, ack: Ack<InteractReply>) => void;
  'share:link': (p: z.input<typeof S.ShareLinkPayload>, ack: Ack<{ url: string }>) => void;
  'session:upgrade': (p: z.input<typeof S.UpgradePayload>, ack: Ack<{ me: MemberState; awarded: number }>) => void;
  'drop:claim': (
    p: z.input<typeof P.ClaimPayload>,
    ack: Ack<{ claim: P.MemberClaim }>,
  ) => void;
  'lottery:enter': (p: z.input<typeof P.EnterLotteryPayload>, ack: Ack<{ entry: { lotteryId: string; memberId: string; weight: number } }>) => void;
  /** A winner, or an alternate the prize passed to, claims it within the claim window. */
  'lottery:claim': (p: z.input<typeof P.ClaimPrizePayload>, ack: Ack<{ prize: P.LotteryPrize }>) => void;
}

export interface OverlaySnapshot {
  stream: Stream | null;
  viewers: number;
  members: number;
  leaderboard: LeaderboardEntry[];
  /** the show's drops that are not closed, newest first */
  drops: P.Drop[];
  /** the show's lotteries, newest first (drawn ones with their winners) */
  lotteries: P.Lottery[];
  /** the drop the seller pinned to the overlay (shared/overlay-link.ts), or null */
  pinnedDropId: string | null;
}
/** A member redeemed a reward whose host asked for an overlay alert (issue 13): "Mei redeemed Free shipping". */
export interface RewardAlertEvent {
  streamId: string;
  redemptionId: string;
  displayName: string;
  rewardId: string;
  rewardTitle: string;
  kind: RewardKind;
}
export interface OverlayServerEvents extends RoomEvents {
  snapshot: (s: OverlaySnapshot) => void;
  /** The seller pinned or unpinned a drop of the followed show. */
  'drop:pin': (e: DropPinEvent) => void;
  /** A redemption to announce, sent to the overlays of every live show. */
  'reward:alert': (e: RewardAlertEvent) => void;
  /** A member unlocked a badge (issue 14): the achievement toast, sent to the overlays of every live show. */
  achievement: (e: BadgeUnlockedEvent & { streamId: string }) => void;
}

export interface HostStats {
  streamId: string;
  viewers: number;
  members: number;
  watchMinutes: number;
  pointsIssued: number;
  newMembers: number;
  topFans: LeaderboardEntry[];
}
export interface HostServerEvents {
  stats: (s: HostStats) => void;
  stream: (e: StreamEvent) => void;
  /** Any claim of any show was made or changed: the dashboard's claim lists update at once. */
  claim: (e: ClaimEvent) => void;
  /** A redemption was made or settled (issue 13): the dashboard's queue updates at once. */
  redemption: (e: { redemption: Redemption }) => void;
  /** A community goal of any show reached its target (issue 14). */
  'goal:completed': (e: GoalCompletedEvent) => void;
}
