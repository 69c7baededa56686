/** Community goals, badges and invite-to-win in Traditional Chinese (issue 14); spread into the dictionary (zh-tw.ts). A missing key does not compile. */
import type { enGoalsBadges } from './en-goals-badges.ts';

export const zhTWGoalsBadges: Record<keyof typeof enGoalsBadges, string> = {
  'goals.label': '全場目標',
  'goal.progressLabel': '全場進度：{title}',
  'goal.count.likes': '{progress} / {count} 讚',
  'goal.count.likes_one': '{progress} / {count} 讚',
  'goal.count.watchMinutes': '{progress} / {count} 分鐘',
  'goal.count.watchMinutes_one': '{progress} / {count} 分鐘',
  'goal.count.points': '{progress} / {count} 點',
  'goal.count.points_one': '{progress} / {count} 點',
  'goal.reached': '目標達成！',
  'goal.toast': '全場達成：{title}',

  'badges.label': '你的徽章',
  'badges.chatLabel': '徽章',
  'badge.shows-watched': '觀看 {count} 場',
  'badge.shows-watched_one': '觀看 {count} 場',
  'badge.first-purchase': '首購',
  'badge.super-fan': '超級粉絲',
  'badge.checkin-streak': '連續簽到 {count} 天',
  'badge.top-fan': '頭號粉絲 ×{count}',
  'badge.mission': '任務徽章',
  'badge.toast': '解鎖徽章：{badge}',

  'lottery.invite': '邀請朋友：每位 +{count} 份（最多 {max} 份）',
  'lottery.invite_one': '邀請朋友：每位 +{count} 份（最多 {max} 份）',
};
