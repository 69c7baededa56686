/**
 * The VALIDATION half of the PerksEngine contract (run by
 * perks-engine-contract.ts): every primitive refuses a malformed argument with
 * VALIDATION and the failing field (engine-args.ts, called first by both
 * engines), and nothing changes — no drop, claim, entry or spend appears.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimRequest, EnterRequest } from '../../server/engine/perks-engine.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import { rejection, T0, type CurrentFixture } from './perks-contract-support.ts';

const claim: ClaimRequest = {
  dropId: 'd',
  memberId: 'a',
  requestId: 'r',
  nowMs: T0,
  opensAtForMember: T0,
  claimId: 'c',
  checkoutRef: 'co',
  expiresAt: T0 + 1000,
};

const enter: EnterRequest = {
  lotteryId: 'l',
  memberId: 'a',
  weight: 1,
  cost: 10,
  ledgerKey: 'lottery:l:a',
  reason: 'lottery-entry',
  streamId: null,
  at: T0,
};

/** One malformed value per field: empty ids, negative, fractional or non-number times and counts. */
const badClaims: Array<[keyof ClaimRequest, unknown]> = [
  ['dropId', ''],
  ['memberId', 7],
  ['requestId', ''],
  ['claimId', ''],
  ['checkoutRef', null],
  ['nowMs', -1],
  ['opensAtForMember', 1.5],
  ['expiresAt', Number.NaN],
];

const badEntries: Array<[keyof EnterRequest, unknown]> = [
  ['lotteryId', ''],
  ['memberId', ''],
  ['weight', 0],
  ['cost', 2.5],
  ['ledgerKey', ''],
  ['reason', 'bogus'],
  ['streamId', ''],
  ['at', -5],
];

export function validationContract(current: CurrentFixture): void {
  const perks = () => current().perks;
  const field = async (p: Promise<unknown>) => {
    const err = await rejection(p);
    return { code: err.code, field: err.field };
  };
  const invalid = (f: string) => ({ code: ErrorCode.VALIDATION, field: f });

  describe('drops', () => {
    it('defineDrop refuses an empty id, a negative or fractional stock and a limit below 1', async () => {
      expect(await field(perks().defineDrop({ dropId: '', stock: 1, perMemberLimit: 1 }))).toEqual(invalid('dropId'));
      expect(await field(perks().defineDrop({ dropId: 'd', stock: 0.5, perMemberLimit: 1 }))).toEqual(invalid('stock'));
      expect(await field(perks().defineDrop({ dropId: 'd', stock: 1, perMemberLimit: -1 }))).toEqual(invalid('perMemberLimit'));
      expect(await perks().dropStock('d')).toBeNull();
    });

    it('claim refuses each malformed field and takes nothing', async () => {
      await perks().defineDrop({ dropId: 'd', stock: 2, perMemberLimit: 2 });
      for (const [name, value] of badClaims) {
        expect(await field(perks().claim({ ...claim, [name]: value } as ClaimRequest)), name).toEqual(invalid(name));
      }
      expect(await perks().dropStock('d')).toEqual({ stock: 2, remaining: 2, reserved: 0, confirmed: 0, closed: false });
      expect(await perks().claimById('c')).toBeNull();
    });

    it('expireClaims, confirmClaim and closeDrop refuse malformed ids and times, changing nothing', async () => {
      await perks().defineDrop({ dropId: 'd', stock: 1, perMemberLimit: 1 });
      const made = await perks().claim({ ...claim, expiresAt: T0 + 10 });
      expect(made.ok).toBe(true);
      expect(await field(perks().expireClaims('', T0 + 10))).toEqual(invalid('dropId'));
      expect(await field(perks().expireClaims('d', -1))).toEqual(invalid('nowMs'));
      expect(await field(perks().confirmClaim('', T0))).toEqual(invalid('claimId'));
      expect(await field(perks().confirmClaim('c', 1.5))).toEqual(invalid('nowMs'));
      expect(await field(perks().closeDrop(''))).toEqual(invalid('dropId'));
      expect(await perks().dropStock('d')).toEqual({ stock: 1, remaining: 0, reserved: 1, confirmed: 0, closed: false });
      expect((await perks().claimById('c'))?.status).toBe('reserved');
    });
  });

  describe('lotteries', () => {
    it('defineLottery and closeLottery refuse an empty id', async () => {
      expect(await field(perks().defineLottery(''))).toEqual(invalid('lotteryId'));
      expect(await field(perks().closeLottery(''))).toEqual(invalid('lotteryId'));
    });

    it('enterLottery refuses each malformed field: no entry, no spend', async () => {
      const { engine } = current();
      await engine.award({ key: 'fund', memberId: 'a', delta: 50, reason: 'adjustment', at: T0 });
      await perks().defineLottery('l');
      for (const [name, value] of badEntries) {
        expect(await field(perks().enterLottery({ ...enter, [name]: value } as EnterRequest)), name).toEqual(invalid(name));
      }
      expect(await perks().entryCount('l')).toBe(0);
      expect(await engine.balance('a')).toBe(50);
      // The well-formed request still enters.
      expect(await perks().enterLottery(enter)).toMatchObject({ created: true, balance: 40, count: 1 });
    });
  });
}
