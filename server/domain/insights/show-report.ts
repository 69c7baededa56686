/**
 * A show's report (issue 15), written once from the show's facts: what the
 * store and the engine recorded about it. Rates are shares (0–1); money is
 * cents; `change` is this show's figure minus the previous show's, for
 * every number, so the dashboard can say "+12 members".
 */
import type { ShowReport } from '../../../shared/insights.ts';
import { attributeOrders, type AttributionRule, type OrderFact, type ShowWatch } from './attribution.ts';

export interface ShowFacts {
  streamId: string;
  viewersTotal: number;
  viewersPeak: number;
  /** Distinct members who joined the show. */
  members: number;
  newMembers: number;
  guests: number;
  guestsConverted: number;
  /** Every member's watching of this show. */
  watch: ShowWatch[];
  checkins: number;
  likes: number;
  comments: number;
  drops: { claims: number; paid: number; revenueCents: number };
  lotteryEntries: number;
}

/** Orders that may belong to the show, with every show watch of their members (attribution compares shows). */
export interface OrderContext {
  orders: OrderFact[];
  watches: ShowWatch[];
}

export function showReport(facts: ShowFacts, context: OrderContext, rule: AttributionRule, previous: ShowReport | null): ShowReport {
  const watchMs = facts.watch.reduce((sum, w) => sum + w.watchMs, 0);
  const watchers = facts.watch.filter((w) => w.watchMs > 0).length;
  const shows = attributeOrders(context.orders, context.watches, rule);
  const mine = context.orders.filter((o) => shows.get(o.orderId) === facts.streamId);
  const revenueCents = mine.reduce((sum, o) => sum + o.amountCents, 0);
  const watchMinutes = watchMs / 60_000;
  const report: Omit<ShowReport, 'change'> = {
    streamId: facts.streamId,
    viewers: { total: facts.viewersTotal, peak: facts.viewersPeak },
    members: facts.members,
    newMembers: facts.newMembers,
    guests: facts.guests,
    guestsConverted: facts.guestsConverted,
    conversionRate: facts.guests > 0 ? facts.guestsConverted / facts.guests : null,
    watchMinutes: Math.floor(watchMinutes),
    averageWatchMinutes: watchers > 0 ? watchMinutes / watchers : null,
    checkins: facts.checkins,
    likes: facts.likes,
    comments: facts.comments,
    drops: { ...facts.drops },
    lotteryEntries: facts.lotteryEntries,
    orders: { count: mine.length, revenueCents },
    revenuePerViewerMinute: watchMs > 0 ? revenueCents / watchMinutes : null,
  };
  return { ...report, change: previous ? changeFrom(report, previous) : null };
}

/** Every number of the report, by a dotted path ('viewers.peak', 'drops.revenueCents'). */
export function reportNumbers(report: Omit<ShowReport, 'change'>): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') out[path] = value;
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  const { streamId: _id, ...numbers } = report;
  walk(numbers, '');
  return out;
}

/** This show's numbers minus the previous show's, where both have one (a rate that was null has no change). */
function changeFrom(report: Omit<ShowReport, 'change'>, previous: ShowReport): Record<string, number> {
  const { change: _earlier, ...figures } = previous;
  const now = reportNumbers(report);
  const before = reportNumbers(figures);
  const out: Record<string, number> = {};
  for (const [path, value] of Object.entries(now)) if (path in before) out[path] = value - before[path]!;
  return out;
}
