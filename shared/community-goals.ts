/**
 * Community goals (issue 14): the room's combined likes, watch minutes or
 * points toward a target the host sets in a show — "10,000 likes unlock a
 * flash discount". Completing it once, at its target, can open a drop (made
 * then from the draft the host attached) and unlock a catalogue reward
 * (available from that moment).
 */
import { z } from 'zod';
import { CreateDropBody } from './perks.ts';

export const GoalMetric = ['likes', 'watchMinutes', 'points'] as const;
export type GoalMetric = (typeof GoalMetric)[number];

export interface CommunityGoal {
  id: string;
  streamId: string;
  title: string;
  metric: GoalMetric;
  /** In the metric's unit: likes, minutes, points. */
  target: number;
  /** A drop made in the show the moment the goal completes. */
  drop: CreateDropBody | null;
  /** A catalogue reward that becomes available the moment the goal completes. */
  rewardId: string | null;
  status: 'active' | 'completed' | 'archived';
  completedAt: number | null;
  /** The drop the completion made. */
  dropId: string | null;
  createdAt: number;
}

export const CreateGoalBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    metric: z.enum(GoalMetric),
    target: z.number().int().min(1).max(1_000_000_000),
    drop: CreateDropBody.nullable().default(null),
    rewardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().default(null),
  })
  .strict();
export type CreateGoalBody = z.infer<typeof CreateGoalBody>;

/** A goal as screens show it: with the room's progress in the metric's unit. */
export interface GoalView extends CommunityGoal {
  progress: number;
}

/** Pushed to the show's room and overlays: its goals, coalesced (about once a second while they move). */
export interface GoalsEvent {
  streamId: string;
  goals: GoalView[];
}

/** Pushed once when a goal reaches its target. */
export interface GoalCompletedEvent {
  streamId: string;
  goal: GoalView;
}
