/**
 * The community goals the dashboard keeps, per show, and how news of them
 * lands (pure; unit-tested in test/unit/host-goals-invites.test.ts):
 * - a read of a show's goals replaces that show's list (the server lists
 *   no archived goal);
 * - a goal the server answered or pushed (created, reached, archived)
 *   replaces its own entry, in its show; an archived one leaves the list;
 * - each list is newest first.
 */
import type { GoalView } from '../../../shared/community-goals.ts';

export type GoalsByShow = Readonly<Record<string, readonly GoalView[]>>;

export const NO_GOALS: readonly GoalView[] = Object.freeze([]);

const newestFirst = (goals: readonly GoalView[]): GoalView[] => [...goals].sort((a, b) => b.createdAt - a.createdAt);

export function replaceShowGoals(state: GoalsByShow, streamId: string, goals: readonly GoalView[]): GoalsByShow {
  return { ...state, [streamId]: newestFirst(goals.filter((g) => g.streamId === streamId && g.status !== 'archived')) };
}

export function upsertGoal(state: GoalsByShow, goal: GoalView): GoalsByShow {
  const others = (state[goal.streamId] ?? NO_GOALS).filter((g) => g.id !== goal.id);
  return { ...state, [goal.streamId]: goal.status === 'archived' ? others : newestFirst([goal, ...others]) };
}
