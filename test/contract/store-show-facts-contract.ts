/**
 * The store's show facts (issue 15), on every Store: batches from several
 * processes add up (counts add, watch time and last moment take the
 * maximum, first moment the minimum), a viewer arrives once, a guest's
 * conversion counts them once as the member, orders and watches read
 * back by member and time; saved segments kept whole, and a member moved
 * into or out of one once however many calls race.
 */
import { describe, expect, it } from 'vitest';
import type { ShowFactsBatch } from '../../server/store/show-fact-records.ts';
import type { Store } from '../../server/store/store.ts';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const empty: ShowFactsBatch = { members: [], viewers: [], conversions: [], peaks: [] };
const row = (memberId: string, over: Partial<ShowFactsBatch['members'][number]> = {}) => ({
  streamId: 's1',
  memberId,
  watchMs: 0,
  firstAt: T0,
  lastAt: T0,
  checkins: 0,
  likes: 0,
  comments: 0,
  ...over,
});

export function storeShowFactsContract(current: () => Store): void {
  describe('show facts', () => {
    it('merges batches from two processes: counts add, watch time and moments by max and min', async () => {
      const store = current();
      await store.recordShowFacts({ ...empty, members: [row('a', { watchMs: 60_000, firstAt: T0 + 10, lastAt: T0 + 60, likes: 2 })] });
      await Promise.all([
        store.recordShowFacts({ ...empty, members: [row('a', { watchMs: 90_000, firstAt: T0 + 5, lastAt: T0 + 50, likes: 1, comments: 1 })] }),
        store.recordShowFacts({ ...empty, members: [row('a', { watchMs: 30_000, firstAt: T0 + 20, lastAt: T0 + 90, checkins: 1 }), row('b', { streamId: 's2', likes: 4 })] }),
      ]);
      expect(await store.showMembers('s1')).toEqual([{ ...row('a'), watchMs: 90_000, firstAt: T0 + 5, lastAt: T0 + 90, checkins: 1, likes: 3, comments: 1 }]);
      const watches = await store.watchesOf(['a', 'b'], T0, T0 + 10);
      expect(watches.sort((x, y) => x.memberId.localeCompare(y.memberId))).toEqual([
        { memberId: 'a', streamId: 's1', watchMs: 90_000, firstAt: T0 + 5, lastAt: T0 + 90 },
        { memberId: 'b', streamId: 's2', watchMs: 0, firstAt: T0, lastAt: T0 },
      ]);
      expect(await store.watchesOf(['a'], T0 + 6, T0 + 10)).toEqual([]);
    });

    it('counts viewers once, a converted guest once as the member, new members by account age, and the peak', async () => {
      const store = current();
      await store.createMember({ id: 'old', handle: null, displayName: 'Old', externalId: null, passwordHash: null, createdAt: T0 - 1000 });
      await store.createMember({ id: 'new', handle: null, displayName: 'New', externalId: null, passwordHash: null, createdAt: T0 + 100 });
      const arrive = (viewerKey: string, memberId: string | null) => ({ streamId: 's1', viewerKey, memberId, at: T0 + 200 });
      await store.recordShowFacts({ ...empty, viewers: [arrive('m:old', 'old'), arrive('g:c1', null), arrive('g:c2', null)], peaks: [{ streamId: 's1', viewers: 3 }] });
      await store.recordShowFacts({
        ...empty,
        viewers: [arrive('m:old', 'old')],
        conversions: [{ streamId: 's1', viewerKey: 'g:c2', memberId: 'new', at: T0 + 300 }],
        peaks: [{ streamId: 's1', viewers: 2 }],
      });
      expect(await store.showAudience('s1', T0, T0 + 1000)).toEqual({ viewers: 3, peak: 3, members: 2, guests: 2, guestsConverted: 1, newMembers: 1 });
      expect(await store.showAudience('nobody', T0, T0 + 1000)).toEqual({ viewers: 0, peak: 0, members: 0, guests: 0, guestsConverted: 0, newMembers: 0 });
    });

    it("reads members' orders by payment time", async () => {
      const store = current();
      const order = (orderId: string, memberId: string, paidAt: number) => ({ orderId, memberId, amountCents: 500, currency: 'TWD', claimId: null, paidAt, points: 5, createdAt: paidAt });
      for (const o of [order('o1', 'a', T0), order('o2', 'a', T0 + 10), order('o3', 'b', T0 + 5), order('o4', 'c', T0 + 5)]) await store.recordOrder(o);
      const got = await store.ordersOf(['a', 'b'], T0 + 1, T0 + 10);
      expect(got.sort((x, y) => x.orderId.localeCompare(y.orderId))).toEqual([
        { orderId: 'o2', memberId: 'a', amountCents: 500, paidAt: T0 + 10 },
        { orderId: 'o3', memberId: 'b', amountCents: 500, paidAt: T0 + 5 },
      ]);
    });

    it('keeps saved segments whole, oldest first', async () => {
      const store = current();
      const segment = (id: string, createdAt: number) => ({ id, name: `Segment ${id}`, filter: { minOrders: 2, segments: ['active' as const] }, createdAt });
      await store.putSegment(segment('s2', T0 + 1));
      await store.putSegment(segment('s1', T0));
      expect(await store.segmentById('s2')).toEqual(segment('s2', T0 + 1));
      expect(await store.segmentById('nope')).toBeNull();
      expect((await store.listSegments()).map((x) => x.id)).toEqual(['s1', 's2']);
    });

    it('moves a member into or out of a segment once: of calls at once, one moves them', async () => {
      const store = current();
      expect(await Promise.all([store.moveSegmentMember('s1', 'a', true, T0), store.moveSegmentMember('s1', 'a', true, T0)])).toEqual([1, null]);
      expect(await store.moveSegmentMember('s1', 'b', false, T0)).toBeNull(); // never in: nothing to leave
      expect(await store.segmentMemberIds('s1')).toEqual(['a']);
      expect(await Promise.all([store.moveSegmentMember('s1', 'a', false, T0 + 1), store.moveSegmentMember('s1', 'a', false, T0 + 1)])).toEqual([2, null]);
      expect(await store.segmentMemberIds('s1')).toEqual([]);
      expect(await store.moveSegmentMember('s1', 'a', true, T0 + 2)).toBe(3);
    });
  });
}
