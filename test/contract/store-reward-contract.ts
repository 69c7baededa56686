/**
 * The rewards-catalogue part of the Store contract (issue 13), beside
 * store-contract.ts for length: storeContract calls it inside its own
 * describe, with the same fresh store per test.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import type { RewardRecord } from '../../shared/rewards.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const reward = (id: string, over: Partial<RewardRecord> = {}): RewardRecord => ({
  id,
  kind: 'coupon',
  title: `Reward ${id}`,
  description: null,
  imageUrl: null,
  pricePoints: 500,
  tierPrices: { gold: 400 },
  stock: null,
  perMemberLimit: 1,
  periodLimit: { period: 'week', count: 1 },
  minTier: null,
  availableFrom: null,
  availableUntil: null,
  codeMode: 'shared',
  sharedCode: 'THANKYOU',
  creditCents: null,
  currency: null,
  overlayAlert: false,
  archived: false,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export function storeRewardContract(current: () => Store): void {
  describe('rewards catalogue', () => {
    it('stores a reward whole, replaces it by id, and lists every reward oldest first', async () => {
      const store = current();
      expect(await store.rewardById('r1')).toBeNull();
      await store.putReward(reward('r2', { createdAt: T0 + 5 }));
      await store.putReward(reward('r1'));
      await store.putReward(reward('r3', { createdAt: T0 + 5, kind: 'item', codeMode: null, sharedCode: null }));
      expect(await store.rewardById('r1')).toEqual(reward('r1'));
      const edited = reward('r1', { title: 'Renamed', archived: true, updatedAt: T0 + 9 });
      await store.putReward(edited);
      expect(await store.rewardById('r1')).toEqual(edited);
      expect((await store.listRewards()).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    });

    it('keeps each redemption copied from Redis in its last state, never moving a settled one back', async () => {
      const store = current();
      const r = { id: 'x1', rewardId: 'r1', memberId: 'm1', requestId: 'q1', pricePoints: 50, ledgerKey: 'reward:r1:m1:q1', code: null, status: 'pending' as const, period: null, createdAt: T0, updatedAt: T0 };
      await store.upsertRedemptions([r, { ...r, id: 'x2', requestId: 'q2', createdAt: T0 + 5, updatedAt: T0 + 5 }]);
      await store.upsertRedemptions([{ ...r, status: 'fulfilled', updatedAt: T0 + 9 }]);
      await store.upsertRedemptions([r]); // a stale copy of the pending state, read again
      expect(await store.storedRedemptions('m1')).toEqual([
        { ...r, id: 'x2', requestId: 'q2', createdAt: T0 + 5, updatedAt: T0 + 5 },
        { ...r, status: 'fulfilled', updatedAt: T0 + 9 },
      ]);
      expect(await store.storedRedemptions('m2')).toEqual([]);
    });

    it('resetForTests removes the catalogue', async () => {
      const store = current();
      await store.putReward(reward('r1'));
      await store.resetForTests();
      expect(await store.listRewards()).toEqual([]);
    });
  });
}
