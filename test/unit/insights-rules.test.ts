/**
 * Insights' reference rules (issue 15), on a history small enough to work
 * out by hand — every expected figure below was computed by hand from the
 * entries, not by running the code: weekly KPIs in Asia/Taipei, last-touch
 * order attribution, and a show's report with its change from the previous
 * show.
 */
import { describe, expect, it } from 'vitest';
import { attributeOrders, attributedShow, type ShowWatch } from '../../server/domain/insights/attribution.ts';
import { intervals, kpiRows } from '../../server/domain/insights/kpis.ts';
import { showReport, type ShowFacts } from '../../server/domain/insights/show-report.ts';
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';

const t = (local: string) => Date.parse(`${local}+08:00`);
let n = 0;
const e = (memberId: string, reason: LedgerReason, delta: number, local: string): LedgerEntry => ({ id: `e${++n}`, key: `k${n}`, memberId, delta, reason, streamId: null, at: t(local) });

const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Asia/Taipei',
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2 },
  ],
  superFan: { days: 7, minActiveDays: 3 },
};

const ledger: LedgerEntry[] = [
  e('D', 'adjustment', 20, '2026-11-10T09:00:00'),
  e('A', 'watch', 10, '2026-11-17T10:00:00'),
  e('A', 'purchase', 100, '2026-11-18T10:00:00'),
  e('B', 'watch', 10, '2026-11-16T10:00:00'),
  e('A', 'like', 1, '2026-11-23T00:30:00'),
  e('A', 'checkin', 20, '2026-11-24T10:00:00'),
  e('D', 'lottery-entry', -10, '2026-11-24T11:00:00'),
  e('A', 'comment', 2, '2026-11-25T10:00:00'),
  e('B', 'birthday', 100, '2026-11-25T10:00:00'),
  e('D', 'lottery-refund', 10, '2026-11-25T12:00:00'),
  e('A', 'reward', -50, '2026-11-26T10:00:00'),
  e('C', 'purchase', 30, '2026-11-27T10:00:00'),
  e('C', 'watch', 5, '2026-11-28T10:00:00'),
  e('C', 'birthday', 50, '2026-11-28T11:00:00'),
  e('C', 'expiry', -5, '2026-11-29T23:59:00'),
];
const orders = [
  { orderId: 'o1', memberId: 'A', amountCents: 10_000, paidAt: t('2026-11-18T10:00:00') },
  { orderId: 'o2', memberId: 'A', amountCents: 20_000, paidAt: t('2026-11-27T10:00:00') },
  { orderId: 'o3', memberId: 'C', amountCents: 3_000, paidAt: t('2026-11-27T10:00:00') },
];
const redemptions = [{ memberId: 'A', createdAt: t('2026-11-26T10:00:00'), status: 'pending' as const }];

describe('weekly KPIs', () => {
  it('cuts weeks from Monday and months on the 1st', () => {
    expect(intervals('2026-11-18', '2026-11-30', 'week')).toEqual([
      ['2026-11-16', '2026-11-23'],
      ['2026-11-23', '2026-11-30'],
      ['2026-11-30', '2026-12-07'],
    ]);
    expect(intervals('2026-11-18', '2026-12-01', 'month')).toEqual([
      ['2026-11-01', '2026-12-01'],
      ['2026-12-01', '2027-01-01'],
    ]);
  });

  it('every figure of two weeks, as worked out by hand', () => {
    const [w1, w2] = kpiRows({ ledger, orders, redemptions }, RULES, '2026-11-16', '2026-11-29', 'week');
    expect(w1).toEqual({
      from: '2026-11-16',
      until: '2026-11-23',
      activeMembers: 2,
      returnRate: null,
      superFanShare: 0,
      tiers: { bronze: 2, silver: 1 },
      upgradeRate: 0,
      downgradeRate: 0,
      spendCents: { bronze: 0, silver: 10_000 },
      repurchaseRate: { bronze: null, silver: 0 },
      pointsIssued: 120,
      pointsSpent: 0,
      pointsExpired: 0,
      outstandingPoints: 140,
      redemptionRate: 0,
    });
    expect(w2).toEqual({
      from: '2026-11-23',
      until: '2026-11-30',
      activeMembers: 2,
      returnRate: 0.5,
      superFanShare: 0.5,
      tiers: { bronze: 2, silver: 2 },
      upgradeRate: 1 / 3,
      downgradeRate: 0,
      spendCents: { bronze: 3_000, silver: 20_000 },
      repurchaseRate: { bronze: 0, silver: 1 },
      pointsIssued: 208,
      pointsSpent: 50,
      pointsExpired: 5,
      outstandingPoints: 293,
      redemptionRate: 0.5,
    });
  });
});

describe('attribution: last touch', () => {
  const RULE = { minWatchMinutes: 10, windowHours: 24 };
  const w = (streamId: string, watchMinutes: number, first: string, last: string): ShowWatch => ({ memberId: 'A', streamId, watchMs: watchMinutes * 60_000, firstAt: t(first), lastAt: t(last) });
  const order = (paid: string) => ({ orderId: 'o', memberId: 'A', amountCents: 100, paidAt: t(paid) });

  it('the latest show watched long enough, ended within the window, begun before the order', () => {
    const watches = [w('s1', 30, '2026-11-20T20:00:00', '2026-11-20T21:00:00'), w('s2', 5, '2026-11-21T20:00:00', '2026-11-21T20:05:00')];
    expect(attributedShow(order('2026-11-21T21:00:00'), watches, RULE)).toBe('s1'); // s2 too short
    expect(attributedShow(order('2026-11-21T21:00:01'), watches, RULE)).toBeNull(); // s1 ended 24 h and 1 s before
    expect(attributedShow(order('2026-11-20T19:59:00'), watches, RULE)).toBeNull(); // before the watching began
    expect(attributedShow(order('2026-11-20T20:30:00'), [...watches, w('s3', 12, '2026-11-20T20:10:00', '2026-11-20T22:00:00')], RULE)).toBe('s3');
    expect(attributeOrders([{ ...order('2026-11-21T10:00:00'), memberId: 'B' }], watches, RULE).size).toBe(0);
  });
});

describe("a show's report", () => {
  const RULE = { minWatchMinutes: 10, windowHours: 48 };
  const facts = (streamId: string, over: Partial<ShowFacts> = {}): ShowFacts => ({
    streamId,
    viewersTotal: 10,
    viewersPeak: 6,
    members: 4,
    newMembers: 1,
    guests: 6,
    guestsConverted: 2,
    watch: [
      { memberId: 'A', streamId, watchMs: 30 * 60_000, firstAt: t('2026-11-20T20:00:00'), lastAt: t('2026-11-20T20:30:00') },
      { memberId: 'B', streamId, watchMs: 15 * 60_000, firstAt: t('2026-11-20T20:00:00'), lastAt: t('2026-11-20T20:15:00') },
      { memberId: 'C', streamId, watchMs: 0, firstAt: t('2026-11-20T20:00:00'), lastAt: t('2026-11-20T20:00:00') },
    ],
    checkins: 3,
    likes: 40,
    comments: 12,
    drops: { claims: 5, paid: 3, revenueCents: 90_000 },
    lotteryEntries: 4,
    ...over,
  });

  it('adds up the facts, attributes the orders and compares with the previous show', () => {
    const first = facts('s1');
    const context = {
      orders: [
        { orderId: 'o1', memberId: 'A', amountCents: 30_000, paidAt: t('2026-11-21T10:00:00') },
        { orderId: 'o2', memberId: 'B', amountCents: 15_000, paidAt: t('2026-11-21T10:00:00') },
        { orderId: 'o3', memberId: 'C', amountCents: 99_000, paidAt: t('2026-11-21T10:00:00') }, // C watched nothing
      ],
      watches: first.watch,
    };
    const report = showReport(first, context, RULE, null);
    expect(report).toEqual({
      streamId: 's1',
      viewers: { total: 10, peak: 6 },
      members: 4,
      newMembers: 1,
      guests: 6,
      guestsConverted: 2,
      conversionRate: 2 / 6,
      watchMinutes: 45,
      averageWatchMinutes: 22.5,
      checkins: 3,
      likes: 40,
      comments: 12,
      drops: { claims: 5, paid: 3, revenueCents: 90_000 },
      lotteryEntries: 4,
      orders: { count: 2, revenueCents: 45_000 },
      revenuePerViewerMinute: 1_000,
      change: null,
    });
    const second = showReport(facts('s2', { viewersPeak: 9, likes: 30, guests: 0, guestsConverted: 0, watch: [] }), { orders: [], watches: [] }, RULE, report);
    expect(second.change).toMatchObject({ 'viewers.peak': 3, likes: -10, watchMinutes: -45, 'orders.revenueCents': -45_000, guests: -6 });
    expect(second.change).not.toHaveProperty('conversionRate'); // null now: no change to speak of
    expect(second).toMatchObject({ conversionRate: null, averageWatchMinutes: null, revenuePerViewerMinute: null });
  });
});
