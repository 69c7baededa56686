/**
 * Community goals as the host runs them (issue 14): each show's goals with
 * the room's progress — read when the studio opens on a show and again every
 * couple of seconds while it stays open — set, archived, and reached: the
 * /host `goal:completed` push lands at once, with the drop it opened (read
 * with the show's drops when the room's own `drop` push has not brought it).
 */
import { CreateGoalBody, type GoalCompletedEvent } from '../../../shared/community-goals.ts';
import type { GoalInput } from '../logic/goal-form.ts';
import { problemOf } from '../logic/problems.ts';
import { authed, sendParsed } from './call.ts';
import { replaceShowGoals, upsertGoal, type GoalsByShow } from './goals-reducers.ts';
import type { Slice } from './index.ts';
import type { Outcome } from './types.ts';

export interface GoalsSlice {
  /** per show: its goals that are not archived, newest first */
  goals: GoalsByShow;
  /** shows whose goals were read at least once */
  goalsLoadedFor: Record<string, true>;
  /** goal ids with an archive in flight */
  goalBusy: Record<string, true>;
  /** Reads the show's goals again; `quiet`: a background refresh, failures not announced. */
  loadGoals(streamId: string, quiet?: boolean): Promise<void>;
  createGoal(streamId: string, input: GoalInput): Promise<Outcome>;
  archiveGoal(id: string): Promise<void>;
  receiveGoalCompleted(e: GoalCompletedEvent): void;
}

export const createGoalsSlice: Slice<GoalsSlice> = (deps) => (set, get) => {
  // Only the newest news lands: a read that set out before a goal was set, reached or archived would undo it.
  let generation = 0;
  const putGoal = (goal: GoalCompletedEvent['goal']) => {
    generation++;
    set((s) => ({ goals: upsertGoal(s.goals, goal) }));
  };
  const setBusy = (id: string, on: boolean) =>
    set((s) => {
      const { [id]: _, ...rest } = s.goalBusy;
      return { goalBusy: on ? { ...rest, [id]: true as const } : rest };
    });

  return {
    goals: {},
    goalsLoadedFor: {},
    goalBusy: {},

    async loadGoals(streamId, quiet = false) {
      const mine = ++generation;
      try {
        const { goals } = await deps.api.listGoals(streamId);
        if (mine !== generation) return;
        set((s) => ({ goals: replaceShowGoals(s.goals, streamId, goals), goalsLoadedFor: { ...s.goalsLoadedFor, [streamId]: true as const } }));
      } catch (err) {
        if (!quiet && mine === generation) get().notify('error', problemOf(err), 'goals-load');
      }
    },

    createGoal(streamId, input) {
      return sendParsed(get, CreateGoalBody, input, (t, body) => deps.api.createGoal(t, streamId, body), ({ goal }) => {
        putGoal(goal);
        get().notify('success', { key: 'goals.created', params: { title: goal.title } });
      });
    },

    async archiveGoal(id) {
      setBusy(id, true);
      try {
        const { goal } = await authed(get, (t) => deps.api.archiveGoal(t, id));
        putGoal(goal);
        get().notify('success', { key: 'goals.archivedNotice', params: { title: goal.title } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        setBusy(id, false);
      }
    },

    receiveGoalCompleted({ streamId, goal }) {
      putGoal(goal);
      get().notify('success', { key: 'goals.reachedNotice', params: { title: goal.title } });
      if (goal.dropId && !get().perks.drops[goal.dropId]) void get().loadPerks(streamId);
    },
  };
};
