/**
 * The community-goal composer's form, as typed, to the create body (POST
 * /api/streams/:id/goals): a title, what the room counts and how much of it;
 * with its box ticked, a flash drop drafted with the drop composer's fields
 * (prices in the currency, sent in cents: logic/drop-form.ts), opened when
 * the goal is reached; a catalogue reward to unlock then. Unticked, no drop
 * goes (null), whatever the hidden draft holds. Pure.
 */
import type { z } from 'zod';
import { GoalMetric, type CreateGoalBody } from '../../../shared/community-goals.ts';
import { BLANK_DROP_FORM, dropBodyFrom, nextDropForm, type DropForm } from './drop-form.ts';
import { numberFrom } from './form-values.ts';

export type GoalInput = z.input<typeof CreateGoalBody>;

/** In the schema's order. */
export const GOAL_METRICS: readonly GoalMetric[] = GoalMetric;

export interface GoalForm {
  title: string;
  metric: GoalMetric;
  /** in the metric's unit: likes, minutes, points */
  target: string;
  /** open a flash drop, made from `drop`, when the goal is reached */
  withDrop: boolean;
  drop: DropForm;
  /** a catalogue reward unlocked when the goal is reached; '' = none */
  rewardId: string;
}

export const BLANK_GOAL_FORM: GoalForm = { title: '', metric: 'likes', target: '', withDrop: false, drop: BLANK_DROP_FORM, rewardId: '' };

export function goalBodyFrom(form: GoalForm): GoalInput {
  return {
    title: form.title,
    metric: form.metric,
    target: numberFrom(form.target) as number,
    drop: form.withDrop ? dropBodyFrom(form.drop) : null,
    rewardId: form.rewardId || null,
  };
}

/** The next blank form after a goal was set: the drop draft keeps what drops keep (currency, the shop's link, how to pay). */
export function nextGoalForm(sent: GoalForm): GoalForm {
  return { ...BLANK_GOAL_FORM, drop: nextDropForm(sent.drop) };
}
