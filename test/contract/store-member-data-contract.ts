/**
 * The member-data part of the Store contract (export and erasure, issue 9),
 * beside store-contract.ts for length: storeContract calls it inside its own
 * describe, with the same fresh store per test.
 */
import { describe, expect, it } from 'vitest';
import type { NewMember, Store } from '../../server/store/store.ts';
import type { CommentEvent } from '../../shared/events.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { OrderRecord } from '../../shared/perks.ts';
import { newClaim } from './store-perks-contract.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const member = (id: string, extra: Partial<NewMember> = {}): NewMember => ({
  id,
  handle: `h-${id}`,
  displayName: `Name ${id}`,
  externalId: `cust-${id}`,
  passwordHash: `hash-${id}`,
  createdAt: T0,
  createdFrom: '203.0.113.7',
  ...extra,
});

const comment = (id: string, memberId: string, streamId = 's1'): CommentEvent => ({
  id,
  streamId,
  memberId,
  displayName: `Name ${memberId}`,
  tier: 'bronze',
  text: `hello from ${memberId}`,
  at: T0,
});

const entry = (key: string, memberId: string, delta: number): LedgerEntry => ({
  id: `id-${key}`,
  key,
  memberId,
  delta,
  reason: 'watch',
  streamId: 's1',
  at: T0,
});

const order = (orderId: string, memberId: string): OrderRecord => ({
  orderId,
  memberId,
  amountCents: 5_000,
  currency: 'TWD',
  claimId: null,
  paidAt: T0,
  points: 50,
  createdAt: T0,
});

/** Two members with something of each kind; m1 is the one under test. */
async function twoMembersWithRecords(store: Store): Promise<void> {
  await store.createMember(member('m1'));
  await store.createMember(member('m2'));
  await store.appendLedger([entry('k1', 'm1', 10), entry('k2', 'm1', 5), entry('k3', 'm2', 7)]);
  await store.upsertClaims([newClaim('c1', 'confirmed', { memberId: 'm1' }), newClaim('c2', 'reserved', { memberId: 'm2' })]);
  await store.appendLotteryEntries([
    { lotteryId: 'l1', memberId: 'm1', weight: 2, at: T0 },
    { lotteryId: 'l1', memberId: 'm2', weight: 1, at: T0 },
  ]);
  await store.recordOrder(order('o1', 'm1'));
  await store.recordOrder(order('o2', 'm2'));
  await store.recordComment(comment('cm1', 'm1'), 100);
  await store.recordComment(comment('cm2', 'm2'), 100);
  await store.banMember('m1', T0);
  await store.setMute('s1', 'm1', T0 + 60_000);
  await store.setMute('s1', 'm2', T0 + 60_000);
}

export function storeMemberDataContract(current: () => Store): void {
  describe('member data rights', () => {
    it('holdings list what is kept about the member, and only theirs', async () => {
      const store = current();
      await twoMembersWithRecords(store);
      const held = await store.memberHoldings('m1');
      expect(held.claims.map((c) => c.id)).toEqual(['c1']);
      expect(held.lotteryEntries).toEqual([{ lotteryId: 'l1', memberId: 'm1', weight: 2, at: T0 }]);
      expect(held.orders).toEqual([order('o1', 'm1')]);
      expect(held.comments).toEqual([{ ...comment('cm1', 'm1'), removedAt: null }]);
      expect(held.bannedAt).toBe(T0);
      expect(held.mutes).toEqual([{ streamId: 's1', until: T0 + 60_000 }]);
      expect(await store.memberHoldings('nobody')).toEqual({
        claims: [],
        lotteryEntries: [],
        orders: [],
        comments: [],
        bannedAt: null,
        mutes: [],
      });
    });

    it('erasure removes the person and keeps what points and draws rest on', async () => {
      const store = current();
      await twoMembersWithRecords(store);
      expect(await store.eraseMember('m1')).toBe(true);

      // The person is gone: record, handle, customer id, comments, moderation state.
      expect(await store.memberById('m1')).toBeNull();
      expect(await store.memberByHandle('h-m1')).toBeNull();
      expect(await store.membersByIds(['m1', 'm2'])).toHaveLength(1);
      expect(await store.commentById('cm1')).toBeNull();
      expect(await store.bannedAt('m1')).toBeNull();
      expect(await store.muteUntil('s1', 'm1')).toBeNull();

      // What the ledger, stock and draws rest on stays, under the bare id.
      expect(await store.ledgerTotals('m1')).toEqual({ sum: 15, count: 2 });
      expect((await store.claimById('c1'))?.memberId).toBe('m1');
      expect((await store.lotteryEntries('l1')).map((e) => e.memberId).sort()).toEqual(['m1', 'm2']);
      expect((await store.memberHoldings('m1')).orders).toEqual([order('o1', 'm1')]);

      // The other member is untouched.
      expect((await store.memberById('m2'))?.displayName).toBe('Name m2');
      expect(await store.ledgerTotals('m2')).toEqual({ sum: 7, count: 1 });
      expect(await store.commentById('cm2')).not.toBeNull();
      expect(await store.muteUntil('s1', 'm2')).toBe(T0 + 60_000);

      // The handle and the shop customer id are free again; a second erasure finds nobody.
      const again = await store.findOrCreateByExternalId({ ...member('m3'), externalId: 'cust-m1' });
      expect(again.created).toBe(true);
      expect(again.member.id).toBe('m3');
      await store.createMember(member('m4', { handle: 'h-m1', externalId: null }));
      expect(await store.eraseMember('m1')).toBe(false);
    });
  });
}
