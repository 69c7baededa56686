/**
 * The outbound-webhook outbox part of the Store contract (issue 13): an event
 * is stored once, leased by one taker at a time, retried when it failed and
 * never again once delivered.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);
const event = (id: string, createdAt = T0) => ({ id, type: 'reward.redeemed', body: `{"id":"${id}"}`, createdAt });

export function storeOutboundContract(current: () => Store): void {
  describe('outbound webhook outbox', () => {
    it('stores an event once, leases it to one taker, retries a failure when due, and never sends a delivered one again', async () => {
      const store = current();
      expect(await store.enqueueOutbound(event('e1'))).toBe(true);
      expect(await store.enqueueOutbound({ ...event('e1'), body: 'other' })).toBe(false);
      await store.enqueueOutbound(event('e2', T0 + 5));
      const leased = await store.leaseOutbound(T0 + 10, 30_000, 10);
      expect(leased.map((e) => [e.id, e.body, e.attempts])).toEqual([
        ['e1', '{"id":"e1"}', 0],
        ['e2', '{"id":"e2"}', 0],
      ]);
      expect(await store.leaseOutbound(T0 + 20, 30_000, 10)).toEqual([]); // held by the first taker
      await store.settleOutbound('e1', { failedAt: T0 + 30, error: 'HTTP 500', nextAttemptAt: T0 + 1030 });
      await store.settleOutbound('e2', { deliveredAt: T0 + 30 });
      expect(await store.leaseOutbound(T0 + 500, 30_000, 10)).toEqual([]); // e1 not due yet, e2 delivered
      expect((await store.leaseOutbound(T0 + 1030, 30_000, 10)).map((e) => [e.id, e.attempts, e.lastError])).toEqual([['e1', 1, 'HTTP 500']]);
      // A taker that died: its lease lapses and the event is taken again.
      expect((await store.leaseOutbound(T0 + 1030 + 30_000, 30_000, 10)).map((e) => e.id)).toEqual(['e1']);
      const log = await store.outboundLog(10);
      expect(log.map((e) => [e.id, e.deliveredAt])).toEqual([
        ['e2', T0 + 30],
        ['e1', null],
      ]);
    });

    it('concurrent takers lease disjoint events', async () => {
      const store = current();
      for (let i = 0; i < 12; i++) await store.enqueueOutbound(event(`c${i}`, T0 + i));
      const takes = await Promise.all(Array.from({ length: 4 }, () => store.leaseOutbound(T0 + 100, 30_000, 5)));
      const ids = takes.flat().map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(12);
    });
  });
}
