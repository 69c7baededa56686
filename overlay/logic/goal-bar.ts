/**
 * A community goal as its bar shows it (issue 14): "Flash sale — 7,432 /
 * 10,000 likes", the fill capped at full while the count goes on past the
 * target, the completed state, and whether it is still celebrating (the
 * first GOAL_CELEBRATION_MS after it completed, server time).
 */
import { formatNumber } from '../../client/common/format.ts';
import type { Locale, Translate } from '../../client/common/i18n.ts';
import type { GoalMetric, GoalView } from '../../shared/community-goals.ts';
import type { OverlayDictionary, OverlayKey } from '../i18n.ts';
import { GOAL_CELEBRATION_MS } from '../store/types.ts';

export interface GoalBar {
  id: string;
  /** the host's words: shown as text */
  title: string;
  metric: GoalMetric;
  /** how full the bar is, 0–1: full once the target is reached, never more */
  ratio: number;
  /** the same in whole percent, rounded down: 100 only once the target is reached */
  percent: number;
  /** "7,432 / 10,000 likes": the real count, past the target too */
  count: string;
  completed: boolean;
  celebrating: boolean;
}

const COUNT_KEYS: Record<GoalMetric, OverlayKey> = { likes: 'goal_likes', watchMinutes: 'goal_watchMinutes', points: 'goal_points' };

export function goalBar(goal: GoalView, t: Translate<OverlayDictionary>, locale: Locale, serverNow: number): GoalBar {
  const progress = Math.max(0, goal.progress);
  const ratio = goal.target > 0 ? Math.min(1, progress / goal.target) : 1;
  const completed = goal.status === 'completed' || progress >= goal.target;
  return {
    id: goal.id,
    title: goal.title,
    metric: goal.metric,
    ratio,
    percent: goal.target > 0 ? Math.min(100, Math.floor((progress * 100) / goal.target)) : 100,
    // the target is `count`: it picks the unit's plural ("1 like") and is formatted for the locale
    count: t(COUNT_KEYS[goal.metric], { progress: formatNumber(progress, locale), count: goal.target }),
    completed,
    celebrating: goal.completedAt !== null && serverNow - goal.completedAt < GOAL_CELEBRATION_MS,
  };
}
