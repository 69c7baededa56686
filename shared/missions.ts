/**
 * Missions (issue 14): a goal over a period, paid in stages — "watch 30
 * minutes today", "attend 3 shows this week", "buy once → coupon A, twice →
 * gift B". Records, and the zod schemas of every payload about them.
 */
import { z } from 'zod';

/**
 * What a mission counts. Amounts are whole units: watch time in minutes
 * (counted in milliseconds underneath), purchases by count or in cents.
 */
export const MissionGoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('watchMinutes') }).strict(),
  /** A show counts once the member has watched it for `minMinutes`. */
  z.object({ kind: z.literal('showsAttended'), minMinutes: z.number().int().min(1).max(600) }).strict(),
  z.object({ kind: z.literal('checkins') }).strict(),
  /** `distinctShows`: the number of shows commented in, not the comments. */
  z.object({ kind: z.literal('comments'), distinctShows: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('likes') }).strict(),
  /** Friends invited who count as paid referrals (the referral rules' anti-farming applies). */
  z.object({ kind: z.literal('referrals') }).strict(),
  /** `amount`: targets are in cents of the orders' totals; `count`: orders. */
  z.object({ kind: z.literal('purchases'), measure: z.enum(['count', 'amount']).default('count') }).strict(),
  z.object({ kind: z.literal('dropClaimsPaid') }).strict(),
]);
export type MissionGoal = z.infer<typeof MissionGoalSchema>;
export type MissionGoalKind = MissionGoal['kind'];

/**
 * When progress resets: per show, per local day / week (from Monday) /
 * month in the rules' time zone, or one date range.
 */
export const MissionPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('show') }).strict(),
  z.object({ kind: z.literal('day') }).strict(),
  z.object({ kind: z.literal('week') }).strict(),
  z.object({ kind: z.literal('month') }).strict(),
  z.object({ kind: z.literal('range'), from: z.number().int().positive(), until: z.number().int().positive() }).strict(),
]);
export type MissionPeriod = z.infer<typeof MissionPeriodSchema>;

export const MissionRewardSchema = z
  .object({
    points: z.number().int().min(0).max(1_000_000).default(0),
    /** A catalogue reward given free (issue 13's store). */
    rewardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().default(null),
    /** A badge with this label, kept for good (shown like an achievement). */
    badge: z.string().trim().min(1).max(24).nullable().default(null),
  })
  .strict();
export type MissionReward = z.infer<typeof MissionRewardSchema>;

export const MissionStageSchema = z.object({ target: z.number().int().min(1).max(100_000_000), reward: MissionRewardSchema }).strict();
export type MissionStage = z.infer<typeof MissionStageSchema>;

export interface Mission {
  id: string;
  title: string;
  description: string | null;
  goal: MissionGoal;
  period: MissionPeriod;
  /** Targets strictly rising: reaching stage i pays stage i's reward, once per period. */
  stages: MissionStage[];
  minTier: string | null;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

const Title = z.string().trim().min(1).max(120);

function checkMission(m: { period?: MissionPeriod; stages?: MissionStage[] }, ctx: z.RefinementCtx): void {
  if (m.period?.kind === 'range' && m.period.until <= m.period.from) ctx.addIssue({ code: 'custom', path: ['period', 'until'], message: 'must be after from' });
  const stages = m.stages ?? [];
  for (let i = 1; i < stages.length; i++) {
    if (stages[i]!.target <= stages[i - 1]!.target) ctx.addIssue({ code: 'custom', path: ['stages', i, 'target'], message: 'stage targets must rise' });
  }
  for (const [i, s] of stages.entries()) {
    if (s.reward.points === 0 && s.reward.rewardId === null && s.reward.badge === null) {
      ctx.addIssue({ code: 'custom', path: ['stages', i, 'reward'], message: 'a stage gives points, a reward or a badge' });
    }
  }
}

export const CreateMissionBody = z
  .object({
    title: Title,
    description: z.string().trim().max(2000).optional(),
    goal: MissionGoalSchema,
    period: MissionPeriodSchema,
    stages: z.array(MissionStageSchema).min(1).max(10),
    minTier: z.string().regex(/^[a-z0-9-]{1,32}$/).nullable().default(null),
  })
  .strict()
  .superRefine(checkMission);
export type CreateMissionBody = z.infer<typeof CreateMissionBody>;

/** The goal and the period stay what they were: progress already counted would mean something else. */
export const PatchMissionBody = z
  .object({
    title: Title.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    stages: z.array(MissionStageSchema).min(1).max(10).optional(),
    minTier: z.string().regex(/^[a-z0-9-]{1,32}$/).nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkMission);
export type PatchMissionBody = z.infer<typeof PatchMissionBody>;

/** A mission as the list shows it; with a member token, their progress in the current period. */
export interface MissionView extends Mission {
  /** Members who reached each stage, in any period (the host's count). */
  completions?: number[];
  mine?: {
    /** The period counted now ('2026-11-26', a week's Monday, '2026-11', a show id, 'range'), or null when none runs (no live show, outside the range). */
    period: string | null;
    /** In the goal's unit: minutes, shows, check-ins, comments, likes, referrals, orders or cents. */
    progress: number;
    /** Stages reached this period (their rewards paid). */
    reached: number;
    /** When this period ends (null: a show's, or none). */
    endsAt: number | null;
  };
}

/** Pushed to the member's tabs when they reach a stage. */
export interface MissionCompletedEvent {
  missionId: string;
  title: string;
  stage: number;
  period: string;
  reward: MissionReward;
}
