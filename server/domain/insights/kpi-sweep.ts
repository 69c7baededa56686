/**
 * The programme's KPIs in one pass (issue 15): the same rows as the
 * reference (kpis.ts kpiRows), computed member by member — each member's
 * ledger entries (in time order), orders and redemptions are folded into
 * per-interval counters and then forgotten — so a history of millions of
 * entries streams through in O(entries + members × intervals × log) with
 * memory for the counters only. A differential property test holds it to
 * the reference.
 */
import type { KpiRow } from '../../../shared/insights.ts';
import { LedgerReason, type LedgerEntry } from '../../../shared/models.ts';
import { DOING, EARNING, RETURNS, SPENDING, YEAR_MS, countsAsEarned } from './ledger-kinds.ts';
import type { Redemption } from '../../../shared/rewards.ts';
import type { Rules } from '../../../shared/rules.ts';
import { addDays, dayKey, localMidnight } from '../time.ts';
import { tierFor } from '../tiers.ts';
import type { OrderFact } from './attribution.ts';
import { intervals, type KpiInterval } from './kpis.ts';

/** Spends and what came back of them, netted as "points spent". */
const SPENT: ReadonlySet<string> = new Set([...SPENDING, ...RETURNS]);

interface Counters {
  active: number;
  before: number;
  returned: number;
  superFans: number;
  tiers: Record<string, number>;
  hadTier: number;
  up: number;
  down: number;
  spend: Record<string, number>;
  buyers: Record<string, number>;
  repeatBuyers: Record<string, number>;
  issued: number;
  spent: number;
  expired: number;
  outstanding: number;
  redeemers: number;
}

/** The number of values ≤ x in an ascending array. */
function upper(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of strings < x in an ascending array. */
function lowerString(sorted: readonly string[], x: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class KpiSweep {
  private readonly spans: Array<[string, string]>;
  private readonly starts: number[];
  private readonly ends: number[];
  /** The interval before the first, for its return rate. */
  private readonly prevStart: number;
  private readonly counters: Counters[];
  private readonly order: Map<string, number>;

  constructor(
    private readonly rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>,
    from: string,
    to: string,
    interval: KpiInterval,
  ) {
    const tz = rules.timezone;
    this.spans = intervals(from, to, interval);
    this.starts = this.spans.map(([first]) => localMidnight(first, tz));
    this.ends = this.spans.map(([, next]) => localMidnight(next, tz));
    const first = this.spans[0]?.[0] ?? from;
    this.prevStart = localMidnight(intervals(addDays(first, -1), addDays(first, -1), interval)[0]![0], tz);
    const zero = () => Object.fromEntries(rules.tiers.map((t) => [t.id, 0])) as Record<string, number>;
    this.counters = this.spans.map(() => ({
      active: 0, before: 0, returned: 0, superFans: 0, tiers: zero(), hadTier: 0, up: 0, down: 0,
      spend: zero(), buyers: zero(), repeatBuyers: zero(), issued: 0, spent: 0, expired: 0, outstanding: 0, redeemers: 0,
    }));
    this.order = new Map(rules.tiers.map((t, i) => [t.id, i]));
  }

  /** One member: their ledger entries in time order, their orders and their redemptions (any order). */
  addMember(entries: readonly LedgerEntry[], orders: readonly OrderFact[], redemptions: readonly Pick<Redemption, 'createdAt' | 'status'>[]): void {
    const tz = this.rules.timezone;
    const K = this.spans.length;
    // Earned-window contributions, in time order, with prefix sums: earned(at) = P[upper(at)] − P[upper(at − 365 d)].
    const earnAt: number[] = [];
    const earnPrefix: number[] = [0];
    const entryAt: number[] = entries.map((e) => e.at);
    const balanceAfter: number[] = [0];
    for (const e of entries) balanceAfter.push(balanceAfter[balanceAfter.length - 1]! + e.delta);
    const doingAt: number[] = [];
    // Distinct local days with activity, each with its first moment (both ascending).
    const days: string[] = [];
    const dayFirstAt: number[] = [];
    for (const e of entries) {
      if (countsAsEarned(e)) {
        earnAt.push(e.at);
        earnPrefix.push(earnPrefix[earnPrefix.length - 1]! + e.delta);
      }
      if (DOING.has(e.reason)) {
        doingAt.push(e.at);
        const day = dayKey(e.at, tz);
        if (days[days.length - 1] !== day) {
          days.push(day);
          dayFirstAt.push(e.at);
        }
      }
    }
    const earned = (at: number) => earnPrefix[upper(earnAt, at)]! - earnPrefix[upper(earnAt, at - YEAR_MS)]!;
    const tierAt = (at: number) => tierFor(this.rules as Rules, earned(at)).id;
    const paid = orders.map((o) => o.paidAt).sort((a, b) => a - b);
    const activeIn = (start: number, end: number) =>
      upper(doingAt, end - 1) > upper(doingAt, start - 1) || upper(paid, end - 1) > upper(paid, start - 1);

    let wasActive = activeIn(this.prevStart, this.starts[0] ?? this.prevStart);
    for (let k = 0; k < K; k++) {
      const c = this.counters[k]!;
      const start = this.starts[k]!;
      const end = this.ends[k]!;
      const last = end - 1;
      const active = activeIn(start, end);
      if (wasActive) c.before++;
      if (active) {
        c.active++;
        if (wasActive) c.returned++;
        const lastDay = dayKey(last, tz);
        const firstDay = addDays(lastDay, 1 - this.rules.superFan.days);
        // Days and their first moments ascend together: those up to `last` are a prefix, those from `firstDay` a suffix.
        const recentDays = Math.max(0, upper(dayFirstAt, last) - lowerString(days, firstDay));
        if (recentDays >= this.rules.superFan.minActiveDays) c.superFans++;
        if (redemptions.some((r) => r.status !== 'rejected' && r.createdAt >= start && r.createdAt < end)) c.redeemers++;
      }
      wasActive = active;
      const tierEnd = tierAt(last);
      if (upper(entryAt, last) > 0) c.tiers[tierEnd] = (c.tiers[tierEnd] ?? 0) + 1;
      if (upper(entryAt, start - 1) > 0) {
        c.hadTier++;
        const move = this.order.get(tierEnd)! - this.order.get(tierAt(start - 1))!;
        if (move > 0) c.up++;
        else if (move < 0) c.down++;
      }
      const inInterval = orders.filter((o) => o.paidAt >= start && o.paidAt < end);
      if (inInterval.length > 0) {
        c.spend[tierEnd] = (c.spend[tierEnd] ?? 0) + inInterval.reduce((s, o) => s + o.amountCents, 0);
        c.buyers[tierEnd] = (c.buyers[tierEnd] ?? 0) + 1;
        if (upper(paid, last) >= 2) c.repeatBuyers[tierEnd] = (c.repeatBuyers[tierEnd] ?? 0) + 1;
      }
      for (let i = upper(entryAt, start - 1); i < upper(entryAt, last); i++) {
        const e = entries[i]!;
        if (EARNING.has(e.reason) && e.delta > 0) c.issued += e.delta;
        if (SPENT.has(e.reason)) c.spent -= e.delta;
        if (e.reason === LedgerReason.expiry) c.expired -= e.delta;
      }
      c.outstanding += balanceAfter[upper(entryAt, last)]!;
    }
  }

  rows(): KpiRow[] {
    const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
    return this.spans.map(([from, until], k): KpiRow => {
      const c = this.counters[k]!;
      return {
        from,
        until,
        activeMembers: c.active,
        returnRate: share(c.returned, c.before),
        superFanShare: share(c.superFans, c.active),
        tiers: c.tiers,
        upgradeRate: share(c.up, c.hadTier),
        downgradeRate: share(c.down, c.hadTier),
        spendCents: c.spend,
        repurchaseRate: Object.fromEntries(Object.entries(c.buyers).map(([tier, n]) => [tier, share(c.repeatBuyers[tier] ?? 0, n)])),
        pointsIssued: c.issued,
        pointsSpent: c.spent,
        pointsExpired: c.expired,
        outstandingPoints: c.outstanding,
        redemptionRate: share(c.redeemers, c.active),
      };
    });
  }
}
