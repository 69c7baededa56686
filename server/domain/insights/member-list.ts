/**
 * The member list (issue 15): every member's summary scored (RFM,
 * engagement) and placed in segments, filtered by a segment's conditions,
 * sorted and cut to a page; and the same rows as CSV. Pure, so it runs in
 * the insights worker beside the summaries.
 */
import type { MemberPage, MemberRow, SegmentFilter } from '../../../shared/insights.ts';

export type { MemberPage, MemberRow } from '../../../shared/insights.ts';
import { toCsv } from '../csv.ts';
import { matchesFilter, scoreMembers, segmentsOf, type MemberSummary } from './segments.ts';

export const MEMBER_SORTS = ['lastActive', 'spend', 'orders', 'engagement', 'name', 'joined'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const sortKey: Record<MemberSort, (r: MemberRow) => number | string> = {
  lastActive: (r) => -(r.lastActiveAt ?? -Infinity),
  spend: (r) => -r.orders.totalCents,
  orders: (r) => -r.orders.count,
  engagement: (r) => -(r.showsWatched90 + r.interactions90),
  name: (r) => r.displayName.toLocaleLowerCase(),
  joined: (r) => -r.createdAt,
};

export function memberPage(summaries: readonly MemberSummary[], filter: SegmentFilter, sort: MemberSort, offset: number, limit: number, now: number): MemberPage {
  const scores = scoreMembers(summaries, now);
  const key = sortKey[sort];
  const rows = summaries
    .filter((m) => matchesFilter(m, scores.get(m.memberId)!, filter, now))
    .map((m): MemberRow => ({ ...m, scores: scores.get(m.memberId)!, segments: segmentsOf(m, scores.get(m.memberId)!, now) }))
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -1 : x > y ? 1 : a.memberId < b.memberId ? -1 : 1;
    });
  return { total: rows.length, members: rows.slice(offset, offset + limit) };
}

export function membersCsv(rows: readonly MemberRow[]): string {
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return toCsv(
    ['memberId', 'displayName', 'tier', 'joinedAt', 'lastActiveAt', 'orders', 'spendCents', 'lastOrderAt', 'recency', 'frequency', 'monetary', 'engagement', 'superFan', 'segments'],
    rows.map((r) => [
      r.memberId,
      r.displayName,
      r.tier,
      iso(r.createdAt),
      iso(r.lastActiveAt),
      r.orders.count,
      r.orders.totalCents,
      iso(r.orders.lastAt),
      r.scores.recency,
      r.scores.frequency,
      r.scores.monetary,
      r.scores.engagement,
      r.superFan ? 'yes' : 'no',
      r.segments.join(' '),
    ]),
  );
}
