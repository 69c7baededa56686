/**
 * The member list's selection as the server reads it (issue 15, `GET
 * /api/members`): a built-in or saved segment, a name search, a tier, an
 * order and a page — as a query string for a page or for the CSV of every
 * match, and as the filter a new custom segment saves. The filter mirrors
 * the server's (services/insight-service.ts filterOf): the segment's
 * conditions, then the search, then the tier narrowing them. Pure.
 */
import { BUILT_IN_SEGMENTS, type BuiltInSegment, type SavedSegment, type SegmentFilter } from '../../../shared/insights.ts';

export const MEMBER_SORTS = ['lastActive', 'spend', 'orders', 'engagement', 'name', 'joined'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export const MEMBERS_PAGE_SIZE = 25;

export interface MemberSelection {
  /** A built-in segment's id, a saved segment's id, or '' for every member. */
  segment: string;
  /** As typed; trimmed when sent, nothing when blank. */
  search: string;
  /** A tier id, or '' for every tier. */
  tier: string;
  sort: MemberSort;
  /** From 0. */
  page: number;
}

export const EVERY_MEMBER: MemberSelection = { segment: '', search: '', tier: '', sort: 'lastActive', page: 0 };

export const isBuiltInSegment = (id: string): id is BuiltInSegment => (BUILT_IN_SEGMENTS as readonly string[]).includes(id);

/** The query for one page (json) or for every matching member (csv: no paging). */
export function membersQuery(selection: MemberSelection, format: 'json' | 'csv', pageSize = MEMBERS_PAGE_SIZE): string {
  const q = new URLSearchParams();
  if (selection.segment) q.set('segment', selection.segment);
  const search = selection.search.trim();
  if (search) q.set('search', search);
  if (selection.tier) q.set('tier', selection.tier);
  q.set('sort', selection.sort);
  if (format === 'csv') q.set('format', 'csv');
  else {
    q.set('offset', String(selection.page * pageSize));
    q.set('limit', String(pageSize));
  }
  return q.toString();
}

/** The selection as a custom segment's filter; a saved segment's own conditions are kept. */
export function segmentFilterOf(selection: MemberSelection, saved: readonly SavedSegment[]): SegmentFilter {
  let filter: SegmentFilter = {};
  if (isBuiltInSegment(selection.segment)) filter = { segments: [selection.segment] };
  else if (selection.segment) filter = { ...saved.find((s) => s.id === selection.segment)?.filter };
  const search = selection.search.trim();
  if (search) filter.search = search;
  if (selection.tier) filter.tiers = filter.tiers ? filter.tiers.filter((t) => t === selection.tier) : [selection.tier];
  return filter;
}

/** Every member: nothing worth saving as a segment. */
export const isEveryone = (filter: SegmentFilter) => Object.keys(filter).length === 0;

/** The rows a page shows (1-based, for "26–50 of 73") and whether there are pages either side. */
export function pageSpan(page: number, total: number, pageSize = MEMBERS_PAGE_SIZE) {
  const first = Math.min(total, page * pageSize + 1);
  const last = Math.min(total, (page + 1) * pageSize);
  return { first, last, hasPrevious: page > 0, hasNext: last < total };
}

/** The downloaded file's name: the segment and the day ("members-never-bought-2026-11-26.csv"). */
export function membersCsvName(selection: MemberSelection, day: string): string {
  return `members-${selection.segment || 'all'}-${day}.csv`;
}
