/**
 * Which show an order belongs to (issue 15), written once: last touch. An
 * order is attributed to the most recent show the member watched at least
 * `minWatchMinutes` of, whose watching began before the order and ended no
 * more than `windowHours` before it (watching still going on when the order
 * came counts). Most recent = the latest first watch; ties by show id, so
 * the answer never depends on input order. No such show: not attributed.
 * Watch time is the show's whole, not up to the order: a member who orders
 * early in a show they then watch for an hour is that show's buyer.
 */

/** One member's watching of one show. */
export interface ShowWatch {
  memberId: string;
  streamId: string;
  watchMs: number;
  firstAt: number;
  lastAt: number;
}

export interface OrderFact {
  orderId: string;
  memberId: string;
  amountCents: number;
  paidAt: number;
}

export interface AttributionRule {
  minWatchMinutes: number;
  windowHours: number;
}

export function attributedShow(order: OrderFact, watchesOfMember: readonly ShowWatch[], rule: AttributionRule): string | null {
  let best: ShowWatch | null = null;
  for (const w of watchesOfMember) {
    if (w.memberId !== order.memberId || w.watchMs < rule.minWatchMinutes * 60_000) continue;
    if (w.firstAt > order.paidAt || order.paidAt - w.lastAt > rule.windowHours * 3_600_000) continue;
    if (!best || w.firstAt > best.firstAt || (w.firstAt === best.firstAt && w.streamId > best.streamId)) best = w;
  }
  return best?.streamId ?? null;
}

/** Every order's show (orders not attributed are left out). */
export function attributeOrders(orders: readonly OrderFact[], watches: readonly ShowWatch[], rule: AttributionRule): Map<string, string> {
  const byMember = new Map<string, ShowWatch[]>();
  for (const w of watches) {
    const list = byMember.get(w.memberId);
    if (list) list.push(w);
    else byMember.set(w.memberId, [w]);
  }
  const out = new Map<string, string>();
  for (const order of orders) {
    const show = attributedShow(order, byMember.get(order.memberId) ?? [], rule);
    if (show) out.set(order.orderId, show);
  }
  return out;
}
