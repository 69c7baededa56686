/**
 * The overlay the seller configures, over real HTTP and sockets, written once
 * and run in every mode, each across a real restart of the app on the same
 * data (SQLite file, and the same Redis in Redis mode):
 * - the pinned drop: host-only, zod-checked route; a refusal changes nothing;
 *   a pin reaches the show's overlays at once, is in every snapshot, and is
 *   still there after a restart;
 * - "joined the show" is a member's first arrival in that show: a reconnect,
 *   a rejoin, a reconnect after a restart or after reaching Silver never
 *   announces anyone again, while a real newcomer after the restart still is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeEvent, OverlaySnapshot } from '../../shared/events.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { TestClock } from '../support/test-clock.ts';
import { api, ask, connect, deliverOrder, eventually, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.2, earlyAccessSeconds: 300, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 500, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
};

/** Starts the app on `dataDir` (Redis mode: the same Redis and prefix every time), with the shared clock. */
export type OverlayAppStarter = (dataDir: string, clock: TestClock) => Promise<RunningApp>;

export function overlayScenario(name: string, start: OverlayAppStarter): void {
  describe(`the overlay the seller configures (${name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `frontrow-overlay-${name}-`));
    const clock = new TestClock();
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    let otherStreamId: string;
    const sockets: Socket[] = [];
    let orderSeq = 0;

    const restart = async () => {
      for (const s of sockets.splice(0)) s.close();
      await running.stop();
      running = await start(dataDir, clock);
      base = running.url;
      host = await hostToken(base);
    };
    const createDrop = async (show: string, title: string) => {
      clock.advance(1000); // newest first needs distinct creation times
      const r = await api(base, 'POST', `/api/streams/${show}/drops`, { title, priceCents: 120000, stock: 5 }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.drop.id as string;
    };
    const pin = (dropId: unknown, token: string | null = host, show = streamId) =>
      api(base, 'PUT', `/api/streams/${show}/pinned-drop`, { dropId }, token ?? undefined);
    const pinnedNow = async () => (await api(base, 'GET', `/api/streams/${streamId}/pinned-drop`)).body.pinnedDropId;

    beforeAll(async () => {
      running = await start(dataDir, clock);
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `overlay ${name}`);
      otherStreamId = await liveShow(base, host, `other ${name}`);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('pins a drop: pushed to the overlays at once, in the snapshot, kept across a restart; unpinning clears it', async () => {
      const first = await createDrop(streamId, 'Pinned jade');
      const overlay = await namedSocket(base, host, streamId, sockets);
      const elsewhere = await namedSocket(base, host, otherStreamId, sockets);
      const heardElsewhere: unknown[] = [];
      elsewhere.on('drop:pin', (e) => heardElsewhere.push(e));
      const pushed = nextEvent(overlay, 'drop:pin');
      const r = await pin(first);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ pinnedDropId: first });
      expect(await pushed).toEqual({ streamId, dropId: first });

      // an overlay that names the show gets it in its snapshot; newer drops do not move the pin
      await createDrop(streamId, 'Newer tea');
      await createDrop(streamId, 'Newest cup');
      const named = await namedSnapshot(base, host, streamId, sockets);
      expect(named.pinnedDropId).toBe(first);
      expect(named.drops.map((d) => d.title)).toEqual(['Newest cup', 'Newer tea', 'Pinned jade']);
      expect(await pinnedNow()).toBe(first);
      expect(heardElsewhere).toEqual([]); // another show's overlay hears nothing of it

      await restart();
      expect((await namedSnapshot(base, host, streamId, sockets)).pinnedDropId).toBe(first);
      expect(await pinnedNow()).toBe(first);

      const listening = await namedSocket(base, host, streamId, sockets);
      const unpinned = nextEvent(listening, 'drop:pin');
      const cleared = await pin(null);
      expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
      expect(await unpinned).toEqual({ streamId, dropId: null });
      expect((await namedSnapshot(base, host, streamId, sockets)).pinnedDropId).toBeNull();
      expect(await pinnedNow()).toBeNull();
    }, 60_000);

    it('refuses what is not the host or not a drop of this show, with a code and the field, and changes nothing', async () => {
      const mine = await createDrop(streamId, 'Kept pinned');
      expect((await pin(mine)).status).toBe(200);
      const fan = await ssoMember(base, `${name}-pinner-${Math.random()}`, 'Pinner');
      const elsewhere = await createDrop(otherStreamId, 'Other show bowl');
      const closed = await createDrop(streamId, 'Closed vase');
      expect((await api(base, 'POST', `/api/drops/${closed}/close`, {}, host)).status).toBe(200);

      const cases: Array<[string, Promise<{ status: number; body: any }>, number, string, string | undefined]> = [
        ['no token', pin(mine, null), 401, 'UNAUTHENTICATED', undefined],
        ['a member', pin(mine, fan.token), 403, 'FORBIDDEN', undefined],
        ['a number', pin(5), 400, 'VALIDATION', 'dropId'],
        ['a bad id', pin('../etc'), 400, 'VALIDATION', 'dropId'],
        ['another show', pin(elsewhere), 400, 'VALIDATION', 'dropId'],
        ['unknown drop', pin('no-such-drop'), 404, 'NOT_FOUND', 'dropId'],
        ['closed drop', pin(closed), 400, 'VALIDATION', 'dropId'],
        ['unknown show', pin(mine, host, 'no-such-show'), 404, 'NOT_FOUND', undefined],
        ['extra field', api(base, 'PUT', `/api/streams/${streamId}/pinned-drop`, { dropId: mine, pinned: true }, host), 400, 'VALIDATION', undefined],
      ];
      for (const [label, reply, status, code, field] of cases) {
        const r = await reply;
        expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(status);
        expect(r.body.error?.code, label).toBe(code);
        if (field) expect(r.body.error?.field, label).toBe(field);
      }
      expect(await pinnedNow()).toBe(mine);
      expect((await namedSnapshot(base, host, streamId, sockets)).pinnedDropId).toBe(mine);
    }, 60_000);

    it('"joined the show" fires once per member and show: never for a rejoin, a reconnect after a restart, or after a tier-up', async () => {
      const show = await liveShow(base, host, `arrivals ${name}`);
      const makeSilver = async (memberId: string) => {
        const paid = await deliverOrder(base, { orderId: `arrival-${name}-${orderSeq++}`, memberId, amountCents: 15_000, currency: 'TWD' });
        expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      };
      const silver = await ssoMember(base, `${name}-silver-${Math.random()}`, 'Silvia');
      await makeSilver(silver.memberId);
      const bronze = await ssoMember(base, `${name}-bronze-${Math.random()}`, 'Bruno');

      const badges: BadgeEvent[] = [];
      const listen = async () => {
        const overlay = await namedSocket(base, host, show, sockets);
        overlay.on('badge', (b: BadgeEvent) => badges.push(b));
        return overlay;
      };
      const joinAs = async (token: string) => {
        const socket = await connect(base, '/live', { token });
        sockets.push(socket);
        const joined = await ask(socket, 'stream:join', { streamId: show });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        return socket;
      };
      const quietFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

      let overlay = await listen();
      const silverSocket = await joinAs(silver.token);
      await eventually(() => expect(badges.map((b) => [b.memberId, b.reason])).toEqual([[silver.memberId, 'joined']]));
      const bronzeSocket = await joinAs(bronze.token); // Bronze arrivals are not announced...
      // ...and leaving and coming back (a refresh, another tab) is no arrival
      silverSocket.close();
      await joinAs(silver.token);
      await joinAs(silver.token);
      // Bruno reaches Silver during the show, then reconnects: still not an arrival
      await makeSilver(bronze.memberId);
      bronzeSocket.close();
      await joinAs(bronze.token);
      await quietFor(500);
      expect(badges.map((b) => b.memberId)).toEqual([silver.memberId]);

      // a restart: presence starts empty, every reconnect is a "first connection" again
      clock.advance(3_600_000); // and long after the old per-member window
      await restart();
      overlay = await listen();
      await joinAs(silver.token);
      await joinAs(bronze.token);
      await quietFor(500);
      expect(badges.map((b) => b.memberId)).toEqual([silver.memberId]);

      // a real newcomer after the restart is still announced
      const newcomer = await ssoMember(base, `${name}-newcomer-${Math.random()}`, 'Nova');
      await makeSilver(newcomer.memberId);
      await joinAs(newcomer.token);
      await eventually(() => expect(badges.map((b) => b.memberId)).toEqual([silver.memberId, newcomer.memberId]));
      expect(overlay.connected).toBe(true);
    }, 90_000);
  });
}

/** An overlay that names its show in the handshake (it never switches), once it has its snapshot. */
async function namedSocket(base: string, token: string, streamId: string, sockets: Socket[]): Promise<Socket> {
  const socket = io(`${base}/overlay`, { auth: { token, streamId }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no overlay snapshot within 10 s')), 10_000);
    socket.once('snapshot', () => (clearTimeout(timer), resolve()));
  });
  return socket;
}

function namedSnapshot(base: string, token: string, streamId: string, sockets: Socket[]): Promise<OverlaySnapshot> {
  return new Promise((resolve, reject) => {
    const socket = io(`${base}/overlay`, { auth: { token, streamId }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const timer = setTimeout(() => reject(new Error('no overlay snapshot within 10 s')), 10_000);
    socket.once('snapshot', (s: OverlaySnapshot) => (clearTimeout(timer), resolve(s)));
  });
}
