/**
 * Refunds and releases over real HTTP and sockets, written once and run in
 * both modes (refunds-embedded.test.ts, refunds-redis.test.ts): the signed
 * refund webhook takes purchase points back (balance, earned total, tier),
 * cancels the order's claim and returns its unit; a redelivery changes
 * nothing; partial refunds are proportional and never exceed the order; a
 * spent balance stops at zero and the shortfall is recorded; forged or bad
 * webhooks change nothing; the host's release returns a reservation's unit.
 */
import { createHmac } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { TEST_WEBHOOK_SECRET, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, fullLedger, hostToken, liveShow, nextEvent, ssoMember, type ApiReply } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.2, earlyAccessSeconds: 0, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 500, multiplier: 1.5, earlyAccessSeconds: 0, lotteryWeight: 4 },
  ],
};

/** Sends the refund webhook, signed like the shop signs it (or with `secret`, or a raw body as is). */
async function deliverRefund(base: string, refund: Record<string, unknown> | string, secret = TEST_WEBHOOK_SECRET): Promise<ApiReply> {
  const raw = typeof refund === 'string' ? refund : JSON.stringify(refund);
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const res = await fetch(`${base}/api/webhooks/refunds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-frontrow-signature': signature },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

export function refundsScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`refunds and releases (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    const sockets: Socket[] = [];
    let seq = 0;
    const unique = (label: string) => `${name}-${label}-${seq++}-${Math.random().toString(36).slice(2)}`;

    const member = async (label: string) => {
      const m = await ssoMember(base, unique(label), label);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      await ask(socket, 'stream:join', { streamId });
      return { ...m, socket };
    };
    const createDrop = async (stock: number) => {
      const r = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Celadon cup', priceCents: 100_000, stock }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.drop as { id: string };
    };
    const dropOf = async (id: string) => (await api(base, 'GET', `/api/drops/${id}`)).body.drop;
    const me = async (token: string) => (await api(base, 'GET', '/api/me', undefined, token)).body;
    /** A member who bought a unit of a new drop (confirmed by the paid order). */
    const buyer = async (label: string, amountCents: number, stock = 1) => {
      const m = await member(label);
      const drop = await createDrop(stock);
      const claimed = await ask(m.socket, 'drop:claim', { dropId: drop.id, requestId: 'buy' });
      expect(claimed.ok, JSON.stringify(claimed)).toBe(true);
      const orderId = unique('order');
      const paid = await deliverOrder(base, { orderId, memberId: m.memberId, amountCents, currency: 'TWD', claimId: claimed.claim.id });
      expect(paid.body, JSON.stringify(paid.body)).toMatchObject({ ok: true, claim: { status: 'confirmed' } });
      return { ...m, drop, claimId: claimed.claim.id as string, orderId };
    };
    const reversals = async (token: string) => {
      await running.app.services.engine.flush();
      return (await fullLedger(base, token)).filter((e: LedgerEntry) => e.reason === 'purchase-reversal');
    };

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `refunds ${name}`);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('a refund lowers balance and tier, cancels the claim and returns the unit; replayed, it changes nothing', async () => {
      const b = await buyer('Refunded buyer', 600_00);
      expect(await me(b.token)).toMatchObject({ balance: 600, earned365: 600, tier: { id: 'gold' } });
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 0, confirmed: 1, status: 'sold-out' });

      const pointsPush = nextEvent(b.socket, 'points', (e) => e.reason === 'purchase-reversal');
      const tierPush = nextEvent(b.socket, 'tier');
      const claimPush = nextEvent(b.socket, 'claim', (e) => e.claim.id === b.claimId && e.claim.status === 'cancelled');
      const stockPush = nextEvent(b.socket, 'drop:stock', (e) => e.dropId === b.drop.id && e.remaining === 1);
      const refund = { refundId: unique('refund'), orderId: b.orderId };
      const first = await deliverRefund(base, refund);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toEqual({
        ok: true,
        refundId: refund.refundId,
        orderId: b.orderId,
        memberId: b.memberId,
        amountCents: 600_00,
        points: 600,
        pointsTaken: 600,
        shortfall: 0,
        claimStatus: 'cancelled',
        created: true,
      });
      expect(await pointsPush).toMatchObject({ balance: 0, delta: -600, earned365: 0 });
      expect(await tierPush).toMatchObject({ tier: { id: 'bronze' }, previous: { id: 'gold' }, earned365: 0 });
      await claimPush;
      await stockPush;
      expect(await me(b.token)).toMatchObject({ balance: 0, earned365: 0, tier: { id: 'bronze' } });
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 1, reserved: 0, confirmed: 0, status: 'open' });

      // The unit is for sale again: someone else takes it.
      const next = await member('Next in line');
      expect((await ask(next.socket, 'drop:claim', { dropId: b.drop.id, requestId: 'n' })).ok).toBe(true);

      // Redelivered, three times at once: the same answer, nothing moves.
      const again = await Promise.all([1, 2, 3].map(() => deliverRefund(base, refund)));
      for (const r of again) expect(r.body).toEqual({ ...first.body, created: false });
      expect(await me(b.token)).toMatchObject({ balance: 0, earned365: 0, tier: { id: 'bronze' } });
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 0, reserved: 1, confirmed: 0 });
      expect((await reversals(b.token)).map((e) => e.delta)).toEqual([-600]);
      await running.app.services.perks.flush();
      const claims = (await api(base, 'GET', '/api/me/claims', undefined, b.token)).body.claims;
      expect(claims).toEqual([expect.objectContaining({ id: b.claimId, status: 'cancelled' })]);
    });

    it('a partial refund takes back points in proportion; refunds never exceed the order', async () => {
      const b = await buyer('Partly refunded', 1_000_00);
      const orderId = b.orderId;
      const part = (amountCents?: number) => deliverRefund(base, { refundId: unique('part'), orderId, ...(amountCents === undefined ? {} : { amountCents }) });

      expect((await part(250_00)).body).toMatchObject({ amountCents: 250_00, points: 250, pointsTaken: 250, claimStatus: null });
      // 283.33 cents' worth in all rounds down to 283: this one takes 33.
      expect((await part(33_33)).body).toMatchObject({ amountCents: 33_33, points: 33, pointsTaken: 33, claimStatus: null });
      expect(await me(b.token)).toMatchObject({ balance: 717, earned365: 717, tier: { id: 'gold' } });
      // A partial refund keeps the sale.
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 0, confirmed: 1 });

      const tooMuch = await part(71_668);
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.error).toMatchObject({ code: 'VALIDATION', field: 'amountCents', leftCents: 71_667 });
      expect(await me(b.token)).toMatchObject({ balance: 717 });

      // The rest (amount omitted): exactly what is left of the points, and the sale is cancelled.
      expect((await part()).body).toMatchObject({ amountCents: 71_667, points: 717, pointsTaken: 717, claimStatus: 'cancelled' });
      expect(await me(b.token)).toMatchObject({ balance: 0, earned365: 0, tier: { id: 'bronze' } });
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 1, confirmed: 0 });
      expect((await reversals(b.token)).map((e) => e.delta).sort((x, y) => x - y)).toEqual([-717, -250, -33]);
      const nothingLeft = await part();
      expect(nothingLeft.body.error).toMatchObject({ code: 'VALIDATION', field: 'amountCents', leftCents: 0 });
    });

    it('a spent balance stays at zero and the shortfall is recorded with the refund', async () => {
      const b = await buyer('Big spender', 200_00);
      const lottery = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Kettle', prize: 'A kettle', winners: 1, entryCostPoints: 150, requireWatching: false }, host);
      expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);
      expect((await ask(b.socket, 'lottery:enter', { lotteryId: lottery.body.lottery.id })).ok).toBe(true);
      expect(await me(b.token)).toMatchObject({ balance: 50, earned365: 200, tier: { id: 'silver' } });

      const refund = { refundId: unique('spent'), orderId: b.orderId };
      const r = await deliverRefund(base, refund);
      expect(r.body).toMatchObject({ points: 200, pointsTaken: 50, shortfall: 150, claimStatus: 'cancelled' });
      expect(await me(b.token)).toMatchObject({ balance: 0, earned365: 0, tier: { id: 'bronze' } });
      expect((await reversals(b.token)).map((e) => e.delta)).toEqual([-50]);
      const stored = await running.app.services.store.refundById(refund.refundId);
      expect(stored).toMatchObject({ orderId: b.orderId, points: 200, settlement: { pointsTaken: 50, shortfall: 150, claimStatus: 'cancelled' } });
      // Points earned later are the member's: the shortfall is not collected from them.
      await deliverOrder(base, { orderId: unique('later'), memberId: b.memberId, amountCents: 30_00, currency: 'TWD' });
      expect(await me(b.token)).toMatchObject({ balance: 30 });
    });

    it('a forged or malformed refund webhook is refused and changes nothing', async () => {
      const b = await buyer('Careful buyer', 300_00);
      const before = await me(b.token);
      const valid = { refundId: unique('bad'), orderId: b.orderId };

      const forged = await deliverRefund(base, valid, 'not-the-shop-secret-0123456789abcdef');
      expect([forged.status, forged.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const unsigned = await fetch(`${base}/api/webhooks/refunds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid) });
      expect(unsigned.status).toBe(401);
      const malformed = await deliverRefund(base, '{"refundId": ');
      expect(malformed.body.error).toMatchObject({ code: 'VALIDATION', field: 'body' });
      for (const [body, field] of [
        [{ orderId: b.orderId }, 'refundId'],
        [{ ...valid, amountCents: -5 }, 'amountCents'],
        [{ ...valid, amountCents: 1.5 }, 'amountCents'],
        [{ ...valid, points: 10 }, undefined],
      ] as const) {
        const r = await deliverRefund(base, body);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION');
        if (field) expect(r.body.error.field).toBe(field);
      }
      const unknown = await deliverRefund(base, { ...valid, orderId: 'no-such-order' });
      expect([unknown.status, unknown.body.error.code, unknown.body.error.field]).toEqual([404, 'NOT_FOUND', 'orderId']);
      const tooMuch = await deliverRefund(base, { ...valid, amountCents: 300_01 });
      expect(tooMuch.body.error).toMatchObject({ code: 'VALIDATION', field: 'amountCents' });

      expect(await me(b.token)).toEqual(before);
      expect(await dropOf(b.drop.id)).toMatchObject({ remaining: 0, confirmed: 1 });
      expect(await reversals(b.token)).toEqual([]);
      expect(await running.app.services.store.refundById(valid.refundId)).toBeNull();
      // The same refundId, now well formed, is applied as new.
      expect((await deliverRefund(base, valid)).body).toMatchObject({ created: true, points: 300 });
    });

    it('the host releases a reservation: cancelled, its unit back; a paid claim is refunded, not released', async () => {
      const drop = await createDrop(1);
      const holder = await member('Holder');
      const other = await member('Other');
      const held = await ask(holder.socket, 'drop:claim', { dropId: drop.id, requestId: 'h' });
      expect((await ask(other.socket, 'drop:claim', { dropId: drop.id, requestId: 'o1' })).error.code).toBe('SOLD_OUT');

      expect((await api(base, 'POST', `/api/claims/${held.claim.id}/release`, undefined, holder.token)).status).toBe(403);
      expect(await dropOf(drop.id)).toMatchObject({ remaining: 0, reserved: 1 });

      const claimPush = nextEvent(holder.socket, 'claim', (e) => e.claim.id === held.claim.id);
      const stockPush = nextEvent(other.socket, 'drop:stock', (e) => e.dropId === drop.id && e.remaining === 1);
      const released = await api(base, 'POST', `/api/claims/${held.claim.id}/release`, undefined, host);
      expect(released.status, JSON.stringify(released.body)).toBe(200);
      expect(released.body.claim).toMatchObject({ id: held.claim.id, status: 'cancelled' });
      expect((await claimPush).claim.status).toBe('cancelled');
      await stockPush;
      expect(await dropOf(drop.id)).toMatchObject({ remaining: 1, reserved: 0, status: 'open' });
      // Released twice: the same answer, the unit is not returned twice.
      expect((await api(base, 'POST', `/api/claims/${held.claim.id}/release`, undefined, host)).body.claim).toEqual(released.body.claim);
      expect(await dropOf(drop.id)).toMatchObject({ remaining: 1 });

      const taken = await ask(other.socket, 'drop:claim', { dropId: drop.id, requestId: 'o2' });
      expect(taken.ok).toBe(true);
      expect((await api(base, 'POST', `/api/claims/${taken.claim.id}/confirm`, undefined, host)).body.claim.status).toBe('confirmed');
      const paid = await api(base, 'POST', `/api/claims/${taken.claim.id}/release`, undefined, host);
      expect([paid.status, paid.body.error.code, paid.body.error.field]).toEqual([409, 'CONFLICT', 'claimId']);
      expect(await dropOf(drop.id)).toMatchObject({ remaining: 0, confirmed: 1 });
      // A released claim cannot be paid afterwards.
      expect((await api(base, 'POST', `/api/claims/${held.claim.id}/confirm`, undefined, host)).body.error.code).toBe('CONFLICT');
      expect((await api(base, 'POST', '/api/claims/no-such-claim/release', undefined, host)).status).toBe(404);
    });
  });
}
