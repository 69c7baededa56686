/**
 * The viewer room's rewards store as one member sees it (client/live/logic/rewards.ts):
 * the price for their tier, why the Redeem button is disabled (in the
 * server's order), their use of a limit, and My rewards kept newest first
 * whatever order the reply, the push and the read arrive in.
 */
import { describe, expect, it } from 'vitest';
import type { Redemption, RewardView } from '../../shared/rewards.ts';
import { mergeRedemption, mergeRedemptionsRead, rewardCardView, rewardPrice } from '../../client/live/logic/rewards.ts';
import { DICTIONARIES } from '../../client/live/i18n.ts';

const LADDER = { tiers: [{ id: 'bronze' }, { id: 'silver' }, { id: 'gold' }] };
const NOW = 1_000_000;

const reward = (over: Partial<RewardView> = {}): RewardView => ({
  id: 'rw1',
  kind: 'coupon',
  title: 'NT$100 off',
  description: null,
  imageUrl: null,
  pricePoints: 100,
  tierPrices: {},
  stock: null,
  perMemberLimit: null,
  periodLimit: null,
  minTier: null,
  availableFrom: null,
  availableUntil: null,
  codeMode: 'pool',
  creditCents: null,
  currency: null,
  overlayAlert: false,
  archived: false,
  createdAt: 1,
  updatedAt: 1,
  left: 10,
  mine: { total: 0, thisPeriod: 0 },
  ...over,
});

const redemption = (over: Partial<Redemption> = {}): Redemption => ({
  id: 'rd1',
  rewardId: 'rw1',
  memberId: 'm1',
  requestId: 'req1',
  pricePoints: 100,
  ledgerKey: 'reward:rw1:m1:req1',
  code: null,
  status: 'pending',
  period: null,
  createdAt: 10,
  updatedAt: 10,
  ...over,
});

const bronze = (balance: number) => ({ tierId: 'bronze', balance });
const blockOf = (r: RewardView, member: { tierId: string; balance: number } | null = bronze(500), now = NOW) =>
  rewardCardView(r, member, LADDER, now).block;

describe('a reward for one member', () => {
  it('costs their tier price when there is one, else the base price', () => {
    const r = reward({ pricePoints: 100, tierPrices: { gold: 60 } });
    expect(rewardPrice(r, 'gold')).toBe(60);
    expect(rewardPrice(r, 'bronze')).toBe(100);
    expect(rewardPrice(r, null)).toBe(100);
    const gold = rewardCardView(r, { tierId: 'gold', balance: 500 }, LADDER, NOW);
    expect(gold).toMatchObject({ price: 60, basePrice: 100, block: null });
    expect(rewardCardView(r, bronze(500), LADDER, NOW).basePrice).toBeNull();
  });

  it('may be redeemed when nothing stands in the way', () => {
    expect(blockOf(reward())).toBeNull();
    expect(blockOf(reward({ left: null }))).toBeNull(); // unlimited
    expect(blockOf(reward({ pricePoints: 0 }), bronze(0))).toBeNull(); // free, with no points
  });

  it('asks a guest to join', () => {
    expect(blockOf(reward(), null)).toBe('guest');
  });

  it('says the points still missing', () => {
    const view = rewardCardView(reward({ pricePoints: 100 }), bronze(40), LADDER, NOW);
    expect(view).toMatchObject({ block: 'insufficient', shortBy: 60 });
    expect(blockOf(reward({ pricePoints: 100 }), bronze(100))).toBeNull(); // exactly enough
  });

  it('is sold out when nothing is left', () => {
    expect(blockOf(reward({ left: 0 }))).toBe('sold-out');
  });

  it('counts the member’s own redemptions against its limits', () => {
    const limited = reward({ perMemberLimit: 2, mine: { total: 1, thisPeriod: 1 } });
    expect(rewardCardView(limited, bronze(500), LADDER, NOW)).toMatchObject({ block: null, limitUse: { used: 1, limit: 2 } });
    expect(blockOf({ ...limited, mine: { total: 2, thisPeriod: 0 } })).toBe('limit');
    const weekly = reward({ periodLimit: { period: 'week', count: 1 }, mine: { total: 5, thisPeriod: 1 } });
    expect(rewardCardView(weekly, bronze(500), LADDER, NOW)).toMatchObject({ block: 'period-limit', periodUse: { used: 1, count: 1, period: 'week' } });
    // a catalogue read before sign-in has no counts: nothing redeemed yet
    expect(blockOf(reward({ perMemberLimit: 1, mine: undefined }))).toBeNull();
    // a guest is shown no limit use
    expect(rewardCardView(limited, null, LADDER, NOW).limitUse).toBeNull();
  });

  it('keeps lower tiers out, and leaves the tier to the server before the rules are read', () => {
    const goldOnly = reward({ minTier: 'gold' });
    expect(blockOf(goldOnly)).toBe('tier-too-low');
    expect(blockOf(goldOnly, { tierId: 'gold', balance: 500 })).toBeNull();
    expect(rewardCardView(goldOnly, bronze(500), null, NOW).block).toBeNull();
  });

  it('is not open before its window and closed after it', () => {
    expect(blockOf(reward({ availableFrom: NOW + 1 }))).toBe('not-open');
    expect(blockOf(reward({ availableFrom: NOW }))).toBeNull();
    expect(blockOf(reward({ availableUntil: NOW }))).toBe('closed');
    expect(blockOf(reward({ archived: true }))).toBe('closed');
  });

  it('gives the reason the server would answer first', () => {
    // tier before window before stock before limits before points (reward-service.ts, then redemption.ts)
    const everything = reward({ minTier: 'gold', availableUntil: NOW, left: 0, perMemberLimit: 1, mine: { total: 1, thisPeriod: 1 }, pricePoints: 999 });
    expect(blockOf(everything, bronze(0))).toBe('tier-too-low');
    expect(blockOf({ ...everything, minTier: null }, bronze(0))).toBe('closed');
    expect(blockOf({ ...everything, minTier: null, availableUntil: null }, bronze(0))).toBe('sold-out');
    expect(blockOf({ ...everything, minTier: null, availableUntil: null, left: 3 }, bronze(0))).toBe('limit');
    expect(blockOf({ ...everything, minTier: null, availableUntil: null, left: 3, perMemberLimit: null }, bronze(0))).toBe('insufficient');
  });
});

describe('My rewards', () => {
  it('keeps redemptions newest first, each once', () => {
    const older = redemption({ id: 'a', createdAt: 10, updatedAt: 10 });
    const newer = redemption({ id: 'b', createdAt: 20, updatedAt: 20 });
    const list = mergeRedemption(mergeRedemption([], older), newer);
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(mergeRedemption(list, newer)).toBe(list); // the push of one already shown changes nothing
  });

  it('settles a pending one when the host fulfils it, and never unsettles it', () => {
    const pending = redemption({ status: 'pending', updatedAt: 10 });
    const fulfilled = redemption({ status: 'fulfilled', updatedAt: 30 });
    const settled = mergeRedemption([pending], fulfilled);
    expect(settled).toEqual([fulfilled]);
    // the redeem reply arriving after the push must not put it back to pending
    expect(mergeRedemption(settled, pending)).toEqual([fulfilled]);
  });

  it('merges a read with what was pushed meanwhile', () => {
    const pushed = redemption({ id: 'new', createdAt: 50, updatedAt: 50 });
    const settledByPush = redemption({ id: 'old', status: 'rejected', createdAt: 5, updatedAt: 40 });
    const read = [redemption({ id: 'old', status: 'pending', createdAt: 5, updatedAt: 5 })];
    expect(mergeRedemptionsRead([pushed, settledByPush], read)).toEqual([pushed, settledByPush]);
  });
});

describe('the rewards strings', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();
  it('exist in both languages with the same placeholders', () => {
    const en = DICTIONARIES.en as Record<string, string>;
    const zh = DICTIONARIES['zh-TW'] as Record<string, string>;
    const keys = Object.keys(en).filter((k) => /^(rewards?|myRewards)\./.test(k));
    expect(keys.length).toBeGreaterThan(20);
    expect(Object.keys(zh).filter((k) => /^(rewards?|myRewards)\./.test(k)).sort()).toEqual([...keys].sort());
    expect(keys.filter((k) => placeholders(en[k]!) !== placeholders(zh[k]!))).toEqual([]);
    expect(keys.filter((k) => zh[k] === en[k])).toEqual([]);
  });
});
