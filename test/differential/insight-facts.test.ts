/**
 * Differential property test of the insights' facts (issue 15): random
 * histories — members earning, spending, expiring, buying and redeeming
 * over a year and some weeks — go to the references (kpis.ts kpiRows and
 * member-summary.ts summarize, which read the whole history for every
 * figure) and, entry by entry in a shuffled order, to InsightFacts (the
 * folded facts the app keeps); every KPI row, for days, weeks and months,
 * and every member's summary must be the same, in a zone without daylight
 * saving time and in one with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InsightFacts } from '../../server/domain/insights/insight-facts.ts';
import { kpiRows, type KpiInterval } from '../../server/domain/insights/kpis.ts';
import { summarize } from '../../server/domain/insights/member-summary.ts';
import { LedgerReason, type LedgerEntry } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Asia/Taipei',
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 60, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 150, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 3 },
  ],
  superFan: { days: 7, minActiveDays: 2 },
};
const T0 = Date.parse('2025-10-20T00:00:00+08:00');
/** Over a year and six weeks, in hours: old points leave the 365-day tier window while the rows are counted. */
const HOURS = 24 * 410;
const REASONS = Object.values(LedgerReason);

const entryArb = fc.record({
  member: fc.nat(5),
  // A third anywhere in the year before, a third in the last weeks (the rows' span), a third in the last ten days (the summaries' Super Fan window).
  hour: fc.oneof(fc.nat(HOURS), fc.integer({ min: HOURS - 24 * 50, max: HOURS }), fc.integer({ min: HOURS - 24 * 10, max: HOURS })),
  reason: fc.constantFrom(...REASONS),
  amount: fc.integer({ min: 1, max: 80 }),
});
const history = fc.record({
  entries: fc.array(entryArb, { maxLength: 60 }),
  orders: fc.array(fc.record({ member: fc.nat(5), hour: fc.nat(HOURS), cents: fc.integer({ min: 100, max: 50_000 }) }), { maxLength: 12 }),
  redemptions: fc.array(fc.record({ member: fc.nat(5), hour: fc.nat(HOURS), rejected: fc.boolean() }), { maxLength: 6 }),
  interval: fc.constantFrom<KpiInterval>('day', 'week', 'month'),
});

const SPENDS = new Set<string>([LedgerReason.lotteryEntry, LedgerReason.reward, LedgerReason.expiry, LedgerReason.purchaseReversal]);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEMBERS = [0, 1, 2, 3, 4, 5].map((m) => `m${m}`);

const scenario = fc.record({
  history,
  timezone: fc.constantFrom('Asia/Taipei', 'America/New_York'),
  /** The order facts arrive in: a permutation key per fact. */
  arrival: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
  shows: fc.array(fc.record({ member: fc.nat(5), hour: fc.nat(HOURS), interactions: fc.nat(9) }), { maxLength: 12 }),
  /** How long after the last fact the summaries are read. */
  afterHours: fc.oneof(fc.nat(48), fc.nat(24 * 60)),
});

describe('insights: references = the folded facts', () => {
  it('every KPI row and every member summary agree on random histories', () => {
    fc.assert(
      fc.property(scenario, ({ history: { entries, orders, redemptions, interval }, timezone, arrival, shows, afterHours }) => {
        const rules = { ...RULES, timezone };
        const ledger: LedgerEntry[] = entries
          .map((e, i) => ({ id: `e${i}`, key: `k${i}`, memberId: `m${e.member}`, delta: SPENDS.has(e.reason) ? -e.amount : e.amount, reason: e.reason, streamId: null, at: T0 + e.hour * HOUR + i }))
          .sort((a, b) => a.at - b.at);
        const orderFacts = orders.map((o, i) => ({ orderId: `o${i}`, memberId: `m${o.member}`, amountCents: o.cents, paidAt: T0 + o.hour * HOUR + i }));
        const redeemed = redemptions.map((r) => ({ memberId: `m${r.member}`, createdAt: T0 + r.hour * HOUR, status: r.rejected ? ('rejected' as const) : ('fulfilled' as const) }));

        const facts = new InsightFacts(timezone);
        const arrivals = [...ledger.map((e) => () => facts.addEntry(e)), ...orderFacts.map((o) => () => facts.addOrder(o))];
        arrivals
          .map((add, i) => ({ add, key: arrival[i % arrival.length]! + i / 1e6 }))
          .sort((a, b) => a.key - b.key)
          .forEach(({ add }) => add());

        const from = '2026-11-01';
        const to = '2026-12-02';
        expect(facts.kpis(rules, from, to, interval, redeemed)).toEqual(kpiRows({ ledger, orders: orderFacts, redemptions: redeemed }, rules, from, to, interval));

        const lastFact = Math.max(T0, ...ledger.map((e) => e.at), ...orderFacts.map((o) => o.paidAt));
        const now = lastFact + afterHours * HOUR;
        const showFacts = shows.map((s) => ({ memberId: `m${s.member}`, firstAt: T0 + s.hour * HOUR, interactions: s.interactions }));
        const records = MEMBERS.map((memberId, i) => ({ memberId, displayName: `Member ${i}`, createdAt: T0 - i * DAY }));
        const recent = (memberId: string) => {
          const mine = showFacts.filter((s) => s.memberId === memberId && s.firstAt <= now && now - s.firstAt <= 90 * DAY);
          return { shows: mine.length, interactions: mine.reduce((sum, s) => sum + s.interactions, 0) };
        };
        const expected = records.map((r) =>
          summarize(r, ledger.filter((e) => e.memberId === r.memberId), orderFacts.filter((o) => o.memberId === r.memberId), showFacts.filter((s) => s.memberId === r.memberId), rules, now),
        );
        expect(facts.summaries(records, recent, rules, now)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("reads the tier window as the engines do: from the UTC day 365 days back, whole", () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const entry = (memberId: string, at: string): LedgerEntry => ({ id: memberId, key: memberId, memberId, delta: 80, reason: LedgerReason.watch, streamId: null, at: Date.parse(at) });
    // 365 days before `now` is 2025-11-26T10:00Z: its whole UTC day is in the window, the day before is not.
    const ledger = [entry('inside', '2025-11-26T00:30:00Z'), entry('outside', '2025-11-25T23:30:00Z')];
    const facts = new InsightFacts(RULES.timezone);
    ledger.forEach((e) => facts.addEntry(e));
    const records = ledger.map((e) => ({ memberId: e.memberId, displayName: e.memberId, createdAt: e.at }));
    const tiers = facts.summaries(records, () => undefined, RULES, now).map((s) => s.tier);
    expect(tiers).toEqual(['silver', 'bronze']);
    expect(records.map((r, i) => summarize(r, [ledger[i]!], [], [], RULES, now).tier)).toEqual(tiers);
  });
});
