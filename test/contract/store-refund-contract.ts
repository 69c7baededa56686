/**
 * The refunds part of the Store contract (run inside storeContract, so every
 * implementation runs it on a fresh store): orders by id, refunds stored once
 * by refundId, the (order, seq) compare-and-set that keeps concurrent refunds
 * of one order from both being stored, and a settlement set once.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import type { OrderRecord } from '../../shared/perks.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const order = (orderId: string): OrderRecord => ({
  orderId,
  memberId: 'm1',
  amountCents: 10_000,
  currency: 'TWD',
  claimId: 'c1',
  paidAt: T0,
  points: 100,
  createdAt: T0 + 1,
});

const refund = (refundId: string, extra: Partial<RefundRecord> = {}): RefundRecord => ({
  refundId,
  orderId: 'o1',
  memberId: 'm1',
  amountCents: 2_500,
  points: 25,
  claimId: null,
  createdAt: T0 + 10,
  settlement: null,
  ...extra,
});

const settled = (extra: Partial<RefundSettlement> = {}): RefundSettlement => ({ pointsTaken: 20, shortfall: 5, claimStatus: null, settledAt: T0 + 20, ...extra });

export function storeRefundContract(store: () => Store): void {
  describe('refunds', () => {
    it('orderById finds a recorded order; unknown is null', async () => {
      await store().recordOrder(order('o1'));
      expect(await store().orderById('o1')).toEqual(order('o1'));
      expect(await store().orderById('nope')).toBeNull();
    });

    it('recordRefund stores a refund once by refundId; refundsOfOrder lists them by seq', async () => {
      expect(await store().recordRefund(refund('r1'), 0)).toEqual({ refund: refund('r1'), created: true });
      // A redelivery (whatever it now says) returns the stored record and changes nothing.
      expect(await store().recordRefund(refund('r1', { amountCents: 1 }), 1)).toEqual({ refund: refund('r1'), created: false });
      expect(await store().recordRefund(refund('r2', { claimId: 'c1' }), 1)).toEqual({ refund: refund('r2', { claimId: 'c1' }), created: true });
      expect(await store().refundsOfOrder('o1')).toEqual([refund('r1'), refund('r2', { claimId: 'c1' })]);
      expect(await store().refundsOfOrder('o2')).toEqual([]);
      expect(await store().refundById('r2')).toEqual(refund('r2', { claimId: 'c1' }));
      expect(await store().refundById('nope')).toBeNull();
    });

    it('a seq already taken is refused with null: of concurrent refunds decided on the same earlier ones one is stored', async () => {
      await store().recordRefund(refund('r0'), 0);
      expect(await store().recordRefund(refund('late'), 0)).toBeNull();
      const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => store().recordRefund(refund(`r${i + 1}`), 1)));
      expect(rs.filter((r) => r?.created)).toHaveLength(1);
      expect(rs.filter((r) => r === null)).toHaveLength(5);
      expect(await store().refundsOfOrder('o1')).toHaveLength(2);
    });

    it('settleRefund sets the settlement once; unknown is null', async () => {
      await store().recordRefund(refund('r1'), 0);
      expect(await store().settleRefund('r1', settled())).toEqual(refund('r1', { settlement: settled() }));
      expect(await store().settleRefund('r1', settled({ pointsTaken: 25, shortfall: 0, claimStatus: 'cancelled' }))).toEqual(refund('r1', { settlement: settled() }));
      expect(await store().refundById('r1')).toEqual(refund('r1', { settlement: settled() }));
      expect(await store().settleRefund('nope', settled())).toBeNull();
    });
  });
}
