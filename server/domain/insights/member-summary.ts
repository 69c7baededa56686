/**
 * One member's summary at an instant (issue 15; segments.ts reads it),
 * from their ledger entries, orders and shows — the same meanings as the
 * KPIs (ledger-kinds.ts): last activity of their own doing, tier by points
 * earned in the engines' tier window (tierWindowOpens), Super Fan by active
 * local days in the rules' window, and the last 90 days' shows and
 * interactions.
 */
import type { LedgerEntry } from '../../../shared/models.ts';
import type { Rules } from '../../../shared/rules.ts';
import { addDays, dayKey } from '../time.ts';
import { tierFor } from '../tiers.ts';
import type { OrderFact } from './attribution.ts';
import { DOING, countsAsEarned, tierWindowOpens } from './ledger-kinds.ts';
import type { MemberSummary } from './segments.ts';

const DAYS_90 = 90 * 86_400_000;

export interface MemberRecordFacts {
  memberId: string;
  displayName: string;
  createdAt: number;
}

/** A show the member watched: when it began for them and their interactions there. */
export interface ShowFact {
  firstAt: number;
  interactions: number;
}

export function summarize(
  member: MemberRecordFacts,
  entries: readonly LedgerEntry[],
  orders: readonly OrderFact[],
  shows: readonly ShowFact[],
  rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>,
  now: number,
): MemberSummary {
  let lastActiveAt: number | null = null;
  let earned = 0;
  const today = dayKey(now, rules.timezone);
  const firstDay = addDays(today, 1 - rules.superFan.days);
  const activeDays = new Set<string>();
  const windowOpens = tierWindowOpens(now);
  for (const e of entries) {
    if (e.at > now) continue;
    if (e.at >= windowOpens && countsAsEarned(e)) earned += e.delta;
    if (DOING.has(e.reason)) {
      lastActiveAt = Math.max(lastActiveAt ?? e.at, e.at);
      const day = dayKey(e.at, rules.timezone);
      if (day >= firstDay) activeDays.add(day);
    }
  }
  const paid = orders.filter((o) => o.paidAt <= now);
  for (const o of paid) lastActiveAt = Math.max(lastActiveAt ?? o.paidAt, o.paidAt);
  const recent = shows.filter((s) => s.firstAt <= now && now - s.firstAt <= DAYS_90);
  return {
    memberId: member.memberId,
    displayName: member.displayName,
    tier: tierFor(rules as Rules, earned).id,
    createdAt: member.createdAt,
    lastActiveAt,
    superFan: activeDays.size >= rules.superFan.minActiveDays,
    orders: {
      count: paid.length,
      totalCents: paid.reduce((s, o) => s + o.amountCents, 0),
      lastAt: paid.length ? Math.max(...paid.map((o) => o.paidAt)) : null,
    },
    showsWatched90: recent.length,
    interactions90: recent.reduce((s, x) => s + x.interactions, 0),
  };
}
