/**
 * Missions to start from (issue 14): each fills the composer's form, which
 * the host may then change in full. The title is the template's name in the
 * host's language; Blank starts from nothing. Pure.
 */
import { BLANK_MISSION_FORM, type MissionForm, type StageForm } from './mission-form.ts';

export const MISSION_TEMPLATE_IDS = [
  'dailyCheckin',
  'watch30',
  'attend3',
  'repurchase',
  'comment2',
  'like20',
  'invite3',
  'spend3000',
  'payDrops2',
  'blank',
] as const;
export type MissionTemplateId = (typeof MISSION_TEMPLATE_IDS)[number];

/** A stage: its target and what it pays (a catalogue reward left for the host to choose). */
const stage = (target: string, points = ''): StageForm => ({ target, points, rewardId: '' });

const TEMPLATES: Record<MissionTemplateId, Partial<MissionForm>> = {
  dailyCheckin: { goalKind: 'checkins', periodKind: 'day', stages: [stage('1', '10')] },
  watch30: { goalKind: 'watchMinutes', periodKind: 'day', stages: [stage('30', '20')] },
  attend3: { goalKind: 'showsAttended', minMinutes: '10', periodKind: 'week', stages: [stage('3', '50')] },
  // buy once → reward A, twice → reward B: the host picks both from the catalogue
  repurchase: { goalKind: 'purchases', measure: 'count', periodKind: 'month', stages: [stage('1'), stage('2')] },
  comment2: { goalKind: 'comments', distinctShows: true, periodKind: 'week', stages: [stage('2', '20')] },
  like20: { goalKind: 'likes', periodKind: 'show', stages: [stage('20', '5')] },
  invite3: { goalKind: 'referrals', periodKind: 'month', stages: [stage('3', '100')] },
  // NT$, as the form takes it (sent in cents)
  spend3000: { goalKind: 'purchases', measure: 'amount', periodKind: 'month', stages: [stage('3000', '100')] },
  payDrops2: { goalKind: 'dropClaimsPaid', periodKind: 'month', stages: [stage('2', '50')] },
  blank: {},
};

/** The form a template fills; `titleOf` names it in the host's language (Blank asks for no title). */
export function templateForm(id: MissionTemplateId, titleOf: (id: MissionTemplateId) => string): MissionForm {
  return { ...BLANK_MISSION_FORM, ...TEMPLATES[id], title: id === 'blank' ? '' : titleOf(id) };
}
