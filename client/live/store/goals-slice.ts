/**
 * Community goals (issue 14): the show's goals and the whole room's progress
 * toward each, read on every (re)join and moved by the `goals` pushes (about
 * once a second while they move); a goal reached is announced once
 * (`goal:completed`) with a toast. Entering another show starts from none.
 */
import type { GoalCompletedEvent, GoalsEvent, GoalView } from '../../../shared/community-goals.ts';
import type { Slice } from './index.ts';
import { reduceGoalCompleted, reduceGoals } from './reducers.ts';

export interface GoalsSlice {
  /** the show's goals (not archived), in the server's order */
  goals: GoalView[];
  /** GET /api/streams/:id/goals; an answer for a show left meanwhile is dropped, a failure leaves what is shown */
  loadGoals: (streamId: string) => Promise<void>;
  applyGoals: (e: GoalsEvent) => void;
  /** the room reached a goal: it shows reached, and a toast says so */
  applyGoalCompleted: (e: GoalCompletedEvent) => void;
  /** another show is entered: none of this one's goals stay */
  resetGoals: () => void;
}

export const createGoalsSlice: Slice<GoalsSlice> = (deps) => (set, get) => ({
  goals: [],

  async loadGoals(streamId) {
    try {
      const { goals } = await deps.api.goals(streamId);
      get().applyGoals({ streamId, goals });
    } catch {
      // the next (re)join reads again; pushes keep coming meanwhile
    }
  },

  applyGoals: (e) => set((s) => ({ goals: reduceGoals(s.goals, s.streamId, e) })),

  applyGoalCompleted(e) {
    if (e.streamId !== get().streamId) return;
    set((s) => ({ goals: reduceGoalCompleted(s.goals, s.streamId, e) }));
    get().pushToast({ kind: 'goal', title: e.goal.title });
  },

  resetGoals: () => set({ goals: [] }),
});
