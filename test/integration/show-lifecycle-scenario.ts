/**
 * The show lifecycle (issue 11), over real sockets and written once for every
 * mode: ending a show is refused while a lottery is open and closes its
 * drops; afterwards claims and entries on the show answer CLOSED while an
 * existing reservation can still be confirmed; cancelling a lottery closes it
 * without winners and refunds each paid entry exactly once, however often
 * the cancel is retried.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, eventually, fullLedger, hostToken, liveShow, nextEvent, pointedMember } from '../support/clients.ts';

/** One point per NT$1 paid, so a seed order gives a member an exact balance. */
const RULES: Rules = { ...DEFAULT_RULES, purchase: { pointsPerUnit: 1, unitCents: 100 } };

export function showLifecycleScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`show lifecycle (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    const sockets: Socket[] = [];
    let seq = 0;

    const member = (label: string, points = 0) =>
      pointedMember(base, { scope: name, label, points, orderId: `lifecycle-${name}-${seq++}`, sockets });
    const post = async (path: string, body?: unknown, token = host) => api(base, 'POST', path, body, token);
    const lottery = async (streamId: string, body: Record<string, unknown>) => {
      const r = await post(`/api/streams/${streamId}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 1, requireWatching: false, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.lottery;
    };
    const drop = async (streamId: string, body: Record<string, unknown> = {}) => {
      const r = await post(`/api/streams/${streamId}/drops`, { title: 'Jade bracelet', priceCents: 120000, stock: 5, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.drop;
    };

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('refuses to end a show while a lottery is open, naming the ones left; ends it once each is drawn or cancelled', async () => {
      const showId = await liveShow(base, host, `lifecycle ${name}`);
      const toDraw = await lottery(showId, { title: 'Draw me' });
      const toCancel = await lottery(showId, { title: 'Cancel me' });
      const refused = await post(`/api/streams/${showId}/end`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'LOTTERIES_OPEN', field: 'streamId' });
      expect(refused.body.error.lotteries).toEqual(
        expect.arrayContaining([
          { id: toDraw.id, title: 'Draw me' },
          { id: toCancel.id, title: 'Cancel me' },
        ]),
      );
      expect((await api(base, 'GET', `/api/streams/${showId}`)).body.stream.status).toBe('live');

      expect((await post(`/api/lotteries/${toDraw.id}/draw`)).status).toBe(200);
      const stillOne = await post(`/api/streams/${showId}/end`);
      expect(stillOne.body.error).toMatchObject({ code: 'LOTTERIES_OPEN', lotteries: [{ id: toCancel.id, title: 'Cancel me' }] });

      expect((await post(`/api/lotteries/${toCancel.id}/cancel`)).body.lottery).toMatchObject({ status: 'cancelled', winnerList: null });
      const ended = await post(`/api/streams/${showId}/end`);
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      expect(ended.body.stream.status).toBe('ended');
      expect((await post(`/api/streams/${showId}/end`)).body.error.code).toBe('CONFLICT');
    });

    it('after the end, claims and entries answer CLOSED, its drops are closed, and a reservation stays payable', async () => {
      const showId = await liveShow(base, host, `ending ${name}`);
      const selling = await drop(showId);
      const untouched = await drop(showId, { title: 'Silk scarf' });
      const buyer = await member('Buyer');
      const late = await member('Latecomer');
      const reserved = await ask(buyer.socket, 'drop:claim', { dropId: selling.id, requestId: 'before-end' });
      expect(reserved.ok, JSON.stringify(reserved)).toBe(true);
      const drawn = await lottery(showId, { title: 'Drawn before the end' });
      expect((await ask(late.socket, 'lottery:enter', { lotteryId: drawn.id })).ok).toBe(true);
      expect((await post(`/api/lotteries/${drawn.id}/draw`)).status).toBe(200);

      // The room hears each drop close (DropService.close), before the show's end.
      const watcher = await connect(base, '/live');
      sockets.push(watcher);
      expect((await ask(watcher, 'stream:join', { streamId: showId })).ok).toBe(true);
      const closedPush = nextEvent(watcher, 'drop', (e) => e.drop.id === untouched.id && e.drop.status === 'closed');
      expect((await post(`/api/streams/${showId}/end`)).status).toBe(200);
      await closedPush;

      for (const d of [selling, untouched]) {
        expect((await api(base, 'GET', `/api/drops/${d.id}`)).body.drop).toMatchObject({ status: 'closed', closedAt: expect.any(Number) });
      }
      expect((await ask(late.socket, 'drop:claim', { dropId: untouched.id, requestId: 'after-end' })).error).toMatchObject({ code: 'CLOSED', field: 'dropId' });
      // Even the replay of the claim made before the end: the show sells nothing now.
      expect((await ask(buyer.socket, 'drop:claim', { dropId: selling.id, requestId: 'before-end' })).error.code).toBe('CLOSED');
      expect((await ask(late.socket, 'lottery:enter', { lotteryId: drawn.id })).error).toMatchObject({ code: 'CLOSED', field: 'lotteryId' });
      expect((await ask(buyer.socket, 'lottery:enter', { lotteryId: drawn.id })).error.code).toBe('CLOSED');

      // The buyer's reservation is still payable until it lapses.
      const confirmed = await post(`/api/claims/${reserved.claim.id}/confirm`);
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.claim.status).toBe('confirmed');
      expect((await api(base, 'GET', `/api/drops/${selling.id}`)).body.drop).toMatchObject({ confirmed: 1, remaining: 4 });
    });

    it('cancelling a lottery closes it without winners and refunds each paid entry exactly once, however often it is retried', async () => {
      const showId = await liveShow(base, host, `cancel ${name}`);
      const paid = await lottery(showId, { title: 'Paid', entryCostPoints: 30 });
      const a = await member('Entrant A', 100);
      const b = await member('Entrant B', 100);
      const bystander = await member('Bystander', 100);
      for (const m of [a, b]) expect((await ask(m.socket, 'lottery:enter', { lotteryId: paid.id })).ok).toBe(true);
      for (const m of [a, b]) expect(await balanceOf(base, m.token)).toBe(70);
      const earnedBefore = (await api(base, 'GET', '/api/me', undefined, a.token)).body.earned365;

      const pushed = nextEvent(a.socket, 'points', (p) => p.reason === 'lottery-refund');
      const cancelled = await post(`/api/lotteries/${paid.id}/cancel`);
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.lottery).toMatchObject({ status: 'cancelled', winnerList: null, drawnAt: null, cancelledAt: expect.any(Number), entries: 2 });
      expect(await pushed).toMatchObject({ delta: 30, balance: 100 });
      // A retried cancel (the host's double click, a timeout) answers the same and refunds nothing again.
      expect((await post(`/api/lotteries/${paid.id}/cancel`)).body.lottery.status).toBe('cancelled');

      for (const m of [a, b]) expect(await balanceOf(base, m.token)).toBe(100);
      expect(await balanceOf(base, bystander.token)).toBe(100);
      // Refunds give back what was spent; they earn nothing towards a tier.
      expect((await api(base, 'GET', '/api/me', undefined, a.token)).body.earned365).toBe(earnedBefore);
      for (const m of [a, b]) {
        const refunds = await eventually(async () => {
          const rows = (await fullLedger(base, m.token)).filter((e) => e.reason === 'lottery-refund');
          expect(rows).toHaveLength(1);
          return rows;
        });
        expect(refunds[0]).toMatchObject({ delta: 30, streamId: showId });
      }

      expect((await post(`/api/lotteries/${paid.id}/draw`)).body.error.code).toBe('CONFLICT');
      expect((await ask(bystander.socket, 'lottery:enter', { lotteryId: paid.id })).error.code).toBe('CLOSED');
      expect((await api(base, 'GET', `/api/lotteries/${paid.id}`)).body.lottery.status).toBe('cancelled');
    });

    it('refuses to cancel a drawn lottery, and lets only the host cancel', async () => {
      const showId = await liveShow(base, host, `cancel rules ${name}`);
      const lot = await lottery(showId, {});
      const m = await member('Pretender');
      expect((await post(`/api/lotteries/${lot.id}/cancel`, undefined, m.token)).status).toBe(403);
      expect((await post(`/api/lotteries/${lot.id}/draw`)).status).toBe(200);
      const refused = await post(`/api/lotteries/${lot.id}/cancel`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      expect((await api(base, 'GET', `/api/lotteries/${lot.id}`)).body.lottery.status).toBe('drawn');
    });
  });
}
