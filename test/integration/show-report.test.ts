/**
 * A show's report through the real server (issue 15), in both modes, on a
 * scripted show with a hand-moved clock. Every figure is worked out here
 * from the script — who watched how long, who liked, commented and checked
 * in, which guest signed up, which claim was paid, which order came when —
 * and the report must say exactly that, including which orders it
 * attributes (the rules' attribution: at least 10 minutes watched, ordered
 * within 72 hours — then loosened) and the change from the show before.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowReport } from '../../shared/insights.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startAppIn, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, eventually, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const RULES: Rules = { ...DEFAULT_RULES, purchase: { pointsPerUnit: 1, unitCents: 100 } };
const BEAT_MS = RULES.watch.heartbeatSeconds * 1000;
const HOUR = 3_600_000;

describe.each(['embedded', 'redis'] as const)("a show's report (%s)", (mode) => {
  let running: RunningApp;
  let base: string;
  let host: string;
  const sockets: Socket[] = [];

  const open = async (auth: Record<string, string> = {}) => {
    const s = await connect(base, '/live', auth);
    sockets.push(s);
    return s;
  };
  const ok = async (socket: Socket, event: string, payload: unknown) => {
    const reply = await ask(socket, event, payload);
    expect(reply.ok, `${event}: ${JSON.stringify(reply)}`).toBe(true);
    return reply;
  };
  const member = async (label: string) => ssoMember(base, `${mode}-${label}-${Math.random()}`, label);
  const report = async (streamId: string) => (await api(base, 'GET', `/api/streams/${streamId}/report`, undefined, host)).body.report as ShowReport;

  beforeAll(async () => {
    running = await startAppIn(mode);
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  it('every figure as the script makes it, the orders attributed by the rule, the change from the show before', async () => {
    // The show before: one member who likes twice.
    const earlier = await liveShow(base, host, `before ${mode}`);
    const m0 = await member('M0');
    const s0 = await open({ token: m0.token });
    await ok(s0, 'stream:join', { streamId: earlier });
    for (const r of ['e1', 'e2']) await ok(s0, 'interact', { streamId: earlier, kind: 'like', requestId: r });
    expect((await api(base, 'POST', `/api/streams/${earlier}/end`, {}, host)).status).toBe(200);
    s0.close();
    running.clock.advance(HOUR);

    const [a, b] = [await member('A'), await member('B')];
    running.clock.advance(1000);
    const streamId = await liveShow(base, host, `report ${mode}`);
    running.clock.advance(1000);
    const n = await member('N'); // signs up during the show
    const [sa, sb, sn, g1, g2] = [await open({ token: a.token }), await open({ token: b.token }), await open({ token: n.token }), await open(), await open()];
    for (const s of [sa, sb, sn, g1, g2]) await ok(s, 'stream:join', { streamId });
    const u = await member('U'); // the second guest signs up
    await ok(g2, 'session:upgrade', { token: u.token });

    // Watching: A for 12 minutes, B for the first 3.
    await ok(sa, 'watch:heartbeat', { streamId, visible: true, playing: true });
    await ok(sb, 'watch:heartbeat', { streamId, visible: true, playing: true });
    for (let i = 1; i <= 48; i++) {
      running.clock.advance(BEAT_MS);
      await ok(sa, 'watch:heartbeat', { streamId, visible: true, playing: true });
      if (i <= 12) await ok(sb, 'watch:heartbeat', { streamId, visible: true, playing: true });
    }
    await ok(sa, 'interact', { streamId, kind: 'checkin' });
    for (const r of ['a1', 'a2', 'a3']) await ok(sa, 'interact', { streamId, kind: 'like', requestId: r });
    await ok(sa, 'interact', { streamId, kind: 'like', requestId: 'a3' }); // a replay: not a fourth like
    await ok(sn, 'interact', { streamId, kind: 'like', requestId: 'n1' });
    for (const r of ['b1', 'b2']) await ok(sb, 'interact', { streamId, kind: 'comment', text: `hello ${r}`, requestId: r });

    // A drop: A claims and pays, B claims and does not. A lottery both enter.
    const drop = (await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Jade', priceCents: 120_000, memberPriceCents: 100_000, stock: 5 }, host)).body.drop;
    const lottery = (await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea', prize: 'A tea set', winners: 1, requireWatching: false }, host)).body.lottery;
    const claimA = (await ok(sa, 'drop:claim', { dropId: drop.id, requestId: 'c' })).claim;
    await ok(sb, 'drop:claim', { dropId: drop.id, requestId: 'c' });
    for (const s of [sa, sb]) await ok(s, 'lottery:enter', { lotteryId: lottery.id });
    expect((await deliverOrder(base, { orderId: `${mode}-claim-${Math.random()}`, memberId: a.memberId, amountCents: 100_000, currency: 'TWD', claimId: claimA.id })).status).toBe(200);
    running.clock.advance(60_000);
    expect((await api(base, 'POST', `/api/lotteries/${lottery.id}/draw`, undefined, host)).status).toBe(200);
    expect((await api(base, 'POST', `/api/streams/${streamId}/end`, {}, host)).status).toBe(200);

    // After the show: A orders within 72 h (attributed), B too but watched only 3 minutes (not), A again after 73 h (not).
    running.clock.advance(HOUR);
    await deliverOrder(base, { orderId: `${mode}-a1-${Math.random()}`, memberId: a.memberId, amountCents: 30_000, currency: 'TWD' });
    await deliverOrder(base, { orderId: `${mode}-b1-${Math.random()}`, memberId: b.memberId, amountCents: 55_000, currency: 'TWD' });
    running.clock.advance(72 * HOUR);
    await deliverOrder(base, { orderId: `${mode}-a2-${Math.random()}`, memberId: a.memberId, amountCents: 77_000, currency: 'TWD' });

    const revenue = 100_000 + 30_000;
    await eventually(async () => expect((await report(streamId)).drops).toEqual({ claims: 2, paid: 1, revenueCents: 100_000 }));
    const got = await report(streamId);
    expect(got).toEqual({
      streamId,
      viewers: { total: 5, peak: 5 },
      members: 4,
      newMembers: 2,
      guests: 2,
      guestsConverted: 1,
      conversionRate: 0.5,
      watchMinutes: 15,
      averageWatchMinutes: 7.5,
      checkins: 1,
      likes: 4,
      comments: 2,
      drops: { claims: 2, paid: 1, revenueCents: 100_000 },
      lotteryEntries: 2,
      orders: { count: 2, revenueCents: revenue },
      revenuePerViewerMinute: revenue / 15,
      change: expect.objectContaining({ 'viewers.total': 4, members: 3, likes: 2, comments: 2, watchMinutes: 15, 'orders.count': 2, lotteryEntries: 2 }),
    });
    const before = await report(earlier);
    expect(before).toMatchObject({ viewers: { total: 1, peak: 1 }, members: 1, likes: 2, watchMinutes: 0, orders: { count: 0, revenueCents: 0 }, change: null });
    expect((await api(base, 'GET', `/api/streams/${streamId}/report`, undefined, a.token)).status).toBe(403);

    // The rules' attribution, loosened: B's 3 minutes count, and so does A's order 73 hours on.
    expect((await api(base, 'PUT', '/api/rules', { ...RULES, attribution: { minWatchMinutes: 2, windowHours: 80 } }, host)).status).toBe(200);
    expect((await report(streamId)).orders).toEqual({ count: 4, revenueCents: 100_000 + 30_000 + 55_000 + 77_000 });
  }, 120_000);
});
