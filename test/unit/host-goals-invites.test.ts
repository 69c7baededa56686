/**
 * The dashboard's side of issue 14's badges, community goals and invite
 * entries, pure parts and the slice:
 *
 * - a mission stage's badge: typed in the composer it is sent; an edit that
 *   touches the stages sends every stage's badge back as it was (a stage sent
 *   without one loses it), and one cleared is cleared;
 * - a goal's form becomes the body CreateGoalBody accepts: the flash-drop
 *   draft with prices typed in NT$ sent in cents, nothing of a draft whose
 *   box is unticked; refusals named on the draft's own fields;
 * - invite-to-win: the box and its two numbers to `inviteEntries`, the rules
 *   preview saying them;
 * - goals as news lands: a read replaces the show's list, a reached or
 *   archived goal replaces its entry, a stale read never undoes a push.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/common/api.ts';
import { browserTimers } from '../../client/common/app-store.ts';
import type { hostApi } from '../../client/host/api.ts';
import { BLANK_DROP_FORM, dropBodyFrom, type DropForm } from '../../client/host/logic/drop-form.ts';
import { BLANK_GOAL_FORM, goalBodyFrom, nextGoalForm, type GoalForm } from '../../client/host/logic/goal-form.ts';
import { BLANK_LOTTERY_FORM, inviteEntriesShown, lotteryBodyFrom, rulesSourceFrom, type LotteryForm } from '../../client/host/logic/lottery-form.ts';
import { missionFormFrom, missionPatchFrom } from '../../client/host/logic/mission-edit.ts';
import { BLANK_MISSION_FORM, missionBodyFrom, withStage, type MissionForm } from '../../client/host/logic/mission-form.ts';
import { fieldProblems } from '../../client/host/logic/problems.ts';
import { replaceShowGoals, upsertGoal } from '../../client/host/store/goals-reducers.ts';
import { createStore } from '../../client/host/store/index.ts';
import { CreateGoalBody, type GoalView } from '../../shared/community-goals.ts';
import { lotteryRulesText } from '../../shared/lottery-rules-text.ts';
import { CreateMissionBody, MissionRewardSchema, PatchMissionBody, type MissionView } from '../../shared/missions.ts';
import { CreateLotteryBody } from '../../shared/perks.ts';
import { aDrop } from '../support/perk-fixtures.ts';

// ---- mission stage badges ----

const reward = (points: number, rewardId: string | null, badge: string | null) => MissionRewardSchema.parse({ points, rewardId, badge });

const mission = (over: Partial<MissionView> = {}): MissionView => ({
  id: 'ms-1',
  title: 'Regulars',
  description: null,
  goal: { kind: 'showsAttended', minMinutes: 10 },
  period: { kind: 'month' },
  stages: [
    { target: 2, reward: reward(0, null, 'Regular') },
    { target: 4, reward: reward(50, 'rw-b', 'Superfan') },
    { target: 6, reward: reward(100, null, null) },
  ],
  minTier: null,
  archived: false,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

/** The stages the server keeps after the patch: what the dashboard sent, parsed by the server's schema. */
const storedStages = (patch: ReturnType<typeof missionPatchFrom>) => PatchMissionBody.parse(patch).stages;

describe('a mission stage’s badge', () => {
  it('is sent as typed by the composer, alone enough for a stage to give something', () => {
    const form: MissionForm = { ...BLANK_MISSION_FORM, title: 'First check-in', stages: [{ target: '1', points: '', rewardId: '', badge: '  Early bird ' }] };
    const parsed = CreateMissionBody.safeParse(missionBodyFrom(form), { reportInput: true });
    expect(parsed.success).toBe(true);
    expect(parsed.data!.stages[0]!.reward).toEqual({ points: 0, rewardId: null, badge: 'Early bird' });
  });

  it('a blank badge is none, and a stage with nothing at all is refused on its reward', () => {
    const form: MissionForm = { ...BLANK_MISSION_FORM, title: 'x', stages: [{ target: '1', points: '', rewardId: '', badge: '   ' }] };
    const parsed = CreateMissionBody.safeParse(missionBodyFrom(form), { reportInput: true });
    expect(parsed.success).toBe(false);
    expect(fieldProblems(parsed.error!.issues)).toEqual({ 'stages.0.reward': { key: 'issue.stagePays' } });
  });

  it('a badge longer than 24 characters is refused on the badge', () => {
    const form: MissionForm = { ...BLANK_MISSION_FORM, title: 'x', stages: [{ target: '1', points: '5', rewardId: '', badge: 'b'.repeat(25) }] };
    const parsed = CreateMissionBody.safeParse(missionBodyFrom(form), { reportInput: true });
    expect(fieldProblems(parsed.error!.issues)).toEqual({ 'stages.0.reward.badge': { key: 'issue.tooLong', params: { max: 24 } } });
  });

  it('opens in the editor as it is', () => {
    expect(missionFormFrom(mission()).stages.map((s) => s.badge ?? '')).toEqual(['Regular', 'Superfan', '']);
  });

  it('a title edit sends the title only: the stages, badges and all, stay on the server untouched', () => {
    const opened = missionFormFrom(mission());
    expect(missionPatchFrom(opened, { ...opened, title: 'Our regulars' })).toEqual({ title: 'Our regulars' });
  });

  it('an edit of one stage’s target sends every stage back with the badge it had', () => {
    const opened = missionFormFrom(mission());
    const patch = missionPatchFrom(opened, withStage(opened, 2, { target: '8' }));
    expect(storedStages(patch)).toEqual([
      { target: 2, reward: reward(0, null, 'Regular') },
      { target: 4, reward: reward(50, 'rw-b', 'Superfan') },
      { target: 8, reward: reward(100, null, null) },
    ]);
  });

  it('a badge renamed or cleared is exactly that change; clearing the only thing a stage gave is refused', () => {
    const opened = missionFormFrom(mission());
    const renamed = storedStages(missionPatchFrom(opened, withStage(opened, 1, { badge: 'Super fan' })));
    expect(renamed!.map((s) => s.reward.badge)).toEqual(['Regular', 'Super fan', null]);
    const cleared = storedStages(missionPatchFrom(opened, withStage(opened, 1, { badge: '' })));
    expect(cleared!.map((s) => s.reward)).toEqual([reward(0, null, 'Regular'), reward(50, 'rw-b', null), reward(100, null, null)]);
    const emptied = PatchMissionBody.safeParse(missionPatchFrom(opened, withStage(opened, 0, { badge: '' })), { reportInput: true });
    expect(fieldProblems(emptied.error!.issues)).toEqual({ 'stages.0.reward': { key: 'issue.stagePays' } });
  });
});

// ---- community goals: the form ----

const draft = (over: Partial<DropForm> = {}): DropForm => ({ ...BLANK_DROP_FORM, title: 'Flash jade bangle', price: '1,200.50', ...over });
const goalForm = (over: Partial<GoalForm> = {}): GoalForm => ({ ...BLANK_GOAL_FORM, title: 'Two likes open a flash drop', target: '2', ...over });
const parseGoal = (f: GoalForm) => CreateGoalBody.safeParse(goalBodyFrom(f), { reportInput: true });

describe('a community goal’s form → the body', () => {
  it('no drop and no reward: both null', () => {
    const parsed = parseGoal(goalForm({ metric: 'watchMinutes', target: '600' }));
    expect(parsed.data).toEqual({ title: 'Two likes open a flash drop', metric: 'watchMinutes', target: 600, drop: null, rewardId: null });
  });

  it('with its box ticked, the flash-drop draft: prices typed in NT$ go in cents, blanks take the server’s defaults', () => {
    const form = goalForm({ withDrop: true, drop: draft({ memberPrice: '999', stock: '5', paymentInstructions: ' Pay at the counter ' }), rewardId: 'rw-1' });
    expect(goalBodyFrom(form).drop).toMatchObject({ title: 'Flash jade bangle', priceCents: 120_050, memberPriceCents: 99_900, currency: 'TWD', stock: 5 });
    const parsed = parseGoal(form);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      title: 'Two likes open a flash drop',
      metric: 'likes',
      target: 2,
      drop: {
        title: 'Flash jade bangle',
        priceCents: 120_050,
        memberPriceCents: 99_900,
        currency: 'TWD',
        stock: 5,
        perMemberLimit: 1,
        reservationSeconds: 600,
        paymentInstructions: 'Pay at the counter',
      },
      rewardId: 'rw-1',
    });
    // no opening time goes: a goal's drop opens when the goal is reached
    expect(JSON.parse(JSON.stringify(parsed.data!.drop))).not.toHaveProperty('opensAt');
  });

  it('the draft is the drop composer’s: the same form gives the same drop body', () => {
    const d = draft({ checkoutUrl: 'https://shop.example/pay?ref={ref}', minTier: 'silver' });
    expect(goalBodyFrom(goalForm({ withDrop: true, drop: d })).drop).toEqual(dropBodyFrom(d));
  });

  it('unticked, nothing of a draft typed before is sent', () => {
    expect(goalBodyFrom(goalForm({ withDrop: false, drop: draft() })).drop).toBeNull();
  });

  it('names each problem on its own field, the draft’s under drop.', () => {
    const parsed = parseGoal(goalForm({ title: ' ', target: '0', withDrop: true, drop: draft({ title: '', price: '12.345', stock: '' }) }));
    expect(parsed.success).toBe(false);
    expect(fieldProblems(parsed.error!.issues)).toEqual({
      title: { key: 'issue.required' },
      target: { key: 'issue.min', params: { min: 1 } },
      'drop.title': { key: 'issue.required' },
      'drop.priceCents': { key: 'issue.number' },
      'drop.stock': { key: 'issue.required' },
    });
  });

  it('the next form is blank, the draft keeping what drops keep', () => {
    const sent = goalForm({ withDrop: true, rewardId: 'rw-1', drop: draft({ currency: 'USD', checkoutUrl: 'https://shop.example/{ref}', paymentInstructions: 'Bank transfer' }) });
    expect(nextGoalForm(sent)).toEqual({
      ...BLANK_GOAL_FORM,
      drop: { ...BLANK_DROP_FORM, currency: 'USD', checkoutUrl: 'https://shop.example/{ref}', paymentInstructions: 'Bank transfer' },
    });
  });
});

// ---- invite-to-win ----

const lottery = (over: Partial<LotteryForm> = {}): LotteryForm => ({ ...BLANK_LOTTERY_FORM, title: 'Invite your friends', prize: 'Tea set', ...over });
const parseLottery = (f: LotteryForm) => CreateLotteryBody.safeParse(lotteryBodyFrom(f), { reportInput: true });

describe('invite-to-win → the lottery body', () => {
  it('off: none (null)', () => {
    expect(lotteryBodyFrom(lottery()).inviteEntries).toBeNull();
    expect(lotteryBodyFrom(lottery({ invitePerFriend: '3', inviteMaxExtra: '7' })).inviteEntries).toBeNull();
  });

  it('ticked: the two numbers as typed', () => {
    const parsed = parseLottery(lottery({ invite: true, invitePerFriend: '2', inviteMaxExtra: ' 20 ' }));
    expect(parsed.success).toBe(true);
    expect(parsed.data!.inviteEntries).toEqual({ perFriend: 2, maxExtra: 20 });
    expect(parseLottery(lottery({ invite: true })).data!.inviteEntries).toEqual({ perFriend: 1, maxExtra: 10 });
  });

  it('out of range or blank: refused on its own field', () => {
    const parsed = parseLottery(lottery({ invite: true, invitePerFriend: '11', inviteMaxExtra: '' }));
    expect(fieldProblems(parsed.error!.issues)).toEqual({
      'inviteEntries.perFriend': { key: 'issue.max', params: { max: 10 } },
      'inviteEntries.maxExtra': { key: 'issue.required' },
    });
  });

  it('the rules preview says them while typed, half-typed numbers as the defaults', () => {
    const rules = (f: LotteryForm) => lotteryRulesText(rulesSourceFrom(f, 'frontrow-lottery-v2', null), 'en').howWinnersAreChosen.join(' ');
    expect(rules(lottery())).not.toMatch(/Invite to win/);
    expect(rules(lottery({ invite: true, invitePerFriend: '3', inviteMaxExtra: '12' }))).toMatch(/adds 3 entries, up to 12 more/);
    expect(inviteEntriesShown(lottery({ invite: true, invitePerFriend: '', inviteMaxExtra: '2.5' }))).toEqual({ perFriend: 1, maxExtra: 10 });
    expect(inviteEntriesShown(lottery({ invitePerFriend: '4' }))).toBeNull();
  });
});

// ---- community goals as news lands ----

const goal = (over: Partial<GoalView> = {}): GoalView => ({
  id: 'g1',
  streamId: 's1',
  title: 'Two likes',
  metric: 'likes',
  target: 2,
  drop: CreateGoalBody.parse({ title: 't', metric: 'likes', target: 2, drop: { title: 'Flash', priceCents: 100, stock: 1 } }).drop,
  rewardId: null,
  status: 'active',
  completedAt: null,
  dropId: null,
  createdAt: 10,
  progress: 0,
  ...over,
});

describe('goals reducers', () => {
  it('a read replaces the show’s list, newest first, other shows untouched', () => {
    const before = replaceShowGoals({}, 's2', [goal({ id: 'other', streamId: 's2' })]);
    const after = replaceShowGoals(before, 's1', [goal({ id: 'old', createdAt: 1 }), goal({ id: 'new', createdAt: 2 })]);
    expect(after.s1!.map((g) => g.id)).toEqual(['new', 'old']);
    expect(after.s2).toBe(before.s2);
  });

  it('a goal answered or pushed replaces its entry; an archived one leaves', () => {
    let state = replaceShowGoals({}, 's1', [goal(), goal({ id: 'g2', createdAt: 5 })]);
    state = upsertGoal(state, goal({ status: 'completed', progress: 2, completedAt: 99, dropId: 'd9' }));
    expect(state.s1!.map((g) => [g.id, g.status, g.progress])).toEqual([
      ['g1', 'completed', 2],
      ['g2', 'active', 0],
    ]);
    state = upsertGoal(state, goal({ id: 'g2', status: 'archived' }));
    expect(state.s1!.map((g) => g.id)).toEqual(['g1']);
    expect(upsertGoal({}, goal({ id: 'g3', streamId: 's3' })).s3!.map((g) => g.id)).toEqual(['g3']);
  });
});

function storeWith(api: Partial<typeof hostApi>) {
  const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
  return createStore({ ...browserTimers, locale: 'en', api: api as typeof hostApi, storage });
}

describe('the goals slice', () => {
  it('refuses in the browser before any request, naming the draft’s fields', async () => {
    let calls = 0;
    const store = storeWith({ createGoal: async () => (calls++, { goal: goal() }) });
    const outcome = await store.getState().createGoal('s1', goalBodyFrom(goalForm({ withDrop: true, drop: draft({ price: '' }) })));
    expect(calls).toBe(0);
    expect(outcome).toMatchObject({ ok: false, fields: { 'drop.priceCents': { key: 'issue.required' } } });
  });

  it('sends the parsed body with the host token, to the show, and lists the answer', async () => {
    const sent: unknown[] = [];
    const store = storeWith({
      createGoal: async (token, streamId, body) => {
        sent.push([token, streamId, body]);
        return { goal: goal({ id: 'g-new' }) };
      },
    });
    const input = goalBodyFrom(goalForm({ withDrop: true, drop: draft() }));
    expect(await store.getState().createGoal('s1', input)).toEqual({ ok: true });
    expect(sent).toEqual([['host-token', 's1', CreateGoalBody.parse(input)]]);
    expect(store.getState().goals.s1!.map((g) => g.id)).toEqual(['g-new']);
  });

  it('a reached goal lands at once; a read that set out before it does not undo it; its drop is read when not known', async () => {
    const reads: Array<(v: { goals: GoalView[] }) => void> = [];
    const dropReads: string[] = [];
    const store = storeWith({
      listGoals: () => new Promise((resolve) => reads.push(resolve)),
      listDrops: async (streamId) => (dropReads.push(streamId), { drops: [aDrop({ id: 'd9', title: 'Flash' })] }),
      listLotteries: async () => ({ lotteries: [] }),
    });
    const stale = store.getState().loadGoals('s1', true);
    store.getState().receiveGoalCompleted({ streamId: 's1', goal: goal({ status: 'completed', progress: 2, completedAt: 99, dropId: 'd9' }) });
    reads[0]!({ goals: [goal({ progress: 1 })] });
    await stale;
    expect(store.getState().goals.s1).toEqual([goal({ status: 'completed', progress: 2, completedAt: 99, dropId: 'd9' })]);
    expect(store.getState().notices.at(-1)?.problem).toEqual({ key: 'goals.reachedNotice', params: { title: 'Two likes' } });
    await expect.poll(() => store.getState().perks.drops.d9?.title).toBe('Flash');
    expect(dropReads).toEqual(['s1']);
    // a read made after it lands as usual
    const fresh = store.getState().loadGoals('s1', true);
    reads[1]!({ goals: [goal({ status: 'completed', progress: 3, completedAt: 99, dropId: 'd9' })] });
    await fresh;
    expect(store.getState().goals.s1![0]!.progress).toBe(3);
    expect(store.getState().goalsLoadedFor.s1).toBe(true);
  });

  it('an archive refused leaves the goal listed and says why', async () => {
    const store = storeWith({
      archiveGoal: async () => {
        throw new ApiError(404, { code: 'NOT_FOUND', message: 'goal not found' });
      },
    });
    store.getState().receiveGoalCompleted({ streamId: 's1', goal: goal({ status: 'completed', progress: 2, completedAt: 99 }) });
    await store.getState().archiveGoal('g1');
    expect(store.getState().goals.s1!.map((g) => g.id)).toEqual(['g1']);
    expect(store.getState().goalBusy).toEqual({});
    expect(store.getState().notices.at(-1)).toMatchObject({ tone: 'error', problem: { key: 'errors.NOT_FOUND' } });
  });
});
