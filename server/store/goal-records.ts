/** Community goals (issue 14): the host's goals per show, and the one change a goal makes by itself — completing. */
import type { CommunityGoal } from '../../shared/community-goals.ts';

export interface GoalRecords {
  /** Inserts the goal, or replaces the record with the same id (last write wins). */
  putGoal(goal: CommunityGoal): Promise<void>;
  goalById(id: string): Promise<CommunityGoal | null>;
  /** The show's goals, oldest first. */
  goalsOfStream(streamId: string): Promise<CommunityGoal[]>;
  /** active → completed at `at`; false when it was not active (completed already, or archived). */
  completeGoal(id: string, at: number): Promise<boolean>;
}
