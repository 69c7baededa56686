/**
 * Differential property test of the KPIs (issue 15): random histories —
 * members earning, spending, expiring, buying and redeeming over a few
 * weeks in Asia/Taipei — go to the reference (kpis.ts kpiRows, which reads
 * the whole history for every figure) and to the one-pass sweep
 * (kpi-sweep.ts, member by member); every row must be the same, for days,
 * weeks and months.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KpiSweep } from '../../server/domain/insights/kpi-sweep.ts';
import { kpiRows, type KpiInterval } from '../../server/domain/insights/kpis.ts';
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
  // Half the entries in the last weeks (the rows' span), the rest anywhere in the year before.
  hour: fc.oneof(fc.nat(HOURS), fc.integer({ min: HOURS - 24 * 50, max: HOURS })),
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

describe('KPIs: reference = one-pass sweep', () => {
  it('every row agrees on random histories', () => {
    fc.assert(
      fc.property(history, ({ entries, orders, redemptions, interval }) => {
        const ledger: LedgerEntry[] = entries
          .map((e, i) => ({ id: `e${i}`, key: `k${i}`, memberId: `m${e.member}`, delta: SPENDS.has(e.reason) ? -e.amount : e.amount, reason: e.reason, streamId: null, at: T0 + e.hour * 3_600_000 + i }))
          .sort((a, b) => a.at - b.at);
        const orderFacts = orders.map((o, i) => ({ orderId: `o${i}`, memberId: `m${o.member}`, amountCents: o.cents, paidAt: T0 + o.hour * 3_600_000 + i }));
        const redeemed = redemptions.map((r) => ({ memberId: `m${r.member}`, createdAt: T0 + r.hour * 3_600_000, status: r.rejected ? ('rejected' as const) : ('fulfilled' as const) }));
        const from = '2026-11-01';
        const to = '2026-12-02';
        const reference = kpiRows({ ledger, orders: orderFacts, redemptions: redeemed }, RULES, from, to, interval);
        const sweep = new KpiSweep(RULES, from, to, interval);
        for (let m = 0; m <= 5; m++) {
          const id = `m${m}`;
          sweep.addMember(
            ledger.filter((e) => e.memberId === id),
            orderFacts.filter((o) => o.memberId === id),
            redeemed.filter((r) => r.memberId === id),
          );
        }
        expect(sweep.rows()).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
