/** Selectors of the community goals (goals-slice.ts). */
import { NO_GOALS } from './goals-reducers.ts';
import type { HostState } from './index.ts';

/** The show's goals, newest first (held by the store: no useShallow needed). */
export const selectGoalsOf = (streamId: string) => (s: HostState) => s.goals[streamId] ?? NO_GOALS;
/** Have the show's goals been read at least once? */
export const selectGoalsLoaded = (streamId: string) => (s: HostState) => s.goalsLoadedFor[streamId] === true;
export const selectGoalBusy = (goalId: string) => (s: HostState) => s.goalBusy[goalId] === true;
