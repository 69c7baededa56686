/**
 * The dashboard's missions (issue 14), pure parts and the slice:
 *
 * - each template fills the form, and the form becomes the create body the
 *   server's schema (CreateMissionBody) accepts — a spending target typed in
 *   NT$ goes in cents, a goal's or a period's extra field only with its kind;
 * - what is wrong is named on its own field, in the dashboard's words, from
 *   the shared schema in the browser or from the server's refusal;
 * - a mission opens as the form, and the patch names only what changed
 *   (never the goal or the period);
 * - the list's words; the slice refuses in the browser before any request
 *   and keeps the newest read.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/common/api.ts';
import { browserTimers } from '../../client/common/app-store.ts';
import { translator } from '../../client/common/i18n.ts';
import type { hostApi } from '../../client/host/api.ts';
import { DICTIONARIES } from '../../client/host/i18n.ts';
import { missionFormFrom, missionPatchFrom } from '../../client/host/logic/mission-edit.ts';
import {
  BLANK_MISSION_FORM,
  GOAL_KINDS,
  MAX_STAGES,
  missionBodyFrom,
  withStage,
  withStageAdded,
  withStageRemoved,
  type MissionForm,
} from '../../client/host/logic/mission-form.ts';
import { MISSION_TEMPLATE_IDS, templateForm, type MissionTemplateId } from '../../client/host/logic/mission-templates.ts';
import { goalText, periodText, targetWords } from '../../client/host/logic/mission-words.ts';
import { fieldProblemOf, fieldProblems } from '../../client/host/logic/problems.ts';
import { createStore } from '../../client/host/store/index.ts';
import { CreateMissionBody, MissionRewardSchema, PatchMissionBody, type MissionReward, type MissionView } from '../../shared/missions.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');
const titleOf = (id: MissionTemplateId) => en(`missions.template.${id}`);
const fromTemplate = (id: MissionTemplateId, over: Partial<MissionForm> = {}): MissionForm => ({ ...templateForm(id, titleOf), ...over });
const parse = (f: MissionForm) => CreateMissionBody.safeParse(missionBodyFrom(f), { reportInput: true });
const problemsOf = (f: MissionForm) => {
  const parsed = parse(f);
  expect(parsed.success).toBe(false);
  return fieldProblems(parsed.error!.issues);
};
/** A stage's reward as the dashboard sends it. */
const pays = (points: number, rewardId: string | null = null) => ({ points, rewardId });
/** The same as the server keeps it (with whatever defaults the schema adds). */
const stored = (points: number, rewardId: string | null = null): MissionReward => MissionRewardSchema.parse(pays(points, rewardId));

describe('mission templates → the create body', () => {
  it('a one-stage template: its title, goal, period and stage, as the server takes them', () => {
    const daily = fromTemplate('dailyCheckin');
    expect(missionBodyFrom(daily)).toEqual({
      title: 'Daily check-in',
      goal: { kind: 'checkins' },
      period: { kind: 'day' },
      stages: [{ target: 1, reward: pays(10) }],
      minTier: null,
    });
    expect(parse(daily).success).toBe(true);
    expect(parse(fromTemplate('watch30')).data).toMatchObject({ goal: { kind: 'watchMinutes' }, period: { kind: 'day' }, stages: [{ target: 30, reward: pays(20) }] });
    expect(parse(fromTemplate('attend3')).data).toMatchObject({
      goal: { kind: 'showsAttended', minMinutes: 10 },
      period: { kind: 'week' },
      stages: [{ target: 3, reward: pays(50) }],
    });
    expect(parse(fromTemplate('comment2')).data).toMatchObject({ goal: { kind: 'comments', distinctShows: true }, period: { kind: 'week' } });
    expect(parse(fromTemplate('like20')).data).toMatchObject({ goal: { kind: 'likes' }, period: { kind: 'show' }, stages: [{ target: 20 }] });
    expect(parse(fromTemplate('invite3')).data).toMatchObject({ goal: { kind: 'referrals' }, period: { kind: 'month' }, stages: [{ target: 3 }] });
    expect(parse(fromTemplate('payDrops2')).data).toMatchObject({ goal: { kind: 'dropClaimsPaid' }, period: { kind: 'month' }, stages: [{ target: 2 }] });
  });

  it('spending NT$3,000: the form shows NT$, the body has cents', () => {
    const form = fromTemplate('spend3000');
    expect(form.stages[0]!.target).toBe('3000');
    expect(parse(form).data).toMatchObject({ goal: { kind: 'purchases', measure: 'amount' }, period: { kind: 'month' }, stages: [{ target: 300_000, reward: pays(100) }] });
  });

  it('repurchase check-in: two stages, each paying the catalogue reward the host chooses', () => {
    const form = fromTemplate('repurchase');
    expect(form.stages.map((s) => s.target)).toEqual(['1', '2']);
    // nothing chosen yet: each stage says it pays nothing
    const problems = problemsOf(form);
    expect(problems['stages.0.reward']).toEqual({ key: 'issue.stagePays' });
    expect(problems['stages.1.reward']).toEqual({ key: 'issue.stagePays' });
    const chosen = withStage(withStage(form, 0, { rewardId: 'rw-a' }), 1, { rewardId: 'rw-b' });
    expect(parse(chosen).data).toMatchObject({
      goal: { kind: 'purchases', measure: 'count' },
      period: { kind: 'month' },
      stages: [
        { target: 1, reward: pays(0, 'rw-a') },
        { target: 2, reward: pays(0, 'rw-b') },
      ],
    });
  });

  it('blank starts from nothing: no title; every other template is named in the host’s language', () => {
    expect(templateForm('blank', titleOf)).toEqual(BLANK_MISSION_FORM);
    expect(templateForm('like20', (id) => zh(`missions.template.${id}`)).title).toBe('本場按讚 20 次');
  });

  it('every goal the server counts has a template', () => {
    const kinds = new Set(MISSION_TEMPLATE_IDS.map((id) => templateForm(id, titleOf).goalKind));
    expect([...kinds].sort()).toEqual([...GOAL_KINDS].sort());
  });

  it('a template replaces the whole form: nothing typed before stays', () => {
    const typed: MissionForm = { ...fromTemplate('spend3000'), description: 'x', minTier: 'gold', periodKind: 'range', from: '2030-01-01T10:00' };
    expect({ ...typed, ...templateForm('dailyCheckin', titleOf) }).toEqual(templateForm('dailyCheckin', titleOf));
  });
});

describe('mission composer: the form → the body', () => {
  const base = fromTemplate('dailyCheckin');

  it('an amount typed with a thousands separator and cents becomes cents', () => {
    const form: MissionForm = { ...base, goalKind: 'purchases', measure: 'amount', stages: [{ target: '1,500.50', points: '', rewardId: 'rw-a' }] };
    expect(missionBodyFrom(form).stages).toEqual([{ target: 150_050, reward: pays(0, 'rw-a') }]);
    expect(parse(form).success).toBe(true);
    // counting orders, the same "1500" is 1500 orders
    expect(missionBodyFrom({ ...form, measure: 'count', stages: [{ target: '1500', points: '5', rewardId: '' }] }).stages).toEqual([{ target: 1500, reward: pays(5) }]);
  });

  it('sends only the chosen goal’s own fields and only a range’s dates', () => {
    const typed: MissionForm = { ...base, goalKind: 'likes', minMinutes: '30', distinctShows: true, measure: 'amount', periodKind: 'week', from: '2030-01-01T10:00', until: '2030-01-02T10:00' };
    const body = missionBodyFrom(typed);
    expect(body.goal).toEqual({ kind: 'likes' });
    expect(body.period).toEqual({ kind: 'week' });
    expect(parse(typed).success).toBe(true);
  });

  it('a date range, a description, a tier', () => {
    const body = parse({ ...base, description: '  Once a day  ', periodKind: 'range', from: '2030-01-01T10:00', until: '2030-02-01T10:00', minTier: 'silver' }).data;
    expect(body).toMatchObject({
      description: 'Once a day',
      period: { kind: 'range', from: new Date('2030-01-01T10:00').getTime(), until: new Date('2030-02-01T10:00').getTime() },
      minTier: 'silver',
    });
    expect(missionBodyFrom({ ...base, description: '   ' })).not.toHaveProperty('description', expect.anything());
  });

  it('names each problem on its own field', () => {
    const problems = problemsOf({
      ...base,
      title: ' ',
      goalKind: 'showsAttended',
      minMinutes: '',
      stages: [
        { target: '5', points: '1.5', rewardId: '' },
        { target: '', points: '10', rewardId: '' },
      ],
    });
    expect(problems).toEqual({
      title: { key: 'issue.required' },
      'goal.minMinutes': { key: 'issue.required' },
      'stages.0.reward.points': { key: 'issue.integer' },
      'stages.1.target': { key: 'issue.required' },
    });
  });

  it('the rules across fields, once each field is well-formed: a range’s end, rising targets, a stage that pays', () => {
    const problems = problemsOf({
      ...base,
      periodKind: 'range',
      from: '2030-02-01T10:00',
      until: '2030-01-01T10:00',
      stages: [
        { target: '5', points: '10', rewardId: '' },
        { target: '5', points: '', rewardId: '' },
      ],
    });
    expect(problems).toEqual({
      'period.until': { key: 'issue.untilAfterFrom' },
      'stages.1.target': { key: 'issue.targetsRise' },
      'stages.1.reward': { key: 'issue.stagePays' },
    });
  });

  it('a range needs both ends; a counted target is whole; NT$ takes at most cents', () => {
    expect(problemsOf({ ...base, periodKind: 'range' })['period.from']).toEqual({ key: 'issue.required' });
    expect(problemsOf({ ...base, stages: [{ target: '2.5', points: '1', rewardId: '' }] })['stages.0.target']).toEqual({ key: 'issue.integer' });
    const money: MissionForm = { ...base, goalKind: 'purchases', measure: 'amount' };
    expect(problemsOf({ ...money, stages: [{ target: '10.005', points: '1', rewardId: '' }] })['stages.0.target']).toBeDefined();
  });

  it('stages: added up to ten, removed down to one', () => {
    let form = base;
    for (let i = 0; i < 20; i++) form = withStageAdded(form);
    expect(form.stages).toHaveLength(MAX_STAGES);
    form = withStage(form, 3, { target: '7' });
    expect(withStageRemoved(form, 2).stages[2]!.target).toBe('7');
    let one = base;
    one = withStageRemoved(one, 0);
    expect(one.stages).toHaveLength(1);
  });
});

const mission = (over: Partial<MissionView> = {}): MissionView => ({
  id: 'ms-1',
  title: 'Spend NT$3,000 this month',
  description: 'Any order counts',
  goal: { kind: 'purchases', measure: 'amount' },
  period: { kind: 'month' },
  stages: [
    { target: 300_000, reward: stored(100) },
    { target: 500_050, reward: stored(0, 'rw-b') },
  ],
  minTier: 'silver',
  archived: false,
  createdAt: 1,
  updatedAt: 1,
  completions: [4, 1],
  ...over,
});

const patchAfter = (m: MissionView, edit: (f: MissionForm) => Partial<MissionForm>) => {
  const opened = missionFormFrom(m);
  return missionPatchFrom(opened, { ...opened, ...edit(opened) });
};

describe('mission editor: the form a mission opens as, and the patch', () => {
  it('opens as the composer’s form: money in NT$, no points or reward as blanks', () => {
    expect(missionFormFrom(mission())).toEqual({
      ...BLANK_MISSION_FORM,
      title: 'Spend NT$3,000 this month',
      description: 'Any order counts',
      goalKind: 'purchases',
      measure: 'amount',
      periodKind: 'month',
      stages: [
        { target: '3000', points: '100', rewardId: '' },
        { target: '5000.5', points: '', rewardId: 'rw-b' },
      ],
      minTier: 'silver',
    });
    const range = missionFormFrom(mission({ goal: { kind: 'showsAttended', minMinutes: 15 }, period: { kind: 'range', from: 1_900_000_000_000, until: 1_900_100_000_000 } }));
    expect(range).toMatchObject({ goalKind: 'showsAttended', minMinutes: '15', periodKind: 'range' });
    expect(new Date(range.from).getTime()).toBe(Math.floor(1_900_000_000_000 / 60_000) * 60_000);
  });

  it('nothing changed, nothing sent — a cent amount and a whitespace title edit included', () => {
    const opened = missionFormFrom(mission());
    expect(missionPatchFrom(opened, { ...opened })).toEqual({});
    expect(patchAfter(mission(), (f) => ({ title: ` ${f.title} ` }))).toEqual({});
  });

  it('a new title and tier: exactly those', () => {
    const patch = patchAfter(mission(), () => ({ title: 'Big spender', minTier: '' }));
    expect(patch).toEqual({ title: 'Big spender', minTier: null });
    expect(PatchMissionBody.parse(patch)).toEqual(patch);
  });

  it('one stage changed: the stages go whole, in cents', () => {
    const patch = patchAfter(mission(), (f) => withStage(f, 0, { target: '3500' }));
    expect(patch).toEqual({
      stages: [
        { target: 350_000, reward: pays(100) },
        { target: 500_050, reward: pays(0, 'rw-b') },
      ],
    });
  });

  it('a cleared description is null; the goal and the period are never sent', () => {
    expect(patchAfter(mission(), () => ({ description: ' ', periodKind: 'day', from: '2030-01-01T10:00', minMinutes: '30' }))).toEqual({ description: null });
  });

  it('targets made to fall are refused on the stage that falls', () => {
    const patch = patchAfter(mission(), (f) => withStage(f, 1, { target: '2000' }));
    const parsed = PatchMissionBody.safeParse(patch, { reportInput: true });
    expect(parsed.success).toBe(false);
    expect(fieldProblems(parsed.error!.issues)).toEqual({ 'stages.1.target': { key: 'issue.targetsRise' } });
  });
});

describe('the server’s refusals, on their field in the dashboard’s words', () => {
  const refusal = (field: string, message: string) => new ApiError(400, { code: 'VALIDATION', message: `${field}: ${message}`, field });

  it('says the shared rules’ and the reference checks’ messages', () => {
    expect(fieldProblemOf(refusal('stages.1.target', 'stage targets must rise'))).toEqual({ field: 'stages.1.target', problem: { key: 'issue.targetsRise' } });
    expect(fieldProblemOf(refusal('period.until', 'must be after from'))).toEqual({ field: 'period.until', problem: { key: 'issue.untilAfterFrom' } });
    expect(fieldProblemOf(refusal('stages.0.reward.rewardId', 'no such reward'))).toEqual({ field: 'stages.0.reward.rewardId', problem: { key: 'issue.noSuchReward' } });
  });
});

describe('a mission in words', () => {
  it('the goal, the period and a stage’s target, in both languages', () => {
    expect(goalText(en, { kind: 'showsAttended', minMinutes: 10 })).toBe('Shows attended (each after 10 min watched)');
    expect(goalText(en, { kind: 'comments', distinctShows: true })).toBe('Shows commented in');
    expect(goalText(zh, { kind: 'purchases', measure: 'amount' })).toBe('消費金額');
    expect(periodText(en, { kind: 'week' }, 'en')).toBe('Every week (from Monday)');
    expect(periodText(zh, { kind: 'show' }, 'zh-TW')).toBe('每場直播');
    expect(targetWords(en, { kind: 'purchases', measure: 'amount' }, 300_000, 'en')).toBe('NT$3,000');
    expect(targetWords(en, { kind: 'purchases', measure: 'count' }, 1, 'en')).toBe('1 order');
    expect(targetWords(en, { kind: 'purchases', measure: 'count' }, 2, 'en')).toBe('2 orders');
    expect(targetWords(en, { kind: 'comments', distinctShows: true }, 2, 'en')).toBe('2 shows');
    expect(targetWords(zh, { kind: 'watchMinutes' }, 30, 'zh-TW')).toBe('30 分鐘');
  });
});

function storeWith(api: Partial<typeof hostApi>) {
  const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
  return createStore({ ...browserTimers, locale: 'en', api: api as typeof hostApi, storage });
}

describe('the missions slice', () => {
  it('refuses in the browser before any request, naming the fields', async () => {
    let calls = 0;
    const store = storeWith({ createMission: async () => (calls++, { mission: mission() }) });
    const outcome = await store.getState().createMission(missionBodyFrom(fromTemplate('repurchase')));
    expect(calls).toBe(0);
    expect(outcome).toMatchObject({ ok: false, fields: { 'stages.0.reward': { key: 'issue.stagePays' }, 'stages.1.reward': { key: 'issue.stagePays' } } });
  });

  it('sends the parsed body with the host token and lists what the server answered', async () => {
    const sent: unknown[] = [];
    const store = storeWith({
      createMission: async (token, body) => {
        sent.push([token, body]);
        return { mission: mission({ id: 'ms-new', createdAt: 5 }) };
      },
    });
    const outcome = await store.getState().createMission(missionBodyFrom(fromTemplate('dailyCheckin')));
    expect(outcome).toEqual({ ok: true });
    expect(sent).toEqual([['host-token', CreateMissionBody.parse(missionBodyFrom(fromTemplate('dailyCheckin')))]]);
    expect(store.getState().missions.map((m) => m.id)).toEqual(['ms-new']);
  });

  it('keeps the newest read when an older one answers late, newest mission first', async () => {
    const answers: Array<(v: { missions: MissionView[] }) => void> = [];
    const store = storeWith({ listMissions: () => new Promise((resolve) => answers.push(resolve)) });
    const first = store.getState().loadMissions();
    const second = store.getState().loadMissions(true);
    answers[1]!({ missions: [mission({ id: 'old', createdAt: 1, completions: [1, 0] }), mission({ id: 'new', createdAt: 2 })] });
    answers[0]!({ missions: [] });
    await Promise.all([first, second]);
    expect(store.getState().missions.map((m) => m.id)).toEqual(['new', 'old']);
    expect(store.getState().missions[1]!.completions).toEqual([1, 0]);
    expect(store.getState().missionsStatus).toBe('ready');
  });

  it('a refused patch leaves the mission as it was and names the server’s field', async () => {
    const store = storeWith({
      listMissions: async () => ({ missions: [mission()] }),
      patchMission: async () => {
        throw new ApiError(400, { code: 'VALIDATION', message: 'stages.0.reward.rewardId: no such reward', field: 'stages.0.reward.rewardId' });
      },
    });
    await store.getState().loadMissions();
    const outcome = await store.getState().patchMission('ms-1', { stages: [{ target: 1, reward: pays(0, 'gone') }] });
    expect(outcome).toMatchObject({ ok: false, fields: { 'stages.0.reward.rewardId': { key: 'issue.noSuchReward' } } });
    expect(store.getState().missions).toEqual([mission()]);
    expect(store.getState().missionBusy).toEqual({});
  });
});
