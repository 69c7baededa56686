/**
 * The shapes the overlay's store holds, as plain data. What the server pushes
 * (`RoomState`, the toast queues) only changes through the pure reducers in
 * reducers.ts; the rest (connection, clock offset, tier names) is set by
 * socket-bindings.ts.
 */
import type { MemberBadge } from '../../shared/achievements.ts';
import type { GoalView } from '../../shared/community-goals.ts';
import type { BadgeReason, OverlayServerEvents } from '../../shared/events.ts';
import type { LeaderboardEntry, Stream } from '../../shared/models.ts';
import type { Drop, Lottery } from '../../shared/perks.ts';
import type { RewardKind } from '../../shared/rewards.ts';
import type { Tier } from '../../shared/rules.ts';

/** The show the overlay follows, replaced whole by every snapshot. */
export interface RoomState {
  stream: Stream | null;
  viewers: number;
  members: number;
  /** top fans of the show, best first */
  leaderboard: LeaderboardEntry[];
  /** drops that are not closed, newest first */
  drops: Drop[];
  /** lotteries of the show, newest first */
  lotteries: Lottery[];
  /** the drop the seller pinned: it stays on the overlay while newer drops come */
  pinnedDropId: string | null;
  /**
   * the show's community goals that are not archived, oldest first (issue 14).
   * Not in the snapshot: GET /api/streams/:id/goals and the `goals` pushes
   * bring them; a reconnect to the same show keeps them until those answer.
   */
  goals: GoalView[];
}

/**
 * A queue of toasts of one kind (badges, reward alerts, achievements): those on screen,
 * oldest first, each since `shownAt` (local ms), and those waiting their turn.
 * How many show at once and for how long is the kind's `ToastTiming`.
 */
export interface ToastQueue<T extends { id: string }> {
  visible: Shown<T>[];
  waiting: T[];
  /** counter for toast ids */
  seq: number;
}
/** A toast on screen since `shownAt` (local ms); it leaves its kind's `visibleMs` later. */
export type Shown<T> = T & { shownAt: number };

/** How a kind of toast queues: ids `${idPrefix}${seq}`, at most `maxVisible` on screen for `visibleMs` each, `maxWaiting` waiting. */
export interface ToastTiming {
  idPrefix: string;
  maxVisible: number;
  visibleMs: number;
  /** past this many waiting the oldest waiting one is dropped: a burst never builds minutes of backlog */
  maxWaiting: number;
}

export interface BadgeToast {
  /** unique per toast: React key, so a toast mounts (and animates in) once */
  id: string;
  memberId: string;
  displayName: string;
  tier: Tier;
  reason: BadgeReason;
}

/** Badges on screen (at most BADGE_MAX_VISIBLE, for BADGE_VISIBLE_MS each) and those waiting. */
export type BadgeQueue = ToastQueue<BadgeToast>;

/** "Mei redeemed Free shipping" (issue 13): the member's name and the reward's title are their own words, shown as text. */
export interface RewardAlertToast {
  /** unique per toast: React key */
  id: string;
  redemptionId: string;
  displayName: string;
  rewardTitle: string;
  kind: RewardKind;
}

/** Reward alerts, one on screen at a time; `seen` holds the latest redemption ids, so a redelivered alert never shows twice. */
export interface RewardAlertQueue extends ToastQueue<RewardAlertToast> {
  seen: readonly string[];
}

/** A member unlocked a badge, announced on the overlays of every live show (`achievement`). */
export type AchievementEvent = Parameters<OverlayServerEvents['achievement']>[0];

/** "Mei unlocked 10 shows watched" (issue 14): the member's name and a mission badge's label are their own words, shown as text. */
export interface AchievementToast {
  /** unique per toast: React key */
  id: string;
  memberId: string;
  displayName: string;
  badge: MemberBadge;
}

/** Achievement toasts, one on screen at a time; `seen` holds the latest `memberId badgeId` pairs, so a badge is announced once. */
export interface AchievementQueue extends ToastQueue<AchievementToast> {
  seen: readonly string[];
}

export type ConnectionState = 'connected' | 'reconnecting';

/** Why the overlay is not connected: the network (or a restarting server), or the server refused the token. */
export type ConnectionProblem = 'network' | 'refused' | null;

export const BADGE_MAX_VISIBLE = 3;
export const BADGE_VISIBLE_MS = 5000;
export const BADGE_MAX_WAITING = 12;
export const BADGE_TOASTS: ToastTiming = { idPrefix: 'b', maxVisible: BADGE_MAX_VISIBLE, visibleMs: BADGE_VISIBLE_MS, maxWaiting: BADGE_MAX_WAITING };
/** One reward alert at a time, each long enough to read on stream; a burst waits at most REWARD_ALERT_MAX_WAITING × REWARD_ALERT_VISIBLE_MS. */
export const REWARD_ALERT_VISIBLE_MS = 6000;
export const REWARD_ALERT_MAX_WAITING = 8;
export const REWARD_ALERTS: ToastTiming = { idPrefix: 'r', maxVisible: 1, visibleMs: REWARD_ALERT_VISIBLE_MS, maxWaiting: REWARD_ALERT_MAX_WAITING };
/** How many redemption ids an overlay remembers to drop a redelivered alert (far more than can be on screen or waiting). */
export const REWARD_ALERT_REMEMBERED = 200;
/** One achievement at a time, like reward alerts (above them on screen, so the two never cover each other). */
export const ACHIEVEMENT_VISIBLE_MS = 6000;
export const ACHIEVEMENT_MAX_WAITING = 8;
export const ACHIEVEMENT_TOASTS: ToastTiming = { idPrefix: 'a', maxVisible: 1, visibleMs: ACHIEVEMENT_VISIBLE_MS, maxWaiting: ACHIEVEMENT_MAX_WAITING };
/** How many announced member+badge pairs an overlay remembers to drop a redelivered achievement. */
export const ACHIEVEMENT_REMEMBERED = 200;
/** Goal bars on air at once (a show usually has one goal). */
export const GOAL_BARS_MAX = 3;
/** A goal completed less than this long ago (server time) celebrates; its CSS burst is shorter, so it always plays whole. */
export const GOAL_CELEBRATION_MS = 8000;
/** Drop cards on air at once: the pinned one, then those selling, then the next to open, then sold out. */
export const DROP_CARDS_MAX = 2;
/**
 * For this long after a draw its winners stay on screen even when another
 * lottery is open; after that an open lottery takes the card, but with none
 * open the latest winners stay (they come back with the snapshot after a restart).
 */
export const WINNERS_FIRST_MS = 20_000;

export const emptyRoom = (): RoomState => ({ stream: null, viewers: 0, members: 0, leaderboard: [], drops: [], lotteries: [], pinnedDropId: null, goals: [] });
export const emptyBadges = (): BadgeQueue => ({ visible: [], waiting: [], seq: 0 });
export const emptyRewardAlerts = (): RewardAlertQueue => ({ visible: [], waiting: [], seq: 0, seen: [] });
export const emptyAchievements = (): AchievementQueue => ({ visible: [], waiting: [], seq: 0, seen: [] });
