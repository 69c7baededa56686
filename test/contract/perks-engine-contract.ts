/**
 * The PerksEngine contract: one suite, run against every implementation
 * (sqlite-perks-engine.test.ts, redis-perks-engine.test.ts), so both engines
 * give the same answers. Written as a function of a factory, like the Engine
 * contract; the drop, lottery and validation parts live beside it
 * (perks-drop-contract.ts, perks-cancel-contract.ts, perks-lottery-contract.ts,
 * perks-validation-contract.ts).
 *
 * The factory returns, per test, a fresh perks engine, the live Engine on the
 * same storage (to award the points paid entries spend), and a view of the
 * durable sink that claims, lottery entries and ledger entries reach (read it
 * after `perks.flush()` / `engine.flush()`).
 *
 * "Concurrent" means Promise.all inside one process: for SQLite that proves
 * the transactions serialize, for Redis that the Lua scripts are atomic.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/error-codes.ts';
import { rejection, T0, type CurrentFixture, type PerksFixture } from './perks-contract-support.ts';
import { cancelContract } from './perks-cancel-contract.ts';
import { dropContract } from './perks-drop-contract.ts';
import { lotteryContract } from './perks-lottery-contract.ts';
import { validationContract } from './perks-validation-contract.ts';

export type { PerksFixture } from './perks-contract-support.ts';

export function perksEngineContract(name: string, makeEngine: () => Promise<PerksFixture>): void {
  describe(name, () => {
    let fx: PerksFixture | undefined;
    const current: CurrentFixture = () => fx!;

    beforeEach(async () => {
      fx = await makeEngine();
    });
    afterEach(async () => {
      await fx?.cleanup();
      fx = undefined;
    });

    describe('drops', () => dropContract(current));
    describe('cancelling claims', () => cancelContract(current));
    describe('lotteries', () => lotteryContract(current));
    describe('validation', () => validationContract(current));

    describe('lifecycle', () => {
      it('refuses malformed arguments before touching state', async () => {
        const { perks } = current();
        expect((await rejection(perks.defineDrop({ dropId: 'd', stock: -1, perMemberLimit: 1 }))).code).toBe(ErrorCode.VALIDATION);
        expect((await rejection(perks.defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 0 }))).field).toBe('perMemberLimit');
        expect(await perks.dropStock('d')).toBeNull();
        await perks.defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
        const bad = { dropId: 'd', memberId: '', requestId: 'r', nowMs: T0, opensAtForMember: T0, claimId: 'c', checkoutRef: 'x', expiresAt: T0 + 1 };
        expect((await rejection(perks.claim(bad))).field).toBe('memberId');
        await perks.defineLottery('l');
        const enter = { lotteryId: 'l', memberId: 'a', weight: 1, cost: -5, ledgerKey: 'k', reason: 'lottery-entry' as const, streamId: null, at: T0 };
        expect((await rejection(perks.enterLottery(enter))).field).toBe('cost');
        expect(await perks.dropStock('d')).toMatchObject({ remaining: 1 });
        expect(await perks.entryCount('l')).toBe(0);
      });

      it('resetForTests forgets drops, claims and lotteries but not the ledger', async () => {
        const { perks, engine } = current();
        await engine.award({ key: 'fund', memberId: 'a', delta: 50, reason: 'adjustment', at: T0 });
        await perks.defineDrop({ dropId: 'd', stock: 3, perMemberLimit: 1 });
        const made = await perks.claim({ dropId: 'd', memberId: 'a', requestId: 'r', nowMs: T0, opensAtForMember: T0, claimId: 'c1', checkoutRef: 'x', expiresAt: T0 + 1000 });
        expect(made.ok).toBe(true);
        await perks.defineLottery('l');
        await perks.enterLottery({ lotteryId: 'l', memberId: 'a', weight: 1, cost: 20, ledgerKey: 'lottery:l:a', reason: 'lottery-entry', streamId: null, at: T0 });
        await perks.flush();

        await perks.resetForTests();
        expect(await perks.dropStock('d')).toBeNull();
        expect(await perks.claimById('c1')).toBeNull();
        expect(await perks.entryCount('l')).toBe(0);
        expect(await perks.entryOf('l', 'a')).toBeNull();
        expect(await engine.balance('a')).toBe(30);
        // Usable again on a clean slate.
        await perks.defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
        expect(await perks.dropStock('d')).toEqual({ stock: 1, remaining: 1, reserved: 0, confirmed: 0, closed: false });
      });
    });
  });
}
