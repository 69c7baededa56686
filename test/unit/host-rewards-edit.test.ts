/**
 * The reward editor (client/host/logic/reward-edit.ts): a reward opens as the
 * composer's form, the patch names only what the host changed — read as the
 * server's PatchRewardBody reads it — a refused field is said in the
 * dashboard's words, and the welcome-reward select's choices
 * (client/host/logic/reward-choices.ts).
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/common/api.ts';
import { fieldProblemOf, fieldProblems } from '../../client/host/logic/problems.ts';
import { rewardChoices } from '../../client/host/logic/reward-choices.ts';
import { rewardFormFrom, rewardPatchFrom, sameValue } from '../../client/host/logic/reward-edit.ts';
import type { RewardForm } from '../../client/host/logic/reward-form.ts';
import { PatchRewardBody, type RewardView } from '../../shared/rewards.ts';

// 10:00:30 local: the input shows minutes only, which must not read as a change
const FROM = new Date('2030-01-01T10:00:30').getTime();
const UNTIL = new Date('2030-02-01T18:45').getTime();

const reward = (over: Partial<RewardView> = {}): RewardView => ({
  id: 'rw-1',
  kind: 'coupon',
  title: 'NT$50 off',
  description: 'On any order',
  imageUrl: null,
  pricePoints: 300,
  tierPrices: { gold: 200 },
  stock: 20,
  perMemberLimit: 2,
  periodLimit: { period: 'week', count: 1 },
  minTier: 'silver',
  availableFrom: FROM,
  availableUntil: UNTIL,
  codeMode: 'shared',
  creditCents: null,
  currency: null,
  overlayAlert: false,
  archived: false,
  createdAt: 1,
  updatedAt: 1,
  left: 17,
  ...over,
});

const patchAfter = (r: RewardView, edit: (f: RewardForm) => Partial<RewardForm>) => {
  const opened = rewardFormFrom(r);
  return rewardPatchFrom(opened, { ...opened, ...edit(opened) });
};

describe('reward editor: the form a reward opens as', () => {
  it('shows every editable field as its input does; the stock as the units left', () => {
    expect(rewardFormFrom(reward())).toMatchObject({
      kind: 'coupon',
      title: 'NT$50 off',
      description: 'On any order',
      imageUrl: '',
      pricePoints: '300',
      tierPrices: { gold: '200' },
      unlimitedStock: false,
      stock: '17',
      perMemberLimit: '2',
      limitPeriod: 'week',
      periodCount: '1',
      minTier: 'silver',
      availableFrom: '2030-01-01T10:00',
      availableUntil: '2030-02-01T18:45',
      codeMode: 'shared',
      overlayAlert: false,
    });
  });

  it('shows nones as blanks', () => {
    const form = rewardFormFrom(
      reward({ kind: 'item', description: null, stock: null, left: null, perMemberLimit: null, periodLimit: null, minTier: null, availableFrom: null, availableUntil: null, codeMode: null }),
    );
    expect(form).toMatchObject({ description: '', unlimitedStock: true, stock: '', perMemberLimit: '', limitPeriod: '', minTier: '', availableFrom: '', availableUntil: '' });
  });
});

describe('reward editor: the patch names only what changed', () => {
  it('nothing changed, nothing sent — not even a stock redemptions lowered, or a time shown to the minute', () => {
    const opened = rewardFormFrom(reward());
    expect(rewardPatchFrom(opened, { ...opened })).toEqual({});
    expect(patchAfter(reward(), () => ({ title: '  NT$50 off ' }))).toEqual({});
  });

  it('a new title, price and overlay alert: exactly those', () => {
    const patch = patchAfter(reward(), () => ({ title: 'NT$80 off', pricePoints: '450', overlayAlert: true }));
    expect(patch).toEqual({ title: 'NT$80 off', pricePoints: 450, overlayAlert: true });
    expect(PatchRewardBody.parse(patch)).toEqual(patch);
  });

  it('cleared fields are sent as null: no description, unlimited, no limits, every tier, no window', () => {
    const patch = patchAfter(reward(), () => ({
      description: '  ',
      unlimitedStock: true,
      perMemberLimit: '',
      limitPeriod: '',
      minTier: '',
      availableFrom: '',
      availableUntil: '',
    }));
    expect(patch).toEqual({ description: null, stock: null, perMemberLimit: null, periodLimit: null, minTier: null, availableFrom: null, availableUntil: null });
    expect(PatchRewardBody.safeParse(patch).success).toBe(true);
  });

  it('one tier price changed sends the whole map (the server replaces it); a cleared tier pays the base price', () => {
    expect(patchAfter(reward({ tierPrices: { gold: 200, silver: 250 } }), (f) => ({ tierPrices: { ...f.tierPrices, silver: '' } }))).toEqual({
      tierPrices: { gold: 200 },
    });
  });

  it('a period count, a stock and a window bound each go alone', () => {
    expect(patchAfter(reward(), () => ({ periodCount: '3' }))).toEqual({ periodLimit: { period: 'week', count: 3 } });
    expect(patchAfter(reward(), () => ({ stock: '40' }))).toEqual({ stock: 40 });
    expect(patchAfter(reward(), () => ({ availableUntil: '2030-03-01T09:00' }))).toEqual({ availableUntil: new Date('2030-03-01T09:00').getTime() });
  });

  it('a cleared price or counted stock is refused on its field, never left out', () => {
    const patch = patchAfter(reward(), () => ({ pricePoints: '', stock: '' }));
    expect(Object.keys(patch).sort()).toEqual(['pricePoints', 'stock']);
    const parsed = PatchRewardBody.safeParse(patch, { reportInput: true });
    expect(parsed.success).toBe(false);
    const problems = fieldProblems(parsed.error!.issues);
    expect(problems.pricePoints).toEqual({ key: 'issue.required' });
    expect(problems.stock).toBeDefined();
  });

  it('junk is sent as NaN so the schema names its field', () => {
    const parsed = PatchRewardBody.safeParse(patchAfter(reward(), () => ({ perMemberLimit: 'x', title: '' })), { reportInput: true });
    expect(parsed.success).toBe(false);
    expect(Object.keys(fieldProblems(parsed.error!.issues)).sort()).toEqual(['perMemberLimit', 'title']);
  });

  it('never sends what only the kind has', () => {
    const patch = patchAfter(reward(), () => ({ kind: 'credit', codeMode: 'pool', sharedCode: 'NEW', creditAmount: '5', currency: 'USD' }));
    expect(patch).toEqual({});
  });
});

describe('reward editor: the server refusing a field', () => {
  it('is said in the dashboard words when its message is the shared rules’ own, else quoted', () => {
    const late = new ApiError(400, { code: 'VALIDATION', message: 'availableUntil: must be after availableFrom', field: 'availableUntil' });
    expect(fieldProblemOf(late)).toEqual({ field: 'availableUntil', problem: { key: 'issue.untilAfterFrom' } });
    const tier = new ApiError(400, { code: 'VALIDATION', message: 'minTier: no such tier', field: 'minTier' });
    expect(fieldProblemOf(tier)).toEqual({ field: 'minTier', problem: { key: 'issue.server', params: { message: 'no such tier' } } });
  });
});

describe('sameValue', () => {
  it('compares nested values by content, key order aside; NaN only equals NaN', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ period: 'week', count: 1 }, null)).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue(Number.NaN, null)).toBe(false);
  });
});

describe('welcome reward choices', () => {
  const catalogue = [reward({ id: 'a', title: 'Tea' }), reward({ id: 'b', title: 'Old mug', archived: true }), reward({ id: 'c', title: 'Socks' })];

  it('lists the unarchived rewards in catalogue order', () => {
    expect(rewardChoices(catalogue, '')).toEqual([
      { id: 'a', title: 'Tea', available: true },
      { id: 'c', title: 'Socks', available: true },
    ]);
    expect(rewardChoices(catalogue, 'c').map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('keeps a chosen reward that was archived or is unknown, marked unavailable', () => {
    expect(rewardChoices(catalogue, 'b').at(-1)).toEqual({ id: 'b', title: 'Old mug', available: false });
    expect(rewardChoices(catalogue, 'zzz').at(-1)).toEqual({ id: 'zzz', title: null, available: false });
  });
});
