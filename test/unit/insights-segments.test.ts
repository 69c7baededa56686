/** Members' scores and segments (issue 15): quintiles with ties, RFM and engagement, the built-in segments and custom filters, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { matchesFilter, quintiles, scoreMembers, segmentsOf, SegmentFilter, type MemberSummary } from '../../server/domain/insights/segments.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26);
const m = (memberId: string, over: Partial<MemberSummary> = {}): MemberSummary => ({
  memberId,
  displayName: `Fan ${memberId}`,
  tier: 'bronze',
  createdAt: NOW - 200 * DAY,
  lastActiveAt: NOW - DAY,
  superFan: false,
  orders: { count: 0, totalCents: 0, lastAt: null },
  showsWatched90: 0,
  interactions90: 0,
  ...over,
});

describe('quintiles', () => {
  it('scores ceil(5 × rank ÷ count); equal values share the rank of the last of their run', () => {
    expect(quintiles([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(quintiles([5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).toEqual([3, 1, 5, 2, 4, 1, 4, 2, 3, 5]);
    expect(quintiles([1, 1, 1, 2])).toEqual([4, 4, 4, 5]);
    expect(quintiles([])).toEqual([]);
  });
});

describe('scores and segments', () => {
  const members = [
    m('a', { orders: { count: 5, totalCents: 500_000, lastAt: NOW - 2 * DAY }, showsWatched90: 10, interactions90: 40, superFan: true }),
    m('b', { orders: { count: 1, totalCents: 10_000, lastAt: NOW - 60 * DAY }, lastActiveAt: NOW - 45 * DAY }),
    m('c', { orders: { count: 2, totalCents: 80_000, lastAt: NOW - 10 * DAY }, showsWatched90: 1 }),
    m('d', { createdAt: NOW - 5 * DAY, lastActiveAt: NOW - 5 * DAY, interactions90: 3 }),
    m('e', { lastActiveAt: NOW - 120 * DAY }),
  ];
  const scores = scoreMembers(members, NOW);

  it('RFM among the three buyers, engagement among the three engaged, 0 for the rest', () => {
    // Buyers a, b, c: recency a > c > b, frequency a > c > b, money a > c > b. Ranks 0..2 of 3: scores 2, 4, 5.
    expect(scores.get('a')).toEqual({ recency: 5, frequency: 5, monetary: 5, engagement: 5 });
    expect(scores.get('c')).toEqual({ recency: 4, frequency: 4, monetary: 4, engagement: 2 });
    expect(scores.get('b')).toEqual({ recency: 2, frequency: 2, monetary: 2, engagement: 0 });
    // Engaged: c (1), d (3), a (50).
    expect(scores.get('d')).toEqual({ recency: 0, frequency: 0, monetary: 0, engagement: 4 });
    expect(scores.get('e')).toEqual({ recency: 0, frequency: 0, monetary: 0, engagement: 0 });
  });

  it('segments by age, activity, status and spend', () => {
    const of = (id: string) => segmentsOf(members.find((x) => x.memberId === id)!, scores.get(id)!, NOW);
    expect(of('a')).toEqual(['active', 'super-fans', 'big-spenders']);
    expect(of('b')).toEqual(['at-risk']);
    expect(of('c')).toEqual(['active']);
    expect(of('d')).toEqual(['new', 'active', 'never-bought']);
    expect(of('e')).toEqual(['lapsed', 'never-bought']);
  });

  it('a custom segment holds the members every condition holds for', () => {
    const pick = (raw: unknown) => {
      const filter = SegmentFilter.parse(raw);
      return members.filter((x) => matchesFilter(x, scores.get(x.memberId)!, filter, NOW)).map((x) => x.memberId);
    };
    expect(pick({ minOrders: 2 })).toEqual(['a', 'c']);
    expect(pick({ segments: ['active'], minEngagement: 3 })).toEqual(['a', 'd']);
    expect(pick({ activeWithinDays: 7, search: 'FAN D' })).toEqual(['d']);
    expect(pick({ segments: ['never-bought', 'lapsed'] })).toEqual(['e']);
    expect(pick({ tiers: ['gold'] })).toEqual([]);
    expect(() => SegmentFilter.parse({ segments: ['whales'] })).toThrow();
  });
});
