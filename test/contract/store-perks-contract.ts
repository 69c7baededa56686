/**
 * The perks part of the Store contract (drops, claims, lotteries, entries,
 * orders), kept beside store-contract.ts only for length: storeContract calls
 * it inside its own describe, so every implementation runs it with the same
 * fresh store per test.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import type { Store } from '../../server/store/store.ts';
import { QUICKNET } from '../../shared/drand-chain.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import {
  LOTTERY_ALGORITHM,
  entriesHashOf,
  fromHex,
  pickWinners,
  sha256Hex,
  sortEntries,
  verifyProof,
  type LotteryEntryPair,
  type LotteryProof,
} from '../../shared/lottery-proof.ts';
import type { Claim, ClaimStatus, DropRecord, LotteryEntry, LotteryRecord, OrderRecord } from '../../shared/perks.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

export const newDrop = (id: string, extra: Partial<DropRecord> = {}): DropRecord => ({
  id,
  streamId: 's1',
  title: `Drop ${id}`,
  description: null,
  imageUrl: null,
  priceCents: 129_900,
  memberPriceCents: 99_900,
  currency: 'TWD',
  stock: 10,
  perMemberLimit: 1,
  opensAt: T0,
  minTier: null,
  reservationSeconds: 600,
  createdAt: T0,
  closedAt: null,
  checkoutUrl: null,
  paymentInstructions: null,
  ...extra,
});

export const newClaim = (id: string, status: ClaimStatus, extra: Partial<Claim> = {}): Claim => ({
  id,
  dropId: 'd1',
  memberId: 'm1',
  requestId: `req-${id}`,
  status,
  expiresAt: T0 + 600_000,
  checkoutRef: `https://shop.test/checkout/${id}`,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

const SEED = '5e'.repeat(32);

export const newLottery = async (id: string, extra: Partial<LotteryRecord> = {}): Promise<LotteryRecord> => ({
  id,
  streamId: 's1',
  title: `Lottery ${id}`,
  prize: 'A signed mug',
  winners: 2,
  minTier: null,
  entryCostPoints: 0,
  requireWatching: true,
  closesAt: null,
  commitment: await sha256Hex(fromHex(SEED)),
  status: 'open',
  createdAt: T0,
  drawnAt: null,
  seed: SEED,
  ...extra,
});

/** A real proof, so a round trip through the store can be checked by verifyProof. */
async function proofOf(lottery: LotteryRecord, pairs: LotteryEntryPair[]): Promise<LotteryProof> {
  const entries = sortEntries(pairs);
  const entriesHash = await entriesHashOf(entries);
  return {
    algorithm: LOTTERY_ALGORITHM,
    lotteryId: lottery.id,
    commitment: lottery.commitment,
    seed: lottery.seed,
    winnerCount: lottery.winners,
    entries,
    entriesHash,
    winners: await pickWinners(lottery.seed, entries, entriesHash, lottery.winners),
  };
}

const lotteryEntry = (lotteryId: string, memberId: string, weight = 1, at = T0): LotteryEntry => ({ lotteryId, memberId, weight, at });

const byMember = (a: LotteryEntry, b: LotteryEntry) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);

const order = (orderId: string, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId,
  memberId: 'm1',
  amountCents: 129_900,
  currency: 'TWD',
  claimId: null,
  paidAt: T0,
  points: 1_299,
  createdAt: T0 + 1,
  ...extra,
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the call to reject');
}

/** `store` returns the current test's store (made fresh by storeContract's beforeEach). */
export function storePerksContract(store: () => Store): void {
  describe('drops', () => {
    it('creates a drop and finds it by id; a taken id is a CONFLICT', async () => {
      const drop = newDrop('d1', {
        description: 'Limited run',
        imageUrl: 'https://img.test/d1.png',
        minTier: 'gold',
        checkoutUrl: 'https://shop.test/pay?ref={ref}',
        paymentInstructions: 'Bank transfer, note the reference',
      });
      expect(await store().createDrop(drop)).toEqual(drop);
      expect(await store().dropById('d1')).toEqual(drop);
      expect(await store().dropById('nope')).toBeNull();
      const err = await rejection(store().createDrop(newDrop('d1', { title: 'Other' })));
      expect(err.code).toBe(ErrorCode.CONFLICT);
      expect(await store().dropById('d1')).toEqual(drop);
    });

    it('dropsOfStream lists one stream newest first (ties by id, descending)', async () => {
      await store().createDrop(newDrop('d1', { createdAt: T0 }));
      await store().createDrop(newDrop('d3', { createdAt: T0 + 5 }));
      await store().createDrop(newDrop('d2', { createdAt: T0 + 5 }));
      await store().createDrop(newDrop('d4', { createdAt: T0 + 9, streamId: 's2' }));
      expect((await store().dropsOfStream('s1')).map((d) => d.id)).toEqual(['d3', 'd2', 'd1']);
      expect(await store().dropsOfStream('s2')).toEqual([newDrop('d4', { createdAt: T0 + 9, streamId: 's2' })]);
      expect(await store().dropsOfStream('nope')).toEqual([]);
    });

    it('closeDropRecord sets closedAt once and keeps the first time', async () => {
      await store().createDrop(newDrop('d1'));
      expect(await store().closeDropRecord('d1', T0 + 100)).toEqual(newDrop('d1', { closedAt: T0 + 100 }));
      expect(await store().closeDropRecord('d1', T0 + 200)).toEqual(newDrop('d1', { closedAt: T0 + 100 }));
      expect(await store().dropById('d1')).toEqual(newDrop('d1', { closedAt: T0 + 100 }));
      expect(await store().closeDropRecord('nope', T0)).toBeNull();
    });

    it('concurrent closes agree on one closedAt', async () => {
      await store().createDrop(newDrop('d1'));
      const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => store().closeDropRecord('d1', T0 + i + 1)));
      const closedAt = rs[0]!.closedAt;
      expect(closedAt).not.toBeNull();
      for (const r of rs) expect(r).toEqual(newDrop('d1', { closedAt }));
    });
  });

  describe('claims', () => {
    it('upsertClaims inserts claims that claimById returns as given', async () => {
      const c1 = newClaim('c1', 'reserved');
      const c2 = newClaim('c2', 'confirmed', { memberId: 'm2', requestId: 'r2', updatedAt: T0 + 3 });
      await store().upsertClaims([c1, c2]);
      await store().upsertClaims([]);
      expect(await store().claimById('c1')).toEqual(c1);
      expect(await store().claimById('c2')).toEqual(c2);
      expect(await store().claimById('nope')).toBeNull();
    });

    it('moves reserved → confirmed, and a late reserved or expired leaves it confirmed', async () => {
      await store().upsertClaims([newClaim('c1', 'reserved')]);
      await store().upsertClaims([newClaim('c1', 'confirmed', { updatedAt: T0 + 5 })]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'confirmed', { updatedAt: T0 + 5 }));
      await store().upsertClaims([newClaim('c1', 'reserved', { updatedAt: T0 + 9 })]);
      await store().upsertClaims([newClaim('c1', 'expired', { updatedAt: T0 + 10 })]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'confirmed', { updatedAt: T0 + 5 }));
    });

    it('expired is final too', async () => {
      await store().upsertClaims([newClaim('c1', 'reserved')]);
      await store().upsertClaims([newClaim('c1', 'expired', { updatedAt: T0 + 600_000 })]);
      await store().upsertClaims([newClaim('c1', 'confirmed', { updatedAt: T0 + 600_001 })]);
      await store().upsertClaims([newClaim('c1', 'reserved', { updatedAt: T0 + 600_002 })]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'expired', { updatedAt: T0 + 600_000 }));
    });

    it('a reserved or confirmed claim moves to cancelled, which is final; an expired one stays expired', async () => {
      await store().upsertClaims([newClaim('c1', 'reserved'), newClaim('c2', 'reserved', { requestId: 'r2' }), newClaim('c3', 'expired', { requestId: 'r3' })]);
      await store().upsertClaims([newClaim('c1', 'confirmed', { updatedAt: T0 + 5 })]);
      await store().upsertClaims([
        newClaim('c1', 'cancelled', { updatedAt: T0 + 6 }),
        newClaim('c2', 'cancelled', { requestId: 'r2', updatedAt: T0 + 7 }),
        newClaim('c3', 'cancelled', { requestId: 'r3', updatedAt: T0 + 8 }),
      ]);
      // Late copies of earlier states (the outbox may deliver out of order) never undo it.
      await store().upsertClaims([newClaim('c1', 'confirmed', { updatedAt: T0 + 9 }), newClaim('c2', 'expired', { requestId: 'r2', updatedAt: T0 + 9 })]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'cancelled', { updatedAt: T0 + 6 }));
      expect(await store().claimById('c2')).toEqual(newClaim('c2', 'cancelled', { requestId: 'r2', updatedAt: T0 + 7 }));
      expect(await store().claimById('c3')).toEqual(newClaim('c3', 'expired', { requestId: 'r3' }));
      expect(await store().claimCountsOfDrop('d1')).toEqual({ reserved: 0, confirmed: 0 });
    });

    it('a replayed reservation changes nothing', async () => {
      await store().upsertClaims([newClaim('c1', 'reserved')]);
      await store().upsertClaims([newClaim('c1', 'reserved', { updatedAt: T0 + 3, expiresAt: T0 + 9_999_999 })]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'reserved'));
    });

    it('a confirmation that arrives before its reservation stays confirmed', async () => {
      await store().upsertClaims([newClaim('c1', 'confirmed', { updatedAt: T0 + 5 })]);
      await store().upsertClaims([newClaim('c1', 'reserved')]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'confirmed', { updatedAt: T0 + 5 }));
    });

    it('a batch holding both states of one claim ends in the final one, either way round', async () => {
      await store().upsertClaims([
        newClaim('c1', 'reserved'),
        newClaim('c1', 'confirmed', { updatedAt: T0 + 5 }),
        newClaim('c2', 'expired', { requestId: 'r2', updatedAt: T0 + 7 }),
        newClaim('c2', 'reserved', { requestId: 'r2' }),
      ]);
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'confirmed', { updatedAt: T0 + 5 }));
      expect(await store().claimById('c2')).toEqual(newClaim('c2', 'expired', { requestId: 'r2', updatedAt: T0 + 7 }));
    });

    it('concurrent upserts of a reservation and its confirmation end confirmed', async () => {
      const reserved = newClaim('c1', 'reserved');
      const confirmed = newClaim('c1', 'confirmed', { updatedAt: T0 + 5 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => store().upsertClaims([i % 2 ? confirmed : reserved])));
      expect(await store().claimById('c1')).toEqual(confirmed);
    });

    it('a second claim id for the same (drop, member, request) is refused; the first stays', async () => {
      await store().upsertClaims([newClaim('c1', 'reserved', { requestId: 'r1' })]);
      await expect(store().upsertClaims([newClaim('c2', 'reserved', { requestId: 'r1' })])).rejects.toThrow();
      expect(await store().claimById('c2')).toBeNull();
      expect(await store().claimById('c1')).toEqual(newClaim('c1', 'reserved', { requestId: 'r1' }));
    });

    it('claimCountsOfDrop counts the reserved and confirmed claims of one drop', async () => {
      await store().upsertClaims([
        newClaim('c1', 'confirmed'),
        newClaim('c2', 'reserved'),
        newClaim('c3', 'expired'),
        newClaim('c6', 'cancelled', { requestId: 'r6' }),
        newClaim('c4', 'confirmed', { memberId: 'm2' }),
        newClaim('c5', 'confirmed', { dropId: 'd2' }),
      ]);
      expect(await store().claimCountsOfDrop('d1')).toEqual({ reserved: 1, confirmed: 2 });
      expect(await store().claimCountsOfDrop('d2')).toEqual({ reserved: 0, confirmed: 1 });
      expect(await store().claimCountsOfDrop('none')).toEqual({ reserved: 0, confirmed: 0 });
    });

    it('claimsOfMember lists one member newest first (ties by id, descending), at most `limit`', async () => {
      await store().upsertClaims([
        newClaim('c1', 'confirmed', { createdAt: T0 }),
        newClaim('c2', 'reserved', { createdAt: T0 + 5 }),
        newClaim('c4', 'expired', { createdAt: T0 + 5 }),
        newClaim('c3', 'reserved', { createdAt: T0 + 9 }),
        newClaim('c5', 'reserved', { createdAt: T0 + 20, memberId: 'm2' }),
      ]);
      expect((await store().claimsOfMember('m1', 10)).map((c) => c.id)).toEqual(['c3', 'c4', 'c2', 'c1']);
      expect(await store().claimsOfMember('m1', 2)).toEqual([
        newClaim('c3', 'reserved', { createdAt: T0 + 9 }),
        newClaim('c4', 'expired', { createdAt: T0 + 5 }),
      ]);
      expect(await store().claimsOfMember('m1', 0)).toEqual([]);
      expect((await store().claimsOfMember('m2', 10)).map((c) => c.id)).toEqual(['c5']);
      expect(await store().claimsOfMember('nobody', 10)).toEqual([]);
    });

    it('claimByCheckoutRef finds the claim carrying a reference; claimsOfDrop lists one drop newest first', async () => {
      await store().upsertClaims([
        newClaim('c1', 'confirmed', { createdAt: T0, checkoutRef: 'FR-ONE' }),
        newClaim('c2', 'reserved', { createdAt: T0 + 5, memberId: 'm2', checkoutRef: 'FR-TWO' }),
        newClaim('c3', 'reserved', { createdAt: T0 + 9, dropId: 'd2', checkoutRef: 'FR-THREE' }),
      ]);
      expect((await store().claimByCheckoutRef('FR-TWO'))?.id).toBe('c2');
      expect(await store().claimByCheckoutRef('FR-NONE')).toBeNull();
      expect((await store().claimsOfDrop('d1', 10)).map((c) => c.id)).toEqual(['c2', 'c1']);
      expect((await store().claimsOfDrop('d1', 1)).map((c) => c.id)).toEqual(['c2']);
      expect(await store().claimsOfDrop('d1', 0)).toEqual([]);
      expect(await store().claimsOfDrop('none', 10)).toEqual([]);
    });
  });

  describe('lotteries', () => {
    it('creates a lottery and returns it with its seed and no proof; a taken id is a CONFLICT', async () => {
      const lottery = await newLottery('l1', { minTier: 'gold', entryCostPoints: 50, closesAt: T0 + 60_000 });
      await store().createLottery(lottery);
      expect(await store().lotteryById('l1')).toEqual({ record: lottery, proof: null });
      expect(await store().lotteryById('nope')).toBeNull();
      const err = await rejection(store().createLottery(await newLottery('l1', { title: 'Other' })));
      expect(err.code).toBe(ErrorCode.CONFLICT);
    });

    it('lotteriesOfStream lists one stream newest first (ties by id, descending)', async () => {
      await store().createLottery(await newLottery('l1', { createdAt: T0 }));
      await store().createLottery(await newLottery('l2', { createdAt: T0 + 5 }));
      await store().createLottery(await newLottery('l3', { createdAt: T0 + 5 }));
      await store().createLottery(await newLottery('l4', { createdAt: T0 + 9, streamId: 's2' }));
      expect((await store().lotteriesOfStream('s1')).map((l) => l.id)).toEqual(['l3', 'l2', 'l1']);
      expect(await store().lotteriesOfStream('s2')).toEqual([await newLottery('l4', { createdAt: T0 + 9, streamId: 's2' })]);
      expect(await store().lotteriesOfStream('nope')).toEqual([]);
    });

    it('recordDraw stores the first proof, which still verifies; a later draw changes nothing', async () => {
      const lottery = await newLottery('l1');
      await store().createLottery(lottery);
      const proof = await proofOf(lottery, [['m3', 1], ['m1', 2], ['m2', 1]]);
      const drawn = { ...lottery, status: 'drawn' as const, drawnAt: T0 + 100 };
      expect(await store().recordDraw('l1', proof, T0 + 100)).toEqual({ record: drawn, proof });
      const other = await proofOf(lottery, [['m9', 1]]);
      expect(await store().recordDraw('l1', other, T0 + 200)).toEqual({ record: drawn, proof });
      const stored = await store().lotteryById('l1');
      expect(stored).toEqual({ record: drawn, proof });
      expect(await verifyProof(stored!.proof!)).toEqual({ ok: true, version: 1 });
      expect(await store().recordDraw('nope', proof, T0)).toBeNull();
    });

    it('recordDraw is a compare-and-set: of 10 concurrent draws one proof is stored and all return it', async () => {
      const lottery = await newLottery('l1');
      await store().createLottery(lottery);
      const proofs = await Promise.all(Array.from({ length: 10 }, (_, i) => proofOf(lottery, [[`m${i}`, 1], ['z', 2]])));
      const rs = await Promise.all(proofs.map((p, i) => store().recordDraw('l1', p, T0 + i + 1)));
      const first = rs[0]!;
      for (const r of rs) expect(r).toEqual(first);
      const winner = proofs.findIndex((p) => JSON.stringify(p) === JSON.stringify(first.proof));
      expect(winner).toBeGreaterThanOrEqual(0);
      // The drawnAt stored is the one that came with the stored proof.
      expect(first.record).toEqual({ ...lottery, status: 'drawn', drawnAt: T0 + winner + 1 });
      expect(await store().lotteryById('l1')).toEqual(first);
    });

    it('cancelLottery takes an open lottery out of the draw; a drawn one stays drawn; of a draw and a cancel racing, one wins', async () => {
      const open = await newLottery('l1');
      await store().createLottery(open);
      const cancelled = { ...open, status: 'cancelled' as const, cancelledAt: T0 + 3 };
      expect(await store().cancelLottery('l1', T0 + 3)).toEqual({ record: cancelled, proof: null });
      expect(await store().cancelLottery('l1', T0 + 4)).toEqual({ record: cancelled, proof: null });
      // A cancelled lottery is never drawn: recordDraw answers null and stores nothing.
      expect(await store().recordDraw('l1', await proofOf(open, [['m1', 1]]), T0 + 5)).toBeNull();
      expect(await store().lotteryById('l1')).toEqual({ record: cancelled, proof: null });

      const drawnFirst = await newLottery('l2');
      await store().createLottery(drawnFirst);
      const proof = await proofOf(drawnFirst, [['m1', 1]]);
      const drawn = await store().recordDraw('l2', proof, T0 + 9);
      expect(await store().cancelLottery('l2', T0 + 10)).toEqual(drawn);
      expect(await store().cancelLottery('nope', T0)).toBeNull();

      const raced = await newLottery('l3');
      await store().createLottery(raced);
      const [draw, cancel] = await Promise.all([store().recordDraw('l3', await proofOf(raced, [['m2', 1]]), T0 + 1), store().cancelLottery('l3', T0 + 2)]);
      const final = (await store().lotteryById('l3'))!;
      if (final.record.status === 'drawn') expect(cancel).toEqual(draw);
      else expect([draw, final]).toEqual([null, { record: { ...raced, status: 'cancelled', cancelledAt: T0 + 2 }, proof: null }]);
    });

    it('appendLotteryEntries inserts each (lottery, member) once, also inside one batch', async () => {
      await store().appendLotteryEntries([lotteryEntry('l1', 'm1', 1), lotteryEntry('l1', 'm2', 3), lotteryEntry('l1', 'm1', 5, T0 + 1)]);
      await store().appendLotteryEntries([lotteryEntry('l1', 'm2', 9, T0 + 2), lotteryEntry('l1', 'm3', 2), lotteryEntry('l2', 'm1', 4)]);
      await store().appendLotteryEntries([]);
      expect((await store().lotteryEntries('l1')).sort(byMember)).toEqual([
        lotteryEntry('l1', 'm1', 1),
        lotteryEntry('l1', 'm2', 3),
        lotteryEntry('l1', 'm3', 2),
      ]);
      expect(await store().lotteryEntries('l2')).toEqual([lotteryEntry('l2', 'm1', 4)]);
      expect(await store().lotteryEntries('nope')).toEqual([]);
    });

    it('freezeLottery freezes an open lottery once (the first freeze stands), lists it as drawing, and a frozen one is drawn, never cancelled', async () => {
      const lottery = await newLottery('l1');
      await store().createLottery(lottery);
      const freeze = { frozenAt: T0 + 10, entriesHash: 'a'.repeat(64), entryCount: 3, round: 42, roundAt: T0 + 6000, chain: QUICKNET };
      const frozen = { ...lottery, status: 'drawing' as const, freeze };
      expect(await store().freezeLottery('l1', freeze)).toEqual(frozen);
      expect(await store().freezeLottery('l1', { ...freeze, round: 99 })).toEqual(frozen);
      expect(await store().lotteriesDrawing()).toEqual([frozen]);
      expect(await store().freezeLottery('nope', freeze)).toBeNull();
      expect((await store().cancelLottery('l1', T0 + 20))!.record).toEqual(frozen);
      const proof = await proofOf(lottery, [['m1', 1]]);
      expect(await store().recordDraw('l1', proof, T0 + 7000)).toEqual({ record: { ...frozen, status: 'drawn', drawnAt: T0 + 7000 }, proof });
      expect(await store().lotteriesDrawing()).toEqual([]);
      // A cancelled lottery never freezes.
      await store().createLottery(await newLottery('l2'));
      await store().cancelLottery('l2', T0 + 1);
      expect((await store().freezeLottery('l2', freeze))!.status).toBe('cancelled');
    });

    it('recordPrizeClaim keeps the first claim time per member, only once drawn', async () => {
      const lottery = await newLottery('l1');
      await store().createLottery(lottery);
      expect(await store().recordPrizeClaim('l1', 'm1', T0 + 1)).toEqual(lottery); // not drawn: nothing to claim
      const proof = await proofOf(lottery, [['m1', 1], ['m2', 1]]);
      await store().recordDraw('l1', proof, T0 + 10);
      const first = await store().recordPrizeClaim('l1', 'm1', T0 + 20);
      expect(first!.prizeClaims).toEqual({ m1: T0 + 20 });
      expect((await store().recordPrizeClaim('l1', 'm1', T0 + 30))!.prizeClaims).toEqual({ m1: T0 + 20 });
      const both = await Promise.all([store().recordPrizeClaim('l1', 'm2', T0 + 40), store().recordPrizeClaim('l1', 'm2', T0 + 41)]);
      expect([T0 + 40, T0 + 41]).toContain((await store().lotteryById('l1'))!.record.prizeClaims!.m2);
      expect(both.every((r) => r!.prizeClaims!.m1 === T0 + 20)).toBe(true);
      expect(await store().recordPrizeClaim('nope', 'm1', T0)).toBeNull();
    });

    it('recentDraws lists the last drawn lotteries of every show, newest draw first', async () => {
      for (const [id, streamId, drawnAt] of [['l1', 's1', 300], ['l2', 's2', 100], ['l3', 's1', 200]] as const) {
        const lottery = await newLottery(id, { streamId });
        await store().createLottery(lottery);
        await store().recordDraw(id, await proofOf(lottery, [['m1', 1]]), T0 + drawnAt);
      }
      await store().createLottery(await newLottery('l4')); // open: not a draw
      expect((await store().recentDraws(2)).map((d) => d.record.id)).toEqual(['l1', 'l3']);
      expect((await store().recentDraws(10)).map((d) => [d.record.id, d.proof.lotteryId])).toEqual([['l1', 'l1'], ['l3', 'l3'], ['l2', 'l2']]);
    });

    it('concurrent appends of the same (lottery, member) store one entry', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => store().appendLotteryEntries([lotteryEntry('l1', 'm1', i + 1), lotteryEntry('l1', `m-${i}`)])),
      );
      const entries = await store().lotteryEntries('l1');
      expect(entries).toHaveLength(11);
      const mine = entries.filter((e) => e.memberId === 'm1');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.weight).toBeGreaterThanOrEqual(1);
      expect(mine[0]!.weight).toBeLessThanOrEqual(10);
    });
  });

  describe('orders', () => {
    it('recordOrder is idempotent by orderId: the first record wins', async () => {
      const first = order('o1', { claimId: 'c1' });
      expect(await store().recordOrder(first)).toEqual({ order: first, created: true });
      expect(await store().recordOrder(order('o1', { amountCents: 1, points: 0 }))).toEqual({ order: first, created: false });
      expect(await store().recordOrder(order('o2'))).toEqual({ order: order('o2'), created: true });
    });

    it('concurrent deliveries of one order store it once', async () => {
      const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => store().recordOrder(order('o1', { amountCents: 100 + i, points: i }))));
      expect(rs.filter((r) => r.created)).toHaveLength(1);
      const stored = rs.find((r) => r.created)!.order;
      for (const r of rs) expect(r.order).toEqual(stored);
    });
  });
}

/** Puts one record of each perks kind into `store`; `perksRecordsGone` checks they are all gone. */
export async function addPerksRecords(store: Store): Promise<void> {
  await store.createDrop(newDrop('d1'));
  await store.upsertClaims([newClaim('c1', 'reserved')]);
  await store.createLottery(await newLottery('l1'));
  await store.appendLotteryEntries([lotteryEntry('l1', 'm1')]);
  await store.recordOrder(order('o1'));
}

export async function perksRecordsGone(store: Store): Promise<void> {
  expect(await store.dropById('d1')).toBeNull();
  expect(await store.claimById('c1')).toBeNull();
  expect(await store.lotteryById('l1')).toBeNull();
  expect(await store.lotteryEntries('l1')).toEqual([]);
  expect((await store.recordOrder(order('o1'))).created).toBe(true);
}
