/**
 * Checkout links and the seller's fulfilment desk over real HTTP and sockets,
 * written once and run in every mode: a claim's filled checkout link, the host
 * confirming by the buyer's reference, the shop's webhook naming that
 * reference, the claim list and its CSV, the lottery winners' CSV, and the
 * bad inputs each refused with their field and nothing changed.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, deliverOrder, eventually, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

/** Rows of our CSV (every cell quoted, CRLF) back into strings; a BOM in front is the export's, not the data's. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

export function checkoutScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`checkout links and fulfilment (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    const sockets: Socket[] = [];

    const member = async (customerId: string, displayName: string) => {
      const m = await ssoMember(base, customerId, displayName);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      return { ...m, customerId, socket };
    };
    const createDrop = async (body: Record<string, unknown>) => {
      const r = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Jade bracelet', priceCents: 120000, stock: 5, ...body }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.drop;
    };
    const claim = async (socket: Socket, dropId: string, requestId = 'r1') => {
      running.clock.now += 1000; // each claim its own createdAt: lists are newest first
      const answer = await ask(socket, 'drop:claim', { dropId, requestId });
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
      return answer.claim;
    };

    /** The member's claim from GET /api/me/claims: the store's copy, which in Redis mode the outbox brings a moment after the ack. */
    const myClaim = (token: string, claimId: string) =>
      eventually(async () => {
        const found = (await api(base, 'GET', '/api/me/claims', undefined, token)).body.claims.find((x: { id: string }) => x.id === claimId);
        if (!found) throw new Error(`claim ${claimId} not in GET /api/me/claims yet`);
        return found;
      });

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      streamId = await liveShow(base, host, `checkout ${name}`);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('fills the checkout link for each claim, URL-encoded, in the claim ack and in GET /api/me/claims', async () => {
      const drop = await createDrop({
        memberPriceCents: 99900,
        checkoutUrl: 'https://shop.test/pay?ref={ref}&customer={externalId}&amount={priceCents}&cur={currency}&drop={dropId}&c={claimId}&m={memberId}',
        paymentInstructions: 'Pay at the shop',
      });
      expect(drop).toMatchObject({ checkoutUrl: expect.stringContaining('{ref}'), paymentInstructions: 'Pay at the shop' });
      const buyer = await member(`${name} cust&id=1/ä ${Math.random()}`, 'Buyer');
      const c = await claim(buyer.socket, drop.id);
      expect(c.checkoutRef).toMatch(/^FR-[A-Z0-9]{10}$/);
      const url = new URL(c.checkoutUrl);
      expect(`${url.origin}${url.pathname}`).toBe('https://shop.test/pay');
      // Each value is one query value, whatever it holds (& = / and non-ASCII in the shop id included).
      expect(Object.fromEntries(url.searchParams)).toEqual({
        ref: c.checkoutRef,
        customer: buyer.customerId,
        amount: '99900',
        cur: 'TWD',
        drop: drop.id,
        c: c.id,
        m: buyer.memberId,
      });
      expect(c.paymentInstructions).toBe('Pay at the shop');
      // The whole claim record, with the same link and instructions as the ack.
      expect(await myClaim(buyer.token, c.id)).toEqual({ ...c, memberId: buyer.memberId, requestId: 'r1', createdAt: expect.any(Number), updatedAt: expect.any(Number) });
    });

    it('without a template the claim carries no link, only the seller’s instructions', async () => {
      const drop = await createDrop({ paymentInstructions: 'Transfer to 012-345, note your reference' });
      const buyer = await member(`${name}-plain-${Math.random()}`, 'Plain buyer');
      const c = await claim(buyer.socket, drop.id);
      expect(c).toMatchObject({ checkoutUrl: null, paymentInstructions: 'Transfer to 012-345, note your reference', status: 'reserved' });
    });

    it('the host confirms a reservation found by its checkout reference, at once, and the member’s tabs hear it', async () => {
      const drop = await createDrop({ checkoutUrl: 'https://shop.test/p/{ref}' });
      const buyer = await member(`${name}-ref-${Math.random()}`, 'Ref buyer');
      const secondTab = await connect(base, '/live', { token: buyer.token });
      sockets.push(secondTab);
      const c = await claim(buyer.socket, drop.id);
      const pushed = Promise.all([buyer.socket, secondTab].map((s) => nextEvent(s, 'claim', (e) => e.claim.id === c.id && e.claim.status === 'confirmed')));
      // Right after the claim (in Redis mode the store may not hold it yet), typed the way a buyer reads it out.
      const confirmed = await api(base, 'POST', '/api/claims/confirm', { checkoutRef: `  ${c.checkoutRef.toLowerCase()} ` }, host);
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.claim).toMatchObject({ id: c.id, status: 'confirmed', checkoutRef: c.checkoutRef });
      for (const e of await pushed) expect(e).toMatchObject({ streamId, claim: { id: c.id, status: 'confirmed' } });
      expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop).toMatchObject({ reserved: 0, confirmed: 1 });
      // Confirming again answers the same confirmed claim.
      expect((await api(base, 'POST', '/api/claims/confirm', { checkoutRef: c.checkoutRef }, host)).body.claim.status).toBe('confirmed');

      const unknown = await api(base, 'POST', '/api/claims/confirm', { checkoutRef: 'FR-NOSUCHREF0' }, host);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'checkoutRef' });
      const byMember = await api(base, 'POST', '/api/claims/confirm', { checkoutRef: c.checkoutRef }, buyer.token);
      expect(byMember.status).toBe(403);
      const malformed = await api(base, 'POST', '/api/claims/confirm', { checkoutRef: 'FR <script>' }, host);
      expect(malformed.body.error).toMatchObject({ code: 'VALIDATION', field: 'checkoutRef' });
    });

    it('the shop’s order webhook naming a checkoutRef confirms that claim and pays its points', async () => {
      const drop = await createDrop({});
      const buyer = await member(`${name}-hook-${Math.random()}`, 'Hook buyer');
      const c = await claim(buyer.socket, drop.id);
      const before = await balanceOf(base, buyer.token);
      const order = { orderId: `order-ref-${name}-${Math.random()}`, externalId: buyer.customerId, amountCents: 120000, currency: 'TWD', checkoutRef: c.checkoutRef };
      const paid = await deliverOrder(base, order);
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      expect(paid.body).toMatchObject({ ok: true, memberId: buyer.memberId, claim: { id: c.id, status: 'confirmed' } });
      expect(await balanceOf(base, buyer.token)).toBeGreaterThan(before);
      // Someone else's shop id cannot settle this member's reservation by its reference.
      const stranger = await deliverOrder(base, { ...order, orderId: `${order.orderId}-x`, externalId: `${name}-nobody` });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error).toMatchObject({ code: 'VALIDATION', field: 'checkoutRef' });
    });

    it('lists a drop’s claims for the seller, searchable by reference and name, and exports them as guarded CSV', async () => {
      const drop = await createDrop({ title: 'Export drop' });
      const plain = await member(`${name}-csv-a-${Math.random()}`, 'Lee, "Kim"');
      const sly = await member(`${name}-csv-b-${Math.random()}`, '=HYPERLINK("http://evil.test")');
      const a = await claim(plain.socket, drop.id);
      const b = await claim(sly.socket, drop.id);
      await api(base, 'POST', `/api/claims/${a.id}/confirm`, undefined, host);

      const list = await api(base, 'GET', `/api/drops/${drop.id}/claims`, undefined, host);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      expect(list.body.claims).toEqual([
        expect.objectContaining({ claimId: b.id, memberId: sly.memberId, displayName: '=HYPERLINK("http://evil.test")', externalId: sly.customerId, checkoutRef: b.checkoutRef, status: 'reserved', expiresAt: b.expiresAt }),
        expect.objectContaining({ claimId: a.id, memberId: plain.memberId, displayName: 'Lee, "Kim"', externalId: plain.customerId, checkoutRef: a.checkoutRef, status: 'confirmed' }),
      ]);
      const byRef = await api(base, 'GET', `/api/drops/${drop.id}/claims?q=${a.checkoutRef.slice(3, 9).toLowerCase()}`, undefined, host);
      expect(byRef.body.claims.map((r: { claimId: string }) => r.claimId)).toEqual([a.id]);
      const byName = await api(base, 'GET', `/api/drops/${drop.id}/claims?q=hyperlink`, undefined, host);
      expect(byName.body.claims.map((r: { claimId: string }) => r.claimId)).toEqual([b.id]);
      expect((await api(base, 'GET', `/api/drops/${drop.id}/claims`, undefined, plain.token)).status).toBe(403);
      expect((await api(base, 'GET', `/api/drops/${drop.id}/claims?q=a&x=1`, undefined, host)).body.error).toMatchObject({ code: 'VALIDATION', field: 'x' });

      const res = await fetch(`${base}/api/drops/${drop.id}/claims.csv`, { headers: { authorization: `Bearer ${host}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="claims-.+\.csv"/);
      const text = await res.text();
      // Every cell quoted, quotes doubled, the formula defused with a leading apostrophe.
      expect(text).toContain('"Lee, ""Kim"""');
      expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(['checkout_ref', 'status', 'display_name', 'handle', 'shop_customer_id', 'member_id', 'claim_id', 'created_at', 'expires_at']);
      expect(rows.slice(1)).toEqual([
        [b.checkoutRef, 'reserved', `'=HYPERLINK("http://evil.test")`, '', sly.customerId, sly.memberId, b.id, expect.any(String), new Date(b.expiresAt).toISOString()],
        [a.checkoutRef, 'confirmed', 'Lee, "Kim"', '', plain.customerId, plain.memberId, a.id, expect.any(String), new Date(a.expiresAt).toISOString()],
      ]);
      expect((await fetch(`${base}/api/drops/${drop.id}/claims.csv`)).status).toBe(401);
    });

    it('exports a drawn lottery’s winners as CSV, and nothing before the draw', async () => {
      const created = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea set', prize: '+1 tea set', winners: 2, requireWatching: false }, host);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const lottery = created.body.lottery;
      const fans = [await member(`${name}-lot-a-${Math.random()}`, '@fan'), await member(`${name}-lot-b-${Math.random()}`, 'Plain fan')];
      for (const f of fans) expect((await ask(f.socket, 'lottery:enter', { lotteryId: lottery.id })).ok).toBe(true);
      const early = await api(base, 'GET', `/api/lotteries/${lottery.id}/winners.csv`, undefined, host);
      expect(early.body.error).toMatchObject({ code: 'NOT_READY', field: 'lotteryId' });
      const drawn = await api(base, 'POST', `/api/lotteries/${lottery.id}/draw`, undefined, host);
      expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
      const res = await fetch(`${base}/api/lotteries/${lottery.id}/winners.csv`, { headers: { authorization: `Bearer ${host}` } });
      expect(res.status).toBe(200);
      const rows = parseCsv(await res.text());
      expect(rows[0]).toEqual(['prize_no', 'role', 'display_name', 'handle', 'shop_customer_id', 'member_id', 'claim_status', 'claim_by', 'claimed_at', 'lottery', 'prize', 'drawn_at']);
      const byMember = new Map(fans.map((f) => [f.memberId, f]));
      expect(rows.slice(1).map((r) => r[5])).toEqual(drawn.body.proof.winners);
      const drawnAt = drawn.body.lottery.drawnAt as number;
      for (const [i, r] of rows.slice(1).entries()) {
        const f = byMember.get(r[5]!)!;
        const name = f.memberId === fans[0]!.memberId ? "'@fan" : 'Plain fan';
        // Nobody has claimed yet: each winner holds their prize until the default 48 h window closes.
        const claimBy = new Date(drawnAt + 48 * 3_600_000).toISOString();
        expect(r).toEqual([String(i + 1), 'winner', name, '', f.customerId, f.memberId, 'pending', claimBy, '', 'Tea set', "'+1 tea set", new Date(drawnAt).toISOString()]);
      }
      // The first winner claims in the room: the export says so, with the time.
      const first = fans.find((f) => f.memberId === drawn.body.proof.winners[0])!;
      expect((await ask(first.socket, 'lottery:claim', { lotteryId: lottery.id })).prize).toMatchObject({ status: 'claimed' });
      const after = parseCsv(await (await fetch(`${base}/api/lotteries/${lottery.id}/winners.csv`, { headers: { authorization: `Bearer ${host}` } })).text());
      expect(after[1]!.slice(5, 7)).toEqual([first.memberId, 'claimed']);
      expect(after[1]![8]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect((await api(base, 'GET', `/api/lotteries/${lottery.id}/winners.csv`, undefined, fans[0]!.token)).status).toBe(403);
    });

    it('refuses bad input with its field and changes nothing', async () => {
      const drops = async () => (await api(base, 'GET', `/api/streams/${streamId}/drops`)).body.drops.length;
      const count = await drops();
      for (const [checkoutUrl, hint] of [
        ['https://shop.test/pay?ref={reference}', /unknown placeholder \{reference\}/],
        ['javascript:alert(1)//{ref}', /http/],
        ['{ref}://shop.test', /http/],
        ['data:text/html,hi', /http/],
      ] as const) {
        const r = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Bad', priceCents: 100, stock: 1, checkoutUrl }, host);
        expect(r.status, checkoutUrl).toBe(400);
        expect(r.body.error).toMatchObject({ code: 'VALIDATION', field: 'checkoutUrl' });
        expect(r.body.error.message).toMatch(hint);
      }
      expect(await drops()).toBe(count);

      const drop = await createDrop({});
      const buyer = await member(`${name}-both-${Math.random()}`, 'Both');
      const c = await claim(buyer.socket, drop.id);
      const before = await balanceOf(base, buyer.token);
      const both = await deliverOrder(base, { orderId: `both-${name}`, memberId: buyer.memberId, amountCents: 5000, currency: 'TWD', claimId: c.id, checkoutRef: c.checkoutRef });
      expect(both.status).toBe(400);
      expect(both.body.error).toMatchObject({ code: 'VALIDATION', field: 'checkoutRef' });
      expect(await balanceOf(base, buyer.token)).toBe(before);
      expect((await myClaim(buyer.token, c.id)).status).toBe('reserved');
    });
  });
}
