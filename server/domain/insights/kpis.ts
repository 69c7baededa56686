/**
 * The programme's KPIs (issue 15), written once as a reference over the
 * whole history: the ledger, the orders and the redemptions. Intervals are
 * local days, weeks from Monday or months in the rules' time zone. What
 * each figure means is in docs/INSIGHTS.md; a faster, incremental
 * computation must give the same rows.
 *
 * - Active in an interval: a ledger entry of a member's own doing (watch,
 *   chest, check-in, like, comment, share, purchase) or an order in it.
 * - Earned at an instant: points earned up to it from the UTC day 365 days
 *   before (every earning reason, less purchase reversals), which gives the
 *   tier, as the engines' tier window does (ledger-kinds.ts tierWindowOpens).
 * - Super Fan at an instant: active on at least `superFan.minActiveDays` of
 *   the last `superFan.days` local days.
 */
import type { KpiRow } from '../../../shared/insights.ts';
import { LedgerReason, type LedgerEntry } from '../../../shared/models.ts';
import { DOING, EARNING, RETURNS, SPENDING, countsAsEarned, tierWindowOpens } from './ledger-kinds.ts';
import type { Redemption } from '../../../shared/rewards.ts';
import type { Rules } from '../../../shared/rules.ts';
import { periodKey } from '../reward-periods.ts';
import { addDays, dayKey, localMidnight } from '../time.ts';
import { tierFor } from '../tiers.ts';
import type { OrderFact } from './attribution.ts';

export type KpiInterval = 'day' | 'week' | 'month';

export interface KpiHistory {
  ledger: readonly LedgerEntry[];
  orders: readonly OrderFact[];
  redemptions: readonly Pick<Redemption, 'memberId' | 'createdAt' | 'status'>[];
}

/** The intervals from the one holding local day `from` up to the one holding `to`, as [first day, next interval's first day]. */
export function intervals(from: string, to: string, interval: KpiInterval): Array<[string, string]> {
  const start = (day: string) => (interval === 'day' ? day : interval === 'month' ? `${day.slice(0, 7)}-01` : periodKey(Date.parse(`${day}T12:00:00Z`), 'UTC', 'week'));
  const next = (day: string) => (interval === 'day' ? addDays(day, 1) : interval === 'week' ? addDays(day, 7) : nextMonth(day));
  const out: Array<[string, string]> = [];
  for (let day = start(from); day <= to; day = next(day)) out.push([day, next(day)]);
  return out;
}

function nextMonth(firstDay: string): string {
  const [y, m] = firstDay.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function kpiRows(history: KpiHistory, rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): KpiRow[] {
  const tz = rules.timezone;
  const activeIn = (start: number, end: number) => {
    const members = new Set<string>();
    for (const e of history.ledger) if (DOING.has(e.reason) && e.at >= start && e.at < end) members.add(e.memberId);
    for (const o of history.orders) if (o.paidAt >= start && o.paidAt < end) members.add(o.memberId);
    return members;
  };
  const earnedAt = (memberId: string, at: number) =>
    history.ledger
      .filter((e) => e.memberId === memberId && e.at <= at && e.at >= tierWindowOpens(at) && countsAsEarned(e))
      .reduce((sum, e) => sum + e.delta, 0);
  const membersBy = (at: number) => new Set(history.ledger.filter((e) => e.at <= at).map((e) => e.memberId));
  const tierAt = (memberId: string, at: number) => tierFor(rules as Rules, earnedAt(memberId, at));
  const superFanAt = (memberId: string, at: number) => {
    const lastDay = dayKey(at, tz);
    const firstDay = addDays(lastDay, 1 - rules.superFan.days);
    const days = new Set(history.ledger.filter((e) => e.memberId === memberId && DOING.has(e.reason) && e.at <= at).map((e) => dayKey(e.at, tz)).filter((d) => d >= firstDay && d <= lastDay));
    return days.size >= rules.superFan.minActiveDays;
  };
  const order = new Map(rules.tiers.map((t, i) => [t.id, i]));
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

  return intervals(from, to, interval).map(([first, next]): KpiRow => {
    const start = localMidnight(first, tz);
    const end = localMidnight(next, tz);
    const last = end - 1;
    const active = activeIn(start, end);
    const [prevFirst] = intervals(addDays(first, -1), addDays(first, -1), interval)[0]!;
    const before = activeIn(localMidnight(prevFirst, tz), start);
    const members = membersBy(last);
    const tiers: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
    const tierOfMember = new Map<string, string>();
    for (const m of members) {
      const id = tierAt(m, last).id;
      tierOfMember.set(m, id);
      tiers[id] = (tiers[id] ?? 0) + 1;
    }
    const hadTier = [...membersBy(start - 1)];
    const moves = hadTier.map((m) => order.get(tierOfMember.get(m)!)! - order.get(tierAt(m, start - 1).id)!);
    const inInterval = (e: { at: number }) => e.at >= start && e.at < end;
    const entries = history.ledger.filter(inInterval);
    const orders = history.orders.filter((o) => o.paidAt >= start && o.paidAt < end);
    const spendCents: Record<string, number> = Object.fromEntries(rules.tiers.map((t) => [t.id, 0]));
    const buyers = new Map<string, Set<string>>(rules.tiers.map((t) => [t.id, new Set<string>()]));
    for (const o of orders) {
      const tier = tierOfMember.get(o.memberId) ?? tierAt(o.memberId, last).id;
      spendCents[tier] = (spendCents[tier] ?? 0) + o.amountCents;
      buyers.get(tier)?.add(o.memberId);
    }
    const ordersBy = (memberId: string) => history.orders.filter((o) => o.memberId === memberId && o.paidAt < end).length;
    const repurchaseRate = Object.fromEntries([...buyers].map(([tier, set]) => [tier, share([...set].filter((m) => ordersBy(m) >= 2).length, set.size)]));
    const redeemers = new Set(history.redemptions.filter((r) => r.status !== 'rejected' && r.createdAt >= start && r.createdAt < end).map((r) => r.memberId));
    return {
      from: first,
      until: next,
      activeMembers: active.size,
      returnRate: share([...before].filter((m) => active.has(m)).length, before.size),
      superFanShare: share([...active].filter((m) => superFanAt(m, last)).length, active.size),
      tiers,
      upgradeRate: share(moves.filter((d) => d > 0).length, hadTier.length),
      downgradeRate: share(moves.filter((d) => d < 0).length, hadTier.length),
      spendCents,
      repurchaseRate,
      pointsIssued: entries.filter((e) => EARNING.has(e.reason) && e.delta > 0).reduce((s, e) => s + e.delta, 0),
      pointsSpent: entries.filter((e) => SPENDING.has(e.reason) || RETURNS.has(e.reason)).reduce((s, e) => s - e.delta, 0),
      pointsExpired: entries.filter((e) => e.reason === LedgerReason.expiry).reduce((s, e) => s - e.delta, 0),
      outstandingPoints: history.ledger.filter((e) => e.at < end).reduce((s, e) => s + e.delta, 0),
      redemptionRate: share([...active].filter((m) => redeemers.has(m)).length, active.size),
    };
  });
}
