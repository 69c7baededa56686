/**
 * The mission composer's form, as typed, to the create body (POST
 * /api/missions) and to the fields the editor may change (PATCH
 * /api/missions/:id: title, description, stages, minTier). Numbers stay text
 * until submit; a spending target is typed in NT$ and sent in cents; the
 * goal's and the period's extra fields go only with the kind that has them
 * (the server refuses any other). Junk becomes NaN and a blank number is left
 * undefined, so the shared schema names the field. Pure.
 */
import type { z } from 'zod';
import {
  MissionGoalSchema,
  MissionPeriodSchema,
  type CreateMissionBody,
  type MissionGoalKind,
  type PatchMissionBody,
} from '../../../shared/missions.ts';
import { centsFrom, fromLocalInput, numberFrom, textFrom } from './form-values.ts';

export type MissionInput = z.input<typeof CreateMissionBody>;
export type MissionPatch = z.input<typeof PatchMissionBody>;
export type MissionPeriodKind = z.infer<typeof MissionPeriodSchema>['kind'];
type GoalInput = z.input<typeof MissionGoalSchema>;
type PeriodInput = z.input<typeof MissionPeriodSchema>;

/** In the schema's order. */
export const GOAL_KINDS: readonly MissionGoalKind[] = MissionGoalSchema.options.map((o) => o.shape.kind.value);
export const PERIOD_KINDS: readonly MissionPeriodKind[] = MissionPeriodSchema.options.map((o) => o.shape.kind.value);
/** The schema's limit on stages. */
export const MAX_STAGES = 10;

export interface StageForm {
  /** in the goal's unit; NT$ for a spending goal */
  target: string;
  /** '' = none */
  points: string;
  /** a catalogue reward; '' = none */
  rewardId: string;
  /** a badge's label (1–24 characters); '' or absent = none, as in a stage made before badges */
  badge?: string;
}

export interface MissionForm {
  title: string;
  description: string;
  goalKind: MissionGoalKind;
  /** showsAttended only: minutes watched before a show counts */
  minMinutes: string;
  /** comments only: count the shows commented in */
  distinctShows: boolean;
  /** purchases only */
  measure: 'count' | 'amount';
  periodKind: MissionPeriodKind;
  /** range only: `<input type="datetime-local">` values */
  from: string;
  until: string;
  stages: StageForm[];
  /** '' = every tier */
  minTier: string;
}

export const BLANK_STAGE: StageForm = { target: '', points: '', rewardId: '' };

export const BLANK_MISSION_FORM: MissionForm = {
  title: '',
  description: '',
  goalKind: 'checkins',
  minMinutes: '10',
  distinctShows: false,
  measure: 'count',
  periodKind: 'day',
  from: '',
  until: '',
  stages: [BLANK_STAGE],
  minTier: '',
};

/** Targets in money (the form's NT$, the server's cents) rather than in a count. */
export const countsMoney = (goal: { kind: string; measure?: string }): boolean => goal.kind === 'purchases' && goal.measure === 'amount';

/** The goal as the form would send it: only the chosen kind's own fields. */
export function goalFrom(form: MissionForm): GoalInput {
  switch (form.goalKind) {
    case 'showsAttended':
      return { kind: 'showsAttended', minMinutes: numberFrom(form.minMinutes) as number };
    case 'comments':
      return { kind: 'comments', distinctShows: form.distinctShows };
    case 'purchases':
      return { kind: 'purchases', measure: form.measure };
    default:
      return { kind: form.goalKind };
  }
}

function periodFrom(form: MissionForm): PeriodInput {
  if (form.periodKind !== 'range') return { kind: form.periodKind };
  return { kind: 'range', from: fromLocalInput(form.from) as number, until: fromLocalInput(form.until) as number };
}

/** A target as typed to what the server counts in: cents for money, else the number itself. */
const targetFrom = (text: string, money: boolean): number => (money ? centsFrom(text) : numberFrom(text)) as number;

/** A target as the form shows it: NT$ for money ("3000", "1500.5"), else the number. */
export const targetText = (target: number, money: boolean): string => String(money ? target / 100 : target);

function stagesFrom(form: MissionForm) {
  const money = countsMoney(goalFrom(form));
  return form.stages.map((stage) => ({
    target: targetFrom(stage.target, money),
    // no badge is left out: the schema's default (null) says none
    reward: { points: numberFrom(stage.points) ?? 0, rewardId: stage.rewardId || null, badge: textFrom(stage.badge ?? '') },
  }));
}

/**
 * The fields a mission keeps editable, as the form holds them: a blank
 * description is null (cleared), every tier is null, a stage's blank points
 * are 0, no reward is null and no badge is left out (null). The stages go
 * whole, each with its badge, so an edit keeps every badge it did not touch.
 */
export function editableFrom(form: MissionForm) {
  return {
    title: form.title.trim(),
    description: textFrom(form.description) ?? null,
    stages: stagesFrom(form),
    minTier: form.minTier || null,
  } satisfies MissionPatch;
}

/** The create body: the editable fields (a blank description left out) with the goal and the period. */
export function missionBodyFrom(form: MissionForm): MissionInput {
  const { description, ...rest } = editableFrom(form);
  return { ...rest, description: description ?? undefined, goal: goalFrom(form), period: periodFrom(form) };
}

/** Another stage after the last (a target left for the host to type); at most MAX_STAGES. */
export function withStageAdded(form: MissionForm): MissionForm {
  return form.stages.length >= MAX_STAGES ? form : { ...form, stages: [...form.stages, BLANK_STAGE] };
}

/** Without stage `index`; the last stage stays. */
export function withStageRemoved(form: MissionForm, index: number): MissionForm {
  return form.stages.length <= 1 ? form : { ...form, stages: form.stages.filter((_, i) => i !== index) };
}

/** Stage `index` with some values replaced. */
export function withStage(form: MissionForm, index: number, changes: Partial<StageForm>): MissionForm {
  return { ...form, stages: form.stages.map((stage, i) => (i === index ? { ...stage, ...changes } : stage)) };
}
