/**
 * Achievements (issue 14): permanent, staged badges a member unlocks once
 * ever — shows watched 1/10/50, the first purchase, Super Fan, a 30-day
 * check-in streak, top fan of a show 1/5/10 — and badges a mission's stage
 * gives. Unlocked badges are the store's; the screens name them by id.
 */

export const ACHIEVEMENTS = {
  /** Shows watched for at least SHOW_WATCHED_MINUTES each. */
  'shows-watched': [1, 10, 50],
  'first-purchase': [1],
  /** Super Fan status reached (the rules' superFan: active days in a window). */
  'super-fan': [1],
  /** Check-in streak, in days. */
  'checkin-streak': [30],
  /** Shows ended with the member first on the show's leaderboard. */
  'top-fan': [1, 5, 10],
} as const satisfies Record<string, readonly number[]>;
export type AchievementId = keyof typeof ACHIEVEMENTS;

/** A show counts toward "shows watched" once the member has watched it this long. */
export const SHOW_WATCHED_MINUTES = 5;

/** `<achievement>:<stage>` (stage 1-based), or `mission:<missionId>:<stage>` for a mission's badge. */
export type BadgeId = string;

export interface MemberBadge {
  id: BadgeId;
  /** Set for an achievement's stage. */
  achievement: AchievementId | null;
  stage: number;
  /** The target reached (e.g. 10 shows), for "10 shows watched"; null for a mission's badge. */
  target: number | null;
  /** A mission's badge: the host's label. */
  label: string | null;
  unlockedAt: number;
}

export function achievementBadgeId(achievement: AchievementId, stage: number): BadgeId {
  return `${achievement}:${stage}`;
}

/** A badge unlocked just now: the member's tabs, the show's room and the overlays hear it. */
export interface BadgeUnlockedEvent {
  memberId: string;
  displayName: string;
  badge: MemberBadge;
  /** The live show it is announced in (every live show's overlay gets one event each). */
  streamId?: string;
}
