/**
 * Members' scores and segments (issue 15), written once over a member's
 * summary: RFM from orders (quintiles among the seller's buyers),
 * engagement from watching and interaction, the built-in segments, and the
 * filters a saved custom segment is made of. docs/INSIGHTS.md says what
 * each one means; the member list and `segment.changed` will use these.
 */
import { BUILT_IN_SEGMENTS, type BuiltInSegment, type MemberScores, type MemberSummary, type SegmentFilter } from '../../../shared/insights.ts';

const DAY = 86_400_000;

export { BUILT_IN_SEGMENTS, SegmentFilter, type BuiltInSegment, type MemberScores, type MemberSummary } from '../../../shared/insights.ts';

/**
 * Quintile scores: the values ranked ascending, each scored
 * ceil(5 × rank ÷ count) with ranks from 1 — the top fifth scores 5; equal
 * values all take the rank of the last of their run, so ties never split.
 */
export function quintiles(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const scores = new Array<number>(values.length);
  for (let k = 0; k < order.length; k++) {
    let last = k;
    while (last + 1 < order.length && order[last + 1]!.v === order[k]!.v) last++;
    const score = Math.ceil(((last + 1) * 5) / order.length);
    for (let j = k; j <= last; j++) scores[order[j]!.i] = score;
    k = last;
  }
  return scores;
}

export function scoreMembers(members: readonly MemberSummary[], now: number): Map<string, MemberScores> {
  const buyers = members.filter((m) => m.orders.count > 0);
  const r = quintiles(buyers.map((m) => -(now - m.orders.lastAt!)));
  const f = quintiles(buyers.map((m) => m.orders.count));
  const mon = quintiles(buyers.map((m) => m.orders.totalCents));
  const engaged = members.filter((m) => m.showsWatched90 + m.interactions90 > 0);
  const e = quintiles(engaged.map((m) => m.showsWatched90 + m.interactions90));
  const out = new Map<string, MemberScores>(members.map((m) => [m.memberId, { recency: 0, frequency: 0, monetary: 0, engagement: 0 }]));
  buyers.forEach((m, i) => Object.assign(out.get(m.memberId)!, { recency: r[i], frequency: f[i], monetary: mon[i] }));
  engaged.forEach((m, i) => (out.get(m.memberId)!.engagement = e[i]!));
  return out;
}

/** The built-in segments a member is in at `now` (several at once: new and active, say). */
export function segmentsOf(m: MemberSummary, scores: MemberScores, now: number): BuiltInSegment[] {
  const out: BuiltInSegment[] = [];
  const idle = m.lastActiveAt === null ? Infinity : now - m.lastActiveAt;
  if (now - m.createdAt <= 30 * DAY) out.push('new');
  if (idle <= 30 * DAY) out.push('active');
  else if (idle <= 90 * DAY && m.lastActiveAt !== null) out.push('at-risk');
  else if (now - m.createdAt > 90 * DAY) out.push('lapsed');
  if (m.superFan) out.push('super-fans');
  if (scores.monetary === 5) out.push('big-spenders');
  if (m.orders.count === 0) out.push('never-bought');
  return out;
}

export function matchesFilter(m: MemberSummary, scores: MemberScores, filter: SegmentFilter, now: number): boolean {
  if (filter.search && !m.displayName.toLocaleLowerCase().includes(filter.search.toLocaleLowerCase())) return false;
  if (filter.segments && !filter.segments.every((s) => segmentsOf(m, scores, now).includes(s))) return false;
  if (filter.tiers && !filter.tiers.includes(m.tier)) return false;
  if (filter.minOrders !== undefined && m.orders.count < filter.minOrders) return false;
  if (filter.minSpendCents !== undefined && m.orders.totalCents < filter.minSpendCents) return false;
  if (filter.activeWithinDays !== undefined && (m.lastActiveAt === null || now - m.lastActiveAt > filter.activeWithinDays * DAY)) return false;
  if (filter.minEngagement !== undefined && scores.engagement < filter.minEngagement) return false;
  return true;
}
