/**
 * Community goals as the room shows them (issue 14): the whole room's likes,
 * watch minutes or points toward the host's target, in one compact line —
 * "Flash sale — 7,432 / 10,000 likes" — over a bar that stops full at the
 * target, while the count goes on past it (the server keeps counting a
 * completed goal). Progress is the server's, never guessed here. Pure: the
 * translation is an argument.
 */
import type { GoalView } from '../../../shared/community-goals.ts';
import { formatNumber } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { LiveDictionary } from '../i18n.ts';

type T = Translate<LiveDictionary>;

export interface GoalBarView {
  /** "7,432 / 10,000 likes" */
  count: string;
  /** 0–1, full at the target */
  fraction: number;
  /** the room reached the target */
  done: boolean;
}

export function goalBarView(t: T, goal: Pick<GoalView, 'metric' | 'target' | 'progress' | 'status'>, locale: Locale): GoalBarView {
  const progress = Math.max(0, goal.progress);
  const done = goal.status === 'completed' || progress >= goal.target;
  return {
    count: t(`goal.count.${goal.metric}`, { progress: formatNumber(progress, locale), count: goal.target }),
    fraction: goal.target > 0 ? Math.min(1, progress / goal.target) : 1,
    done,
  };
}

/** The goals still to reach first, then the reached ones, each group in the server's order. */
export function goalsInOrder(goals: readonly GoalView[]): GoalView[] {
  const reached = (g: GoalView) => Number(g.status === 'completed');
  return [...goals].sort((a, b) => reached(a) - reached(b));
}
