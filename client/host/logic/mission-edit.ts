/**
 * The mission editor: a mission as the composer's form, and what the host
 * changed in it as a patch (PATCH /api/missions/:id) naming only the changed
 * fields — the stages go whole when any stage changed (the server replaces
 * them). The goal and the period are shown, never sent: progress already
 * counted would mean something else. Pure.
 */
import type { Mission } from '../../../shared/missions.ts';
import { changedFields } from './form-diff.ts';
import { toLocalInput } from './form-values.ts';
import { BLANK_MISSION_FORM, countsMoney, editableFrom, targetText, type MissionForm, type MissionPatch } from './mission-form.ts';

/** The mission's fields as the inputs show them: a spending target in NT$, no points or no reward as a blank, a stage's badge as it is. */
export function missionFormFrom(mission: Mission): MissionForm {
  const { goal, period } = mission;
  const money = countsMoney(goal);
  return {
    ...BLANK_MISSION_FORM,
    title: mission.title,
    description: mission.description ?? '',
    goalKind: goal.kind,
    ...(goal.kind === 'showsAttended' ? { minMinutes: String(goal.minMinutes) } : {}),
    ...(goal.kind === 'comments' ? { distinctShows: goal.distinctShows } : {}),
    ...(goal.kind === 'purchases' ? { measure: goal.measure } : {}),
    periodKind: period.kind,
    ...(period.kind === 'range' ? { from: toLocalInput(period.from), until: toLocalInput(period.until) } : {}),
    stages: mission.stages.map((s) => ({
      target: targetText(s.target, money),
      points: s.reward.points > 0 ? String(s.reward.points) : '',
      rewardId: s.reward.rewardId ?? '',
      // kept in the form so that saving the stages sends it back unchanged (a stage sent without one loses it)
      badge: s.reward.badge ?? undefined,
    })),
    minTier: mission.minTier ?? '',
  };
}

/** Only what differs between the form as opened and as edited, each read the way the create body reads it. */
export function missionPatchFrom(opened: MissionForm, edited: MissionForm): MissionPatch {
  return changedFields(editableFrom(opened), editableFrom(edited));
}
