/** Community goals, badges and invite-to-win in English (issue 14); spread into the dictionary (en.ts). */
export const enGoalsBadges = {
  'goals.label': 'Room goals',
  'goal.progressLabel': 'Room progress: {title}',
  'goal.count.likes': '{progress} / {count} likes',
  'goal.count.likes_one': '{progress} / {count} like',
  'goal.count.watchMinutes': '{progress} / {count} minutes',
  'goal.count.watchMinutes_one': '{progress} / {count} minute',
  'goal.count.points': '{progress} / {count} points',
  'goal.count.points_one': '{progress} / {count} point',
  'goal.reached': 'Goal reached!',
  'goal.toast': 'The room reached: {title}',

  'badges.label': 'Your badges',
  'badges.chatLabel': 'Badges',
  'badge.shows-watched': '{count} shows watched',
  'badge.shows-watched_one': '{count} show watched',
  'badge.first-purchase': 'First purchase',
  'badge.super-fan': 'Super Fan',
  'badge.checkin-streak': '{count}-day streak',
  'badge.top-fan': 'Top fan ×{count}',
  'badge.mission': 'Mission badge',
  'badge.toast': 'Badge unlocked: {badge}',

  'lottery.invite': 'Invite friends: +{count} entries each (up to {max})',
  'lottery.invite_one': 'Invite friends: +{count} entry each (up to {max})',
} as const;
