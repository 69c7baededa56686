/**
 * The insights' facts, kept as events happen (issue 15): what the KPIs and
 * the member summaries read of the whole history, folded entry by entry and
 * order by order into a few numbers per member and per local day, so an
 * answer costs O(members × intervals) instead of a pass over every ledger
 * entry. Per member: the local days they were active, their earned points
 * bucketed so the tier window can be read at any interval's end, their first
 * day, their last activity, their orders; per local day: points issued,
 * spent, expired and the net change. Nothing here depends on the tiers or the
 * Super Fan rule, so changing those needs no rebuild; the time zone does
 * (days are local), and a facts object is built for one zone.
 *
 * The references are kpis.ts kpiRows and member-summary.ts summarize; a
 * differential property test holds these answers to them. Summaries are the
 * facts as of `now`, with nothing recorded after it (the app's present).
 */
import type { KpiRow } from '../../../shared/insights.ts';
import { LedgerReason, type LedgerEntry } from '../../../shared/models.ts';
import type { Redemption } from '../../../shared/rewards.ts';
import type { Rules } from '../../../shared/rules.ts';
import { addDays } from '../time.ts';
import type { OrderFact } from './attribution.ts';
import { intervals, type KpiInterval } from './kpis.ts';
import { DOING, EARNING, RETURNS, SPENDING, countsAsEarned, tierWindowOpens } from './ledger-kinds.ts';
import { LocalDays } from './local-days.ts';
import type { MemberRecordFacts } from './member-summary.ts';
import type { MemberSummary } from './segments.ts';

export type InsightRules = Pick<Rules, 'timezone' | 'tiers' | 'superFan'>;
export type EntryFact = Pick<LedgerEntry, 'memberId' | 'delta' | 'reason' | 'at'>;
export type RedemptionFact = Pick<Redemption, 'memberId' | 'createdAt' | 'status'>;
/** A member's shows watched and interactions there in the summary's last 90 days. */
export interface RecentShows {
  shows: number;
  interactions: number;
}

/** Spends and what came back of them, netted as "points spent". */
const SPENT: ReadonlySet<string> = new Set([...SPENDING, ...RETURNS]);

class MemberFacts {
  /** Local days with an entry of the member's own doing: ascending, each once. */
  readonly doingDays: number[] = [];
  /** Earned points (countsAsEarned) by LocalDays segment: ascending segments, parallel sums. */
  readonly earnSegments: number[] = [];
  readonly earnPoints: number[] = [];
  /** The first local day with any ledger entry (Infinity: none). */
  firstDay = Infinity;
  lastDoingAt = -Infinity;
  /** Orders by payment time: ascending, parallel amounts. */
  readonly paidAt: number[] = [];
  readonly paidCents: number[] = [];
}

interface DayTotals {
  issued: number;
  spent: number;
  expired: number;
  net: number;
}

/** The index of the first value ≥ x in an ascending array. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of an ascending array lie in [from, to). */
function countIn(sorted: readonly number[], from: number, to: number): number {
  return Math.max(0, lowerBound(sorted, to) - lowerBound(sorted, from));
}

/** Adds `x` to an ascending array of distinct values unless it is there; facts mostly arrive in time order, so it is mostly a push. */
function addDistinct(sorted: number[], x: number): void {
  const n = sorted.length;
  if (n === 0 || sorted[n - 1]! < x) sorted.push(x);
  else {
    const i = lowerBound(sorted, x);
    if (sorted[i] !== x) sorted.splice(i, 0, x);
  }
}

/** Adds `amount` to bucket `key` (ascending keys, parallel amounts), making the bucket if need be. */
function addToBucket(keys: number[], amounts: number[], key: number, amount: number): void {
  const n = keys.length;
  if (n === 0 || keys[n - 1]! < key) {
    keys.push(key);
    amounts.push(amount);
    return;
  }
  const i = lowerBound(keys, key);
  if (keys[i] === key) amounts[i]! += amount;
  else {
    keys.splice(i, 0, key);
    amounts.splice(i, 0, amount);
  }
}

function tierIndexFor(rules: InsightRules, earned: number): number {
  let index = 0;
  rules.tiers.forEach((t, i) => {
    if (earned >= t.minPoints) index = i;
  });
  return index;
}

export class InsightFacts {
  readonly days: LocalDays;
  private readonly members = new Map<string, MemberFacts>();
  private readonly dayTotals = new Map<number, DayTotals>();

  constructor(readonly timeZone: string) {
    this.days = new LocalDays(timeZone);
  }

  addEntry(e: EntryFact): void {
    const m = this.member(e.memberId);
    const day = this.days.of(e.at);
    if (day < m.firstDay) m.firstDay = day;
    if (DOING.has(e.reason)) {
      addDistinct(m.doingDays, day);
      if (e.at > m.lastDoingAt) m.lastDoingAt = e.at;
    }
    if (countsAsEarned(e)) addToBucket(m.earnSegments, m.earnPoints, this.days.segmentOf(e.at), e.delta);
    let totals = this.dayTotals.get(day);
    if (!totals) this.dayTotals.set(day, (totals = { issued: 0, spent: 0, expired: 0, net: 0 }));
    if (EARNING.has(e.reason) && e.delta > 0) totals.issued += e.delta;
    if (SPENT.has(e.reason)) totals.spent -= e.delta;
    if (e.reason === LedgerReason.expiry) totals.expired -= e.delta;
    totals.net += e.delta;
  }

  addOrder(o: Pick<OrderFact, 'memberId' | 'paidAt' | 'amountCents'>): void {
    const m = this.member(o.memberId);
    // After any order paid at the same instant: ties keep arrival order.
    const i = lowerBound(m.paidAt, o.paidAt + 1);
    m.paidAt.splice(i, 0, o.paidAt);
    m.paidCents.splice(i, 0, o.amountCents);
  }

  /** The KPI rows from local day `from` to `to` (kpis.ts kpiRows), with the redemptions as they stand. */
  kpis(rules: InsightRules, from: string, to: string, interval: KpiInterval, redemptions: Iterable<RedemptionFact>): KpiRow[] {
    this.checkZone(rules);
    const spans = intervals(from, to, interval);
    const firstDay = spans[0]?.[0] ?? from;
    const prevDay = LocalDays.numberOf(intervals(addDays(firstDay, -1), addDays(firstDay, -1), interval)[0]![0]);
    const startDay = spans.map(([first]) => LocalDays.numberOf(first));
    const endDay = spans.map(([, next]) => LocalDays.numberOf(next));
    const start = startDay.map((d) => this.days.start(d));
    const end = endDay.map((d) => this.days.start(d));
    // The tier window read at the instant before a local midnight: segments from its opening UTC midnight up to that midnight.
    const windowBefore = (midnight: number): [number, number] => [this.days.segmentOf(tierWindowOpens(midnight - 1)), this.days.segmentOf(midnight)];
    const windowAtEnd = end.map(windowBefore);
    const windowBeforeStart = start.map(windowBefore);
    const redeemed = new Map<string, number[]>();
    for (const r of redemptions) if (r.status !== 'rejected') addInTimeOrder(redeemed, r.memberId, r.createdAt);

    const counters = spans.map(() => new Counters(rules));
    for (const [memberId, m] of this.members) {
      const prefix = [0];
      for (const p of m.earnPoints) prefix.push(prefix[prefix.length - 1]! + p);
      const tierAt = ([open, close]: [number, number]) =>
        tierIndexFor(rules, prefix[lowerBound(m.earnSegments, close)]! - prefix[lowerBound(m.earnSegments, open)]!);
      const activeIn = (dayFrom: number, dayTo: number, atFrom: number, atTo: number) =>
        countIn(m.doingDays, dayFrom, dayTo) > 0 || countIn(m.paidAt, atFrom, atTo) > 0;
      const redemptionTimes = redeemed.get(memberId) ?? [];
      let wasActive = spans.length > 0 && activeIn(prevDay, startDay[0]!, this.days.start(prevDay), start[0]!);
      for (let k = 0; k < spans.length; k++) {
        const c = counters[k]!;
        const active = activeIn(startDay[k]!, endDay[k]!, start[k]!, end[k]!);
        if (wasActive) c.before++;
        if (active) {
          c.active++;
          if (wasActive) c.returned++;
          // Active days among the Super Fan rule's last `days` local days up to the interval's last day.
          if (countIn(m.doingDays, endDay[k]! - rules.superFan.days, endDay[k]!) >= rules.superFan.minActiveDays) c.superFans++;
          if (countIn(redemptionTimes, start[k]!, end[k]!) > 0) c.redeemers++;
        }
        wasActive = active;
        const tierEnd = tierAt(windowAtEnd[k]!);
        if (m.firstDay < endDay[k]!) c.tiers[tierEnd]!++;
        if (m.firstDay < startDay[k]!) {
          c.hadTier++;
          const move = tierEnd - tierAt(windowBeforeStart[k]!);
          if (move > 0) c.up++;
          else if (move < 0) c.down++;
        }
        const firstOrder = lowerBound(m.paidAt, start[k]!);
        const ordersToEnd = lowerBound(m.paidAt, end[k]!);
        if (ordersToEnd > firstOrder) {
          for (let i = firstOrder; i < ordersToEnd; i++) c.spend[tierEnd]! += m.paidCents[i]!;
          c.buyers[tierEnd]!++;
          if (ordersToEnd >= 2) c.repeatBuyers[tierEnd]!++;
        }
      }
    }
    this.addDayTotals(counters, startDay, endDay);
    return spans.map(([first, next], k) => counters[k]!.row(rules, first, next));
  }

  /** Each member's summary at `now` (member-summary.ts summarize), with their recent shows from the caller. */
  summaries(records: readonly MemberRecordFacts[], recentShows: (memberId: string) => RecentShows | undefined, rules: InsightRules, now: number): MemberSummary[] {
    this.checkZone(rules);
    const today = this.days.of(now);
    const windowOpens = this.days.segmentOf(tierWindowOpens(now));
    return records.map((record): MemberSummary => {
      const m = this.members.get(record.memberId) ?? new MemberFacts();
      let earned = 0;
      for (let i = lowerBound(m.earnSegments, windowOpens); i < m.earnPoints.length; i++) earned += m.earnPoints[i]!;
      const lastPaidAt = m.paidAt.length > 0 ? m.paidAt[m.paidAt.length - 1]! : null;
      const lastActive = Math.max(m.lastDoingAt, lastPaidAt ?? -Infinity);
      const shows = recentShows(record.memberId);
      return {
        memberId: record.memberId,
        displayName: record.displayName,
        tier: rules.tiers[tierIndexFor(rules, earned)]!.id,
        createdAt: record.createdAt,
        lastActiveAt: lastActive === -Infinity ? null : lastActive,
        superFan: countIn(m.doingDays, today + 1 - rules.superFan.days, today + 1) >= rules.superFan.minActiveDays,
        orders: { count: m.paidAt.length, totalCents: m.paidCents.reduce((s, c) => s + c, 0), lastAt: lastPaidAt },
        showsWatched90: shows?.shows ?? 0,
        interactions90: shows?.interactions ?? 0,
      };
    });
  }

  private member(memberId: string): MemberFacts {
    let m = this.members.get(memberId);
    if (!m) this.members.set(memberId, (m = new MemberFacts()));
    return m;
  }

  private checkZone(rules: InsightRules): void {
    if (rules.timezone !== this.timeZone) throw new Error(`insight facts are kept in ${this.timeZone}, asked in ${rules.timezone}`);
  }

  /** Points issued, spent and expired in each interval, and outstanding at its end, from the per-day totals. */
  private addDayTotals(counters: Counters[], startDay: number[], endDay: number[]): void {
    const days = [...this.dayTotals.keys()].sort((a, b) => a - b);
    counters.forEach((c, k) => {
      for (const day of days) {
        if (day >= endDay[k]!) break;
        const t = this.dayTotals.get(day)!;
        c.outstanding += t.net;
        if (day >= startDay[k]!) {
          c.issued += t.issued;
          c.spent += t.spent;
          c.expired += t.expired;
        }
      }
    });
  }
}

/** Adds `at` to the member's times, kept ascending. */
function addInTimeOrder(byMember: Map<string, number[]>, memberId: string, at: number): void {
  let list = byMember.get(memberId);
  if (!list) byMember.set(memberId, (list = []));
  list.splice(lowerBound(list, at), 0, at);
}

/** One interval's counts, by tier index where per tier. */
class Counters {
  active = 0;
  before = 0;
  returned = 0;
  superFans = 0;
  hadTier = 0;
  up = 0;
  down = 0;
  issued = 0;
  spent = 0;
  expired = 0;
  outstanding = 0;
  redeemers = 0;
  readonly tiers: number[];
  readonly spend: number[];
  readonly buyers: number[];
  readonly repeatBuyers: number[];

  constructor(rules: InsightRules) {
    const zero = () => rules.tiers.map(() => 0);
    this.tiers = zero();
    this.spend = zero();
    this.buyers = zero();
    this.repeatBuyers = zero();
  }

  row(rules: InsightRules, from: string, until: string): KpiRow {
    const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
    const byTier = (values: number[]) => Object.fromEntries(rules.tiers.map((t, i) => [t.id, values[i]!]));
    return {
      from,
      until,
      activeMembers: this.active,
      returnRate: share(this.returned, this.before),
      superFanShare: share(this.superFans, this.active),
      tiers: byTier(this.tiers),
      upgradeRate: share(this.up, this.hadTier),
      downgradeRate: share(this.down, this.hadTier),
      spendCents: byTier(this.spend),
      repurchaseRate: Object.fromEntries(rules.tiers.map((t, i) => [t.id, share(this.repeatBuyers[i]!, this.buyers[i]!)])),
      pointsIssued: this.issued,
      pointsSpent: this.spent,
      pointsExpired: this.expired,
      outstandingPoints: this.outstanding,
      redemptionRate: share(this.redeemers, this.active),
    };
  }
}
