/**
 * The RewardsEngine contract (issue 13): every implementation redeems,
 * fulfils and rejects with the same answers, and keeps the promises under
 * concurrency — a pool code goes to one member only, no member passes a
 * limit, no balance goes below zero, balance == ledger sum, and a rejected
 * redemption's points come back once however often the reject is sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../server/engine/engine.ts';
import type { RedeemRequest, RewardStock, RewardsEngine } from '../../server/engine/rewards-engine.ts';
import { LedgerReason, type LedgerEntry } from '../../shared/models.ts';
import type { Redemption } from '../../shared/rewards.ts';
import { T0 } from './contract-support.ts';

export interface RewardsFixture {
  rewards: RewardsEngine;
  /** The live engine on the same storage: it awards the points members spend. */
  engine: Engine;
  ledger(): Promise<LedgerEntry[]>;
  /** The member's redemptions as the durable store holds them (SQLite: the engine's own table; Redis: copied through the outbox). */
  durable(memberId: string): Promise<Redemption[]>;
  cleanup(): Promise<void>;
}

const coupon = (over: Partial<RewardStock> = {}): RewardStock => ({
  id: 'r1',
  kind: 'coupon',
  stock: null,
  perMemberLimit: null,
  periodLimit: null,
  codeMode: 'pool',
  sharedCode: null,
  availableFrom: null,
  availableUntil: null,
  archived: false,
  ...over,
});

let seq = 0;
const request = (memberId: string, requestId: string, over: Partial<RedeemRequest> = {}): RedeemRequest => ({
  rewardId: 'r1',
  memberId,
  requestId,
  at: T0,
  pricePoints: 100,
  period: null,
  redemptionId: `x-${++seq}`,
  ledgerKey: `reward:${over.rewardId ?? 'r1'}:${memberId}:${requestId}`,
  spendEntryId: `e-${seq}`,
  reason: LedgerReason.adjustment,
  ...over,
});

export function rewardsEngineContract(name: string, make: () => Promise<RewardsFixture>): void {
  describe(`RewardsEngine contract: ${name}`, () => {
    let f: RewardsFixture;
    const give = (memberId: string, points: number) =>
      f.engine.award({ key: `seed:${memberId}:${points}:${Math.random()}`, memberId, delta: points, reason: LedgerReason.adjustment, at: T0 - 1000 });

    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it('hands out pool codes in upload order, skips duplicates, and replays a request without charging twice', async () => {
      await f.rewards.putReward(coupon());
      expect(await f.rewards.addCodes('r1', ['A1', 'A2', 'A1', 'A3'])).toEqual({ added: 3, duplicates: 1, unused: 3 });
      await give('m1', 500);
      const first = await f.rewards.redeem(request('m1', 'q1'));
      expect(first).toMatchObject({ ok: true, replayed: false, balance: 400, redemption: { code: 'A1', status: 'fulfilled' } });
      const again = await f.rewards.redeem(request('m1', 'q1'));
      expect(again).toMatchObject({ ok: true, replayed: true, balance: 400 });
      if (!first.ok || !again.ok) throw new Error('refused');
      expect(again.redemption).toEqual(first.redemption);
      expect((await f.rewards.redeem(request('m1', 'q2'))).ok && (await f.rewards.redemptionsOfMember('m1', 10)).map((r) => r.code)).toEqual(['A2', 'A1']);
      expect(await f.rewards.rewardStock('r1')).toEqual({ stock: null, unusedCodes: 1 });
      expect(await f.engine.balance('m1')).toBe(300);
    });

    it('refuses SOLD_OUT, LIMIT_REACHED, INSUFFICIENT_POINTS and NOT_FOUND, changing nothing', async () => {
      await f.rewards.putReward(coupon({ perMemberLimit: 1, stock: 2 }));
      await f.rewards.addCodes('r1', ['B1', 'B2', 'B3']);
      await give('m1', 150);
      await give('m2', 50);
      await give('m3', 100);
      await give('m4', 100);
      expect((await f.rewards.redeem(request('m1', 'q1'))).ok).toBe(true);
      expect(await f.rewards.redeem(request('m1', 'q2'))).toEqual({ ok: false, refusal: 'LIMIT_REACHED' });
      expect(await f.rewards.redeem(request('m2', 'q1'))).toEqual({ ok: false, refusal: 'INSUFFICIENT_POINTS' });
      expect((await f.rewards.redeem(request('m3', 'q1'))).ok).toBe(true);
      expect(await f.rewards.redeem(request('m4', 'q1'))).toEqual({ ok: false, refusal: 'SOLD_OUT' }); // stock 0, a code still unused
      expect(await f.rewards.redeem(request('m4', 'q1', { rewardId: 'nope' }))).toEqual({ ok: false, refusal: 'NOT_FOUND' });
      expect([await f.engine.balance('m2'), await f.engine.balance('m4')]).toEqual([50, 100]);
      expect(await f.rewards.rewardStock('r1')).toEqual({ stock: 0, unusedCodes: 1 });
      expect(await f.rewards.redemptionsOfMember('m4', 10)).toEqual([]);
      // A pool that runs dry before the stock does is sold out too.
      await f.rewards.setStock('r1', 5);
      await give('m5', 100);
      await give('m6', 100);
      expect((await f.rewards.redeem(request('m5', 'q1'))).ok).toBe(true);
      expect(await f.rewards.redeem(request('m6', 'q1'))).toEqual({ ok: false, refusal: 'SOLD_OUT' });
    });

    it('counts a per-period limit in its period only', async () => {
      await f.rewards.putReward(coupon({ kind: 'item', codeMode: null, periodLimit: { period: 'week', count: 1 } }));
      await give('m1', 1000);
      expect((await f.rewards.redeem(request('m1', 'q1', { period: '2024-01-15' }))).ok).toBe(true);
      expect(await f.rewards.redeem(request('m1', 'q2', { period: '2024-01-15' }))).toEqual({ ok: false, refusal: 'LIMIT_REACHED' });
      expect(await f.rewards.redeem(request('m1', 'q3', { period: '2024-01-22' }))).toMatchObject({ ok: true, redemption: { status: 'pending' } });
    });

    it('rejects a pending gift once: the points come back once however often it is sent, the unit returns, and it cannot be fulfilled after', async () => {
      await f.rewards.putReward(coupon({ kind: 'item', codeMode: null, stock: 3 }));
      await give('m1', 300);
      const made = await f.rewards.redeem(request('m1', 'q1'));
      if (!made.ok) throw new Error('refused');
      expect(made.redemption.status).toBe('pending');
      const rejects = await Promise.all(
        Array.from({ length: 5 }, () => f.rewards.reject(made.redemption.id, { at: T0 + 10, returnKey: `${made.redemption.ledgerKey}:return`, reason: LedgerReason.adjustment })),
      );
      expect(rejects.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
      expect(rejects.every((r) => r.ok && r.redemption.status === 'rejected')).toBe(true);
      expect(await f.engine.balance('m1')).toBe(300);
      expect((await f.ledger()).filter((e) => e.key === `${made.redemption.ledgerKey}:return`)).toHaveLength(1);
      expect(await f.rewards.rewardStock('r1')).toEqual({ stock: 3, unusedCodes: 0 });
      expect(await f.rewards.fulfil(made.redemption.id, T0 + 20)).toEqual({ ok: false, refusal: 'CONFLICT' });
      expect(await f.rewards.redemptionsByStatus('rejected', 10)).toEqual([rejects[0]!.ok ? rejects[0]!.redemption : null]);
    });

    it('every redemption reaches the durable store in its last state: made, then rejected or fulfilled', async () => {
      await f.rewards.putReward(coupon());
      await f.rewards.addCodes('r1', ['D1']);
      await f.rewards.putReward(coupon({ id: 'r2', kind: 'item', codeMode: null }));
      await give('m1', 500);
      const code = await f.rewards.redeem(request('m1', 'q1'));
      const gift = await f.rewards.redeem(request('m1', 'q2', { rewardId: 'r2' }));
      if (!code.ok || !gift.ok) throw new Error('refused');
      const rejected = await f.rewards.reject(gift.redemption.id, { at: T0 + 10, returnKey: `${gift.redemption.ledgerKey}:return`, reason: LedgerReason.adjustment });
      if (!rejected.ok) throw new Error('refused');
      const stored = await f.durable('m1');
      expect([...stored].sort((a, b) => a.id.localeCompare(b.id))).toEqual([code.redemption, rejected.redemption].sort((a, b) => a.id.localeCompare(b.id)));
    });

    it('the host fulfils a pending gift (again: the same), and a fulfilled one cannot be rejected', async () => {
      await f.rewards.putReward(coupon({ kind: 'custom', codeMode: null }));
      await give('m1', 100);
      const made = await f.rewards.redeem(request('m1', 'q1'));
      if (!made.ok) throw new Error('refused');
      expect((await f.rewards.redemptionsByStatus('pending', 10)).map((r) => r.id)).toEqual([made.redemption.id]);
      expect(await f.rewards.fulfil(made.redemption.id, T0 + 5)).toMatchObject({ ok: true, replayed: false, redemption: { status: 'fulfilled', updatedAt: T0 + 5 } });
      expect(await f.rewards.fulfil(made.redemption.id, T0 + 6)).toMatchObject({ ok: true, replayed: true, redemption: { updatedAt: T0 + 5 } });
      expect(await f.rewards.reject(made.redemption.id, { at: T0 + 7, returnKey: 'k', reason: LedgerReason.adjustment })).toEqual({ ok: false, refusal: 'CONFLICT' });
      expect(await f.rewards.fulfil('nope', T0)).toEqual({ ok: false, refusal: 'NOT_FOUND' });
    });

    it('a storm of 200 members on 20 codes: exactly 20 redemptions, each code once, balances equal to their ledger', async () => {
      await f.rewards.putReward(coupon({ perMemberLimit: 1 }));
      await f.rewards.addCodes('r1', Array.from({ length: 20 }, (_, i) => `S${i}`));
      const members = Array.from({ length: 200 }, (_, i) => `storm-${i}`);
      for (const m of members) await give(m, 150);
      // Each member taps twice with two request ids: the limit must hold as well as the pool.
      const replies = await Promise.all(members.flatMap((m) => [f.rewards.redeem(request(m, 'a')), f.rewards.redeem(request(m, 'b'))]));
      const won = replies.filter((r) => r.ok);
      expect(won).toHaveLength(20);
      const codes = won.map((r) => (r.ok ? r.redemption.code : null));
      expect(new Set(codes).size).toBe(20);
      expect(replies.filter((r) => !r.ok).every((r) => !r.ok && (r.refusal === 'SOLD_OUT' || r.refusal === 'LIMIT_REACHED'))).toBe(true);
      const ledger = await f.ledger();
      for (const m of members) {
        const balance = await f.engine.balance(m);
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(balance).toBe(ledger.filter((e) => e.memberId === m).reduce((s, e) => s + e.delta, 0));
        expect((await f.rewards.redemptionsOfMember(m, 10)).length).toBeLessThanOrEqual(1);
      }
      expect(await f.rewards.rewardStock('r1')).toEqual({ stock: null, unusedCodes: 0 });
    });
  });
}
