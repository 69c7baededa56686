/** The catalogue's create body (issue 13): each kind's own fields, refused by name when they do not fit. */
import { describe, expect, it } from 'vitest';
import { CreateRewardBody } from '../../shared/rewards.ts';

const base = { title: 'Reward', pricePoints: 500 };
const problem = (body: object) => {
  const r = CreateRewardBody.safeParse(body);
  return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
};

describe('CreateRewardBody', () => {
  it('takes each kind with its own fields, filling the defaults', () => {
    expect(CreateRewardBody.parse({ ...base, kind: 'coupon', codeMode: 'pool' })).toMatchObject({ stock: null, perMemberLimit: null, tierPrices: {}, minTier: null });
    expect(problem({ ...base, kind: 'shipping', codeMode: 'shared', sharedCode: 'FREESHIP' })).toBeNull();
    expect(problem({ ...base, kind: 'credit', creditCents: 10_000, currency: 'TWD' })).toBeNull();
    expect(problem({ ...base, kind: 'item', stock: 20, perMemberLimit: 1, periodLimit: { period: 'month', count: 1 } })).toBeNull();
  });

  it('refuses what does not fit the kind, naming the field', () => {
    expect(problem({ ...base, kind: 'coupon' })).toEqual(['codeMode']);
    expect(problem({ ...base, kind: 'item', codeMode: 'pool' })).toEqual(['codeMode']);
    expect(problem({ ...base, kind: 'coupon', codeMode: 'shared' })).toEqual(['sharedCode']);
    expect(problem({ ...base, kind: 'coupon', codeMode: 'pool', sharedCode: 'X' })).toEqual(['sharedCode']);
    expect(problem({ ...base, kind: 'credit' })).toEqual(['creditCents']);
    expect(problem({ ...base, kind: 'custom', creditCents: 5 })).toEqual(['creditCents']);
    expect(problem({ ...base, kind: 'custom', availableFrom: 2000, availableUntil: 1000 })).toEqual(['availableUntil']);
    expect(problem({ ...base, kind: 'custom', pricePoints: -1 })).toEqual(['pricePoints']);
    expect(problem({ ...base, kind: 'custom', surprise: true })).toEqual(['']);
  });
});
