/**
 * Named selectors. Each returns a value kept in the store (never a new array
 * or object), so a component re-renders only when that value changed.
 */
import type { OverlayState } from './index.ts';

export const selectStream = (s: OverlayState) => s.room.stream;
export const selectViewers = (s: OverlayState) => s.room.viewers;
export const selectMembers = (s: OverlayState) => s.room.members;
export const selectLeaderboard = (s: OverlayState) => s.room.leaderboard;
/** The show's drops that are not closed, newest first (which go on air: reducers.ts dropsOnAir). */
export const selectDrops = (s: OverlayState) => s.room.drops;
export const selectPinnedDropId = (s: OverlayState) => s.room.pinnedDropId;
export const selectLotteries = (s: OverlayState) => s.room.lotteries;
/** The show's community goals that are not archived, oldest first. */
export const selectGoals = (s: OverlayState) => s.room.goals;
export const selectVisibleBadges = (s: OverlayState) => s.badges.visible;
export const selectVisibleRewardAlerts = (s: OverlayState) => s.rewardAlerts.visible;
export const selectVisibleAchievements = (s: OverlayState) => s.achievements.visible;
export const selectConnection = (s: OverlayState) => s.connection;
export const selectProblem = (s: OverlayState) => s.problem;
export const selectOffset = (s: OverlayState) => s.offsetMs;
export const selectTiers = (s: OverlayState) => s.tiers;
export const selectLocale = (s: OverlayState) => s.locale;
export const selectWidgets = (s: OverlayState) => s.widgets;
export const selectPreview = (s: OverlayState) => s.preview;
