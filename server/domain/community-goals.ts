/**
 * The rule of community goals (issue 14): what a show's activity adds to a
 * goal of that show, as a progress step of the room (domain/missions.ts
 * decideProgress: the one step that crosses the target completes it, on
 * whichever process).
 */
import type { CommunityGoal } from '../../shared/community-goals.ts';
import { type ProgressStep } from './missions.ts';
import { MAX_DAY_TIME_MS } from './time.ts';

/** The room, as the "member" whose progress a goal is. */
export const ROOM = '_room';

/** What happened in a show that goals may count: an allowed like, credited watch time, points earned. */
export type RoomActivity = { kind: 'like' | 'watch' | 'points'; streamId: string; amount: number };

/** Base units per unit of the target: watch time is counted in milliseconds, targets are minutes. */
export function goalScale(goal: Pick<CommunityGoal, 'metric'>): number {
  return goal.metric === 'watchMinutes' ? 60_000 : 1;
}

/**
 * The step this activity makes on this goal, or null (another show, another
 * metric, archived). A completed goal goes on counting — the room sees how
 * far past the target it went — but only the step that crossed completes it.
 */
export function goalStep(goal: CommunityGoal, a: RoomActivity): ProgressStep | null {
  if (goal.status === 'archived' || goal.streamId !== a.streamId || a.amount <= 0) return null;
  const counts = (goal.metric === 'likes' && a.kind === 'like') || (goal.metric === 'watchMinutes' && a.kind === 'watch') || (goal.metric === 'points' && a.kind === 'points');
  if (!counts) return null;
  return {
    missionId: `goal-${goal.id}`,
    memberId: ROOM,
    period: goal.streamId,
    eventKey: null,
    amount: a.amount,
    targets: [goal.target * goalScale(goal)],
    expiresAt: MAX_DAY_TIME_MS,
  };
}
