/**
 * The drop half of the PerksEngine contract (run by perks-engine-contract.ts):
 * every primitive, every refusal in the order the port documents, and the
 * guarantees under concurrency (never oversold, never above a member's limit,
 * one claim per requestId).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClaimDecision, ClaimRequest } from '../../server/engine/perks-engine.ts';
import type { Claim } from '../../shared/perks.ts';
import { byId, T0, type CurrentFixture } from './perks-contract-support.ts';

const TTL = 600_000;

const request = (dropId: string, memberId: string, requestId: string, extra: Partial<ClaimRequest> = {}): ClaimRequest => ({
  dropId,
  memberId,
  requestId,
  nowMs: T0,
  opensAtForMember: T0,
  claimId: randomUUID(),
  checkoutRef: `co-${memberId}-${requestId}`,
  expiresAt: (extra.nowMs ?? T0) + TTL,
  ...extra,
});

function claimOf(d: ClaimDecision): Claim {
  if (!d.ok) throw new Error(`expected a claim, got ${d.refusal}`);
  return d.claim;
}

const refusals = (ds: ClaimDecision[]) => ds.map((d) => (d.ok ? 'ok' : d.refusal));
const count = <T>(xs: T[], x: T) => xs.filter((y) => y === x).length;

export function dropContract(current: CurrentFixture): void {
  const perks = () => current().perks;
  const define = (dropId: string, stock: number, perMemberLimit = 1) => perks().defineDrop({ dropId, stock, perMemberLimit });
  const claim = (dropId: string, memberId: string, requestId: string, extra: Partial<ClaimRequest> = {}) =>
    perks().claim(request(dropId, memberId, requestId, extra));

  describe('defining and reading', () => {
    it('defineDrop sets stock and limit once; later calls change nothing', async () => {
      await define('d', 5, 2);
      await claim('d', 'a', 'r1');
      await define('d', 50, 9);
      expect(await perks().dropStock('d')).toEqual({ stock: 5, remaining: 4, reserved: 1, confirmed: 0, closed: false });
      expect((await claim('d', 'a', 'r2')).ok).toBe(true);
      expect(await claim('d', 'a', 'r3')).toEqual({ ok: false, refusal: 'LIMIT_REACHED', remaining: 3 });
    });

    it('an unknown drop has no stock and refuses claims with NOT_FOUND', async () => {
      expect(await perks().dropStock('nope')).toBeNull();
      expect(await claim('nope', 'a', 'r1')).toEqual({ ok: false, refusal: 'NOT_FOUND', remaining: 0 });
      expect(await perks().expireClaims('nope', T0)).toEqual([]);
      await perks().closeDrop('nope');
      expect(await perks().dropStock('nope')).toBeNull();
    });

    it('a new claim is reserved with the request fields and takes one unit', async () => {
      await define('d', 3);
      const d = await perks().claim(request('d', 'a', 'r1', { claimId: 'c-1', checkoutRef: 'co-1', nowMs: T0 + 5, expiresAt: T0 + 1005 }));
      const expected: Claim = {
        id: 'c-1',
        dropId: 'd',
        memberId: 'a',
        requestId: 'r1',
        status: 'reserved',
        expiresAt: T0 + 1005,
        checkoutRef: 'co-1',
        createdAt: T0 + 5,
        updatedAt: T0 + 5,
      };
      expect(d).toEqual({ ok: true, claim: expected, replayed: false, remaining: 2 });
      expect(await perks().claimById('c-1')).toEqual(expected);
      expect(await perks().claimById('c-unknown')).toBeNull();
      expect(await perks().dropStock('d')).toEqual({ stock: 3, remaining: 2, reserved: 1, confirmed: 0, closed: false });
    });

    it('a claim is found by its checkout reference as soon as claim() resolves, and a confirm through it holds', async () => {
      await define('d', 3);
      await perks().claim(request('d', 'a', 'r1', { claimId: 'c-1', checkoutRef: 'FR-AAAA' }));
      await perks().claim(request('d', 'b', 'r1', { claimId: 'c-2', checkoutRef: 'FR-BBBB' }));
      // No flush first: in Redis mode the store may not have the claims yet; the buyer pays at once.
      expect(await perks().claimIdByRef('FR-BBBB')).toBe('c-2');
      expect(await perks().claimIdByRef('FR-AAAA')).toBe('c-1');
      expect(await perks().claimIdByRef('FR-NONE')).toBeNull();
      expect((await perks().confirmClaim((await perks().claimIdByRef('FR-BBBB'))!, T0 + 1))?.status).toBe('confirmed');
      expect((await perks().claimById('c-1'))?.status).toBe('reserved');
    });
  });

  describe('refusals, in the documented order', () => {
    it('a known requestId returns its claim before anything else, even closed or sold out', async () => {
      await define('d', 1);
      const first = claimOf(await claim('d', 'a', 'r1'));
      await perks().closeDrop('d');
      const again = await claim('d', 'a', 'r1', { nowMs: T0 + 1, opensAtForMember: T0 + 99, claimId: 'other' });
      expect(again).toEqual({ ok: true, claim: first, replayed: true, remaining: 0 });
    });

    it('a replay returns the claim as it is now (here expired), and the same request is not claimed anew', async () => {
      await define('d', 2);
      const first = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 10 }));
      await perks().expireClaims('d', T0 + 10);
      const again = await claim('d', 'a', 'r1', { nowMs: T0 + 20 });
      expect(again).toEqual({ ok: true, claim: { ...first, status: 'expired', updatedAt: T0 + 10 }, replayed: true, remaining: 2 });
    });

    it('CLOSED comes before NOT_OPEN', async () => {
      await define('d', 5);
      await perks().closeDrop('d');
      expect(await claim('d', 'a', 'r1', { opensAtForMember: T0 + 1000 })).toEqual({ ok: false, refusal: 'CLOSED', remaining: 5 });
    });

    it('NOT_OPEN before opensAtForMember (before SOLD_OUT), ok at it; refusals are not remembered', async () => {
      await define('d', 1);
      expect(await claim('d', 'a', 'r1', { nowMs: T0 - 1 })).toEqual({ ok: false, refusal: 'NOT_OPEN', remaining: 1 });
      const ok = await claim('d', 'a', 'r1', { nowMs: T0 });
      expect(ok).toMatchObject({ ok: true, replayed: false, remaining: 0 });
      expect(await claim('d', 'b', 'r1', { nowMs: T0 - 1 })).toEqual({ ok: false, refusal: 'NOT_OPEN', remaining: 0 });
    });

    it('SOLD_OUT comes before LIMIT_REACHED', async () => {
      await define('d', 1, 1);
      await claim('d', 'a', 'r1');
      expect(await claim('d', 'a', 'r2')).toEqual({ ok: false, refusal: 'SOLD_OUT', remaining: 0 });
      expect(await claim('d', 'b', 'r1')).toEqual({ ok: false, refusal: 'SOLD_OUT', remaining: 0 });
    });

    it('LIMIT_REACHED counts reserved and confirmed claims, not expired ones', async () => {
      await define('d', 10, 2);
      const c1 = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 10 }));
      const c2 = claimOf(await claim('d', 'a', 'r2'));
      await perks().confirmClaim(c2.id, T0 + 1);
      expect(await claim('d', 'a', 'r3', { nowMs: T0 + 5 })).toEqual({ ok: false, refusal: 'LIMIT_REACHED', remaining: 8 });
      // c1 expires in this very call, which frees one of the member's two.
      expect(await claim('d', 'a', 'r3', { nowMs: T0 + 10 })).toMatchObject({ ok: true, remaining: 8 });
      expect((await perks().claimById(c1.id))?.status).toBe('expired');
    });

    it('due reservations expire first, even when the answer is CLOSED', async () => {
      await define('d', 1);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 100 }));
      await perks().closeDrop('d');
      expect(await claim('d', 'b', 'r1', { nowMs: T0 + 100 })).toEqual({ ok: false, refusal: 'CLOSED', remaining: 1 });
      expect(await perks().claimById(a.id)).toEqual({ ...a, status: 'expired', updatedAt: T0 + 100 });
    });
  });

  describe('expiry and confirmation', () => {
    it('expireClaims expires exactly the due reservations and returns their stock; a later claim succeeds', async () => {
      await define('d', 2);
      const early = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 1000 }));
      const late = claimOf(await claim('d', 'b', 'r1', { expiresAt: T0 + 5000 }));
      expect(await claim('d', 'c', 'r1', { nowMs: T0 + 500 })).toMatchObject({ ok: false, refusal: 'SOLD_OUT' });
      expect(await perks().expireClaims('d', T0 + 999)).toEqual([]);
      expect(await perks().expireClaims('d', T0 + 1000)).toEqual([{ ...early, status: 'expired', updatedAt: T0 + 1000 }]);
      expect(await perks().expireClaims('d', T0 + 1000)).toEqual([]);
      expect(await perks().dropStock('d')).toEqual({ stock: 2, remaining: 1, reserved: 1, confirmed: 0, closed: false });
      expect((await perks().claimById(late.id))?.status).toBe('reserved');
      expect(await claim('d', 'c', 'r1', { nowMs: T0 + 1001 })).toMatchObject({ ok: true, remaining: 0 });
    });

    it('claim() expires due reservations first, so a sold-out drop frees up on time', async () => {
      await define('d', 1);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 100 }));
      expect(await claim('d', 'b', 'r1', { nowMs: T0 + 99 })).toMatchObject({ ok: false, refusal: 'SOLD_OUT' });
      const b = await claim('d', 'b', 'r1', { nowMs: T0 + 100 });
      expect(b).toMatchObject({ ok: true, replayed: false, remaining: 0 });
      expect(await perks().claimById(a.id)).toEqual({ ...a, status: 'expired', updatedAt: T0 + 100 });
    });

    it('a replayed lapsed reservation expires the drop’s due ones in the same call and lists them', async () => {
      await define('d', 3, 2);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 10 }));
      const b = claimOf(await claim('d', 'b', 'r1', { expiresAt: T0 + 20 }));
      const c = claimOf(await claim('d', 'c', 'r1', { expiresAt: T0 + 100 }));
      // Not lapsed: a replay changes nothing, even with another reservation due.
      expect(await claim('d', 'c', 'r1', { nowMs: T0 + 30 })).toEqual({ ok: true, claim: c, replayed: true, remaining: 0 });
      expect((await perks().claimById(a.id))?.status).toBe('reserved');
      // Lapsed: the answer is the truth, and the stock moved.
      const lapsed = [
        { ...a, status: 'expired', updatedAt: T0 + 30 },
        { ...b, status: 'expired', updatedAt: T0 + 30 },
      ];
      expect(await claim('d', 'a', 'r1', { nowMs: T0 + 30 })).toEqual({ ok: true, claim: lapsed[0], replayed: true, remaining: 2, expired: lapsed });
      expect(await perks().dropStock('d')).toEqual({ stock: 3, remaining: 2, reserved: 1, confirmed: 0, closed: false });
      // A new claim lists what it expired on its way too.
      const d = await claim('d', 'b', 'r2', { nowMs: T0 + 100 });
      expect(d).toMatchObject({ ok: true, replayed: false, remaining: 2, expired: [{ ...c, status: 'expired', updatedAt: T0 + 100 }] });
    });

    it('a confirmed claim never expires and keeps its unit', async () => {
      await define('d', 1);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 100 }));
      expect(await perks().confirmClaim(a.id, T0 + 50)).toEqual({ ...a, status: 'confirmed', updatedAt: T0 + 50 });
      expect(await perks().expireClaims('d', T0 + 10 * TTL)).toEqual([]);
      expect(await claim('d', 'b', 'r1', { nowMs: T0 + 10 * TTL })).toMatchObject({ ok: false, refusal: 'SOLD_OUT' });
      expect(await perks().dropStock('d')).toEqual({ stock: 1, remaining: 0, reserved: 0, confirmed: 1, closed: false });
      // Confirming again changes nothing, updatedAt included.
      expect(await perks().confirmClaim(a.id, T0 + 70)).toEqual({ ...a, status: 'confirmed', updatedAt: T0 + 50 });
    });

    it('confirming a reservation at or past its expiresAt expires it instead and returns the stock', async () => {
      await define('d', 1);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 100 }));
      expect(await perks().confirmClaim(a.id, T0 + 100)).toEqual({ ...a, status: 'expired', updatedAt: T0 + 100 });
      expect(await perks().dropStock('d')).toEqual({ stock: 1, remaining: 1, reserved: 0, confirmed: 0, closed: false });
      // Already expired: returned unchanged.
      expect(await perks().confirmClaim(a.id, T0 + 200)).toEqual({ ...a, status: 'expired', updatedAt: T0 + 100 });
      expect(await perks().confirmClaim('c-unknown', T0)).toBeNull();
    });

    it('closeDrop stops new claims only: reservations stay, can be confirmed or expire', async () => {
      await define('d', 3);
      const a = claimOf(await claim('d', 'a', 'r1', { expiresAt: T0 + 100 }));
      const b = claimOf(await claim('d', 'b', 'r1', { expiresAt: T0 + 100 }));
      await perks().closeDrop('d');
      await perks().closeDrop('d');
      expect(await claim('d', 'c', 'r1')).toEqual({ ok: false, refusal: 'CLOSED', remaining: 1 });
      expect(await perks().claimById(a.id)).toEqual(a);
      expect((await perks().confirmClaim(a.id, T0 + 10))?.status).toBe('confirmed');
      expect(await perks().expireClaims('d', T0 + 100)).toEqual([{ ...b, status: 'expired', updatedAt: T0 + 100 }]);
      expect(await perks().dropStock('d')).toEqual({ stock: 3, remaining: 2, reserved: 0, confirmed: 1, closed: true });
    });

    it('the sink receives every claim with its final status', async () => {
      const { perks: p, sink } = current();
      await define('d', 10, 5);
      const confirmed = claimOf(await claim('d', 'a', 'r1'));
      const expiredByCall = claimOf(await claim('d', 'a', 'r2', { expiresAt: T0 + 10 }));
      const expiredByClaim = claimOf(await claim('d', 'b', 'r1', { expiresAt: T0 + 20 }));
      const expiredByConfirm = claimOf(await claim('d', 'c', 'r1', { expiresAt: T0 + 30 }));
      await p.confirmClaim(confirmed.id, T0 + 1);
      await p.expireClaims('d', T0 + 10);
      const reserved = claimOf(await claim('d', 'c', 'r2', { nowMs: T0 + 20 }));
      await p.confirmClaim(expiredByConfirm.id, T0 + 30);
      await p.flush();
      const finals = await Promise.all([confirmed, expiredByCall, expiredByClaim, expiredByConfirm, reserved].map((c) => p.claimById(c.id)));
      expect(finals.map((c) => c?.status)).toEqual(['confirmed', 'expired', 'expired', 'expired', 'reserved']);
      expect(byId(await sink.claims())).toEqual(byId(finals as Claim[]));
    });
  });

  describe('under concurrency', () => {
    it('a storm of 2,000 members on 100 units: exactly 100 claims, the rest SOLD_OUT', async () => {
      await define('d', 100, 1);
      const ds = await Promise.all(Array.from({ length: 2000 }, (_, i) => claim('d', `m${i}`, 'r')));
      expect(count(refusals(ds), 'ok')).toBe(100);
      expect(count(refusals(ds), 'SOLD_OUT')).toBe(1900);
      expect(ds.every((d) => d.remaining >= 0)).toBe(true);
      const oks = ds.filter((d) => d.ok).map(claimOf);
      expect(new Set(oks.map((c) => c.memberId)).size).toBe(100);
      expect(new Set(ds.filter((d) => d.ok).map((d) => d.remaining))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => i)));
      expect(await perks().dropStock('d')).toEqual({ stock: 100, remaining: 0, reserved: 100, confirmed: 0, closed: false });
      await perks().flush();
      expect((await current().sink.claims()).filter((c) => c.dropId === 'd')).toHaveLength(100);
    });

    it('one member with 50 concurrent requests never passes a limit of 3', async () => {
      await define('d', 100, 3);
      const ds = await Promise.all(Array.from({ length: 50 }, (_, i) => claim('d', 'a', `r${i}`)));
      expect(count(refusals(ds), 'ok')).toBe(3);
      expect(count(refusals(ds), 'LIMIT_REACHED')).toBe(47);
      expect(await perks().dropStock('d')).toMatchObject({ remaining: 97, reserved: 3 });
    });

    it('the same requestId 20 times at once makes one claim, and every answer is that claim', async () => {
      await define('d', 10, 5);
      const ds = await Promise.all(Array.from({ length: 20 }, () => claim('d', 'a', 'same')));
      const claims = ds.map(claimOf);
      expect(new Set(claims.map((c) => c.id)).size).toBe(1);
      expect(ds.filter((d) => d.ok && !d.replayed)).toHaveLength(1);
      expect(await perks().dropStock('d')).toMatchObject({ remaining: 9, reserved: 1 });
    });

    it('stock is always remaining + reserved + confirmed', async () => {
      await define('d', 30, 3);
      const ds = await Promise.all(
        Array.from({ length: 60 }, (_, i) => claim('d', `m${i % 12}`, `r${i}`, { nowMs: T0 + i, expiresAt: T0 + 100 + (i % 3) * 100 })),
      );
      await Promise.all(ds.filter((d, i) => d.ok && i % 4 === 0).map((d) => perks().confirmClaim(claimOf(d).id, T0 + 150)));
      await Promise.all([perks().expireClaims('d', T0 + 250), claim('d', 'late', 'r', { nowMs: T0 + 260 })]);
      const s = (await perks().dropStock('d'))!;
      expect(s.remaining + s.reserved + s.confirmed).toBe(30);
      expect(s.remaining).toBeGreaterThan(0);
    });
  });
}
