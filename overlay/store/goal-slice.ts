/**
 * The followed show's community goals (issue 14), kept in the room: the
 * list as read (GET /api/streams/:id/goals after each snapshot) or pushed
 * (`goals`, about once a second while they move) replaces the one held;
 * `goal:completed` shows a goal reached at once.
 */
import type { GoalCompletedEvent, GoalsEvent } from '../../shared/community-goals.ts';
import type { Slice } from './index.ts';
import { applyGoalCompleted, applyGoals } from './reducers.ts';

export interface GoalSlice {
  receiveGoals: (e: GoalsEvent) => void;
  receiveGoalCompleted: (e: GoalCompletedEvent) => void;
}

export const createGoalSlice: Slice<GoalSlice> = () => (set) => ({
  receiveGoals: (e) => set((s) => ({ room: applyGoals(s.room, e) })),
  receiveGoalCompleted: (e) => set((s) => ({ room: applyGoalCompleted(s.room, e) })),
});
