/**
 * The reward composer's form → the create body (client/host/logic/reward-form.ts),
 * checked against the shared schema the server parses with: each kind sends
 * its own fields and none of another kind's, blanks fall back to the server's
 * defaults, and what is wrong is named on its own field.
 */
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../client/host/logic/problems.ts';
import { BLANK_REWARD_FORM, rewardBodyFrom, stockPatchFrom, stockShown, type RewardForm } from '../../client/host/logic/reward-form.ts';
import { CreateRewardBody, PatchRewardBody } from '../../shared/rewards.ts';

const form = (over: Partial<RewardForm> = {}): RewardForm => ({ ...BLANK_REWARD_FORM, title: 'Tea towel', pricePoints: '300', ...over });
const parse = (f: RewardForm) => CreateRewardBody.safeParse(rewardBodyFrom(f), { reportInput: true });
const problemsOf = (f: RewardForm) => {
  const parsed = parse(f);
  expect(parsed.success).toBe(false);
  return fieldProblems(parsed.error!.issues);
};

describe('reward composer: the body of each kind', () => {
  it('an item: counted stock, no codes, no credit; blanks take the server defaults', () => {
    const parsed = parse(form());
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      kind: 'item',
      title: 'Tea towel',
      pricePoints: 300,
      tierPrices: {},
      stock: 10,
      perMemberLimit: null,
      periodLimit: null,
      minTier: null,
      availableFrom: null,
      availableUntil: null,
      codeMode: null,
      creditCents: null,
      currency: null,
      overlayAlert: false,
    });
  });

  it('asks for overlay announcements only when ticked', () => {
    expect(rewardBodyFrom(form()).overlayAlert).toBe(false);
    expect(parse(form({ overlayAlert: true })).data).toMatchObject({ overlayAlert: true });
  });

  it('a custom reward with every optional field', () => {
    const body = rewardBodyFrom(
      form({
        kind: 'custom',
        description: '  A thank-you video  ',
        imageUrl: 'https://shop.example/v.png',
        tierPrices: { silver: '250', gold: ' 200 ', bronze: '' },
        unlimitedStock: true,
        perMemberLimit: '2',
        limitPeriod: 'week',
        periodCount: '1',
        minTier: 'silver',
        availableFrom: '2030-01-01T10:00',
        availableUntil: '2030-02-01T10:00',
      }),
    );
    expect(body).toMatchObject({
      kind: 'custom',
      description: 'A thank-you video',
      imageUrl: 'https://shop.example/v.png',
      tierPrices: { silver: 250, gold: 200 },
      stock: null,
      perMemberLimit: 2,
      periodLimit: { period: 'week', count: 1 },
      minTier: 'silver',
      availableFrom: new Date('2030-01-01T10:00').getTime(),
      availableUntil: new Date('2030-02-01T10:00').getTime(),
    });
    expect(CreateRewardBody.safeParse(body).success).toBe(true);
  });

  it('a pool coupon sends its code mode and no shared code', () => {
    const body = rewardBodyFrom(form({ kind: 'coupon', codeMode: 'pool', sharedCode: 'LEFTOVER', creditAmount: '5' }));
    expect(body).toMatchObject({ kind: 'coupon', codeMode: 'pool' });
    expect(body).not.toHaveProperty('sharedCode');
    expect(body).not.toHaveProperty('creditCents');
    expect(parse(form({ kind: 'coupon', codeMode: 'pool' })).success).toBe(true);
  });

  it('shared-code free shipping sends the code, trimmed', () => {
    const parsed = parse(form({ kind: 'shipping', codeMode: 'shared', sharedCode: ' SHIPFREE ' }));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ kind: 'shipping', codeMode: 'shared', sharedCode: 'SHIPFREE' });
  });

  it('shop credit sends the amount in cents with its currency, and no code mode', () => {
    const parsed = parse(form({ kind: 'credit', creditAmount: '150.50', currency: 'USD', codeMode: 'shared', sharedCode: 'X' }));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ kind: 'credit', creditCents: 15050, currency: 'USD', codeMode: null });
    expect(parsed.data).not.toHaveProperty('sharedCode');
  });

  it('an item never sends the code or credit fields typed while another kind was chosen', () => {
    const body = rewardBodyFrom(form({ kind: 'item', codeMode: 'shared', sharedCode: 'X', creditAmount: '10' }));
    expect(body).not.toHaveProperty('codeMode');
    expect(body).not.toHaveProperty('sharedCode');
    expect(body).not.toHaveProperty('creditCents');
    expect(body).not.toHaveProperty('currency');
  });
});

describe('reward composer: problems on their own fields', () => {
  it('a blank title and price are required', () => {
    const problems = problemsOf(form({ title: '  ', pricePoints: '' }));
    expect(problems.title).toEqual({ key: 'issue.required' });
    expect(problems.pricePoints).toEqual({ key: 'issue.required' });
  });

  it('a counted stock left blank is not read as unlimited', () => {
    expect(problemsOf(form({ stock: '' })).stock).toBeDefined();
    expect(parse(form({ stock: '', unlimitedStock: true })).success).toBe(true);
  });

  it('fractions and junk are named where they were typed', () => {
    const problems = problemsOf(form({ pricePoints: '1.5', perMemberLimit: 'x', tierPrices: { gold: '-1' }, limitPeriod: 'day', periodCount: '0' }));
    expect(problems.pricePoints).toEqual({ key: 'issue.integer' });
    expect(problems.perMemberLimit).toBeDefined();
    expect(problems['tierPrices.gold']).toEqual({ key: 'issue.min', params: { min: 0 } });
    expect(problems['periodLimit.count']).toEqual({ key: 'issue.min', params: { min: 1 } });
  });

  it('a shared code and a credit amount are required for their kinds', () => {
    expect(problemsOf(form({ kind: 'coupon', codeMode: 'shared', sharedCode: ' ' })).sharedCode).toEqual({ key: 'issue.required' });
    expect(problemsOf(form({ kind: 'credit', creditAmount: '' })).creditCents).toEqual({ key: 'issue.required' });
    expect(problemsOf(form({ kind: 'credit', creditAmount: '1.234' })).creditCents).toBeDefined();
  });

  it('the window must end after it starts', () => {
    const problems = problemsOf(form({ availableFrom: '2030-02-01T10:00', availableUntil: '2030-01-01T10:00' }));
    expect(problems.availableUntil).toEqual({ key: 'issue.untilAfterFrom' });
  });
});

describe('the quick stock edit', () => {
  it('sets the units left; blank is unlimited; junk is refused on stock', () => {
    expect(stockPatchFrom(' 7 ')).toEqual({ stock: 7 });
    expect(stockPatchFrom('')).toEqual({ stock: null });
    expect(PatchRewardBody.safeParse(stockPatchFrom('0')).success).toBe(true);
    const bad = PatchRewardBody.safeParse(stockPatchFrom('2.5'), { reportInput: true });
    expect(bad.success).toBe(false);
    expect(Object.keys(fieldProblems(bad.error!.issues))).toEqual(['stock']);
  });
});

describe('what the quick stock edit starts from', () => {
  it('the units left for a counted reward, blank for unlimited, the stock last set for a code pool', () => {
    expect(stockShown({ stock: 5, left: 4, codeMode: null })).toBe('4');
    expect(stockShown({ stock: null, left: null, codeMode: null })).toBe('');
    expect(stockShown({ stock: null, left: 3, codeMode: 'pool' })).toBe('');
    expect(stockShown({ stock: 10, left: 3, codeMode: 'pool' })).toBe('10');
  });
});
