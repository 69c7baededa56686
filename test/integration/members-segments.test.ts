/**
 * The member list and segments through the real server (issue 15), both
 * modes: four members whose histories put each in known segments (worked
 * out by hand from the script below), listed per built-in segment, by a
 * saved custom segment, searched, and downloaded as CSV holding exactly
 * the expected members.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRow } from '../../server/domain/insights/member-list.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { startAppIn, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T12:00:00+08:00');

describe.each(['embedded', 'redis'] as const)('members and segments (%s)', (mode) => {
  let running: RunningApp;
  let base: string;
  let host: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    running = await startAppIn(mode);
    running.clock.now = NOW - 200 * DAY;
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', { ...DEFAULT_RULES, purchase: { pointsPerUnit: 1, unitCents: 100 } }, host)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  const likeInAShow = async (token: string) => {
    const streamId = await liveShow(base, host, `show ${running.clock.now}`);
    const s = await connect(base, '/live', { token });
    sockets.push(s);
    await ask(s, 'stream:join', { streamId });
    expect((await ask(s, 'interact', { streamId, kind: 'like', requestId: `l${running.clock.now}` })).ok).toBe(true);
    s.close();
    await api(base, 'POST', `/api/streams/${streamId}/end`, {}, host);
  };
  const order = (memberId: string, cents: number) => deliverOrder(base, { orderId: `${mode}-${memberId}-${running.clock.now}`, memberId, amountCents: cents, currency: 'TWD' });

  it('puts each member in the segments their history says, lists and exports them', async () => {
    // 200 days ago: three accounts. O likes 100 days ago (then nothing): lapsed. R orders 45 days ago: at risk.
    // A orders 100 and 2 days ago: active, the bigger spender. N joins 5 days ago and likes: new, active.
    const [o, r, a] = [await ssoMember(base, `${mode}-o`, 'Olive'), await ssoMember(base, `${mode}-r`, 'Rita'), await ssoMember(base, `${mode}-a`, 'Amy')];
    running.clock.now = NOW - 100 * DAY;
    await likeInAShow(o.token);
    await order(a.memberId, 30_000);
    running.clock.now = NOW - 45 * DAY;
    await order(r.memberId, 10_000);
    running.clock.now = NOW - 5 * DAY;
    const n = await ssoMember(base, `${mode}-n`, 'Nina');
    await likeInAShow(n.token);
    running.clock.now = NOW - 2 * DAY;
    await order(a.memberId, 50_000);
    running.clock.now = NOW;

    const list = async (query: string) => {
      const reply = await api(base, 'GET', `/api/members?${query}`, undefined, host);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body as { total: number; members: MemberRow[] };
    };
    const names = async (query: string) => (await list(query)).members.map((m) => m.displayName);
    expect(await names('segment=lapsed')).toEqual(['Olive']);
    expect(await names('segment=at-risk')).toEqual(['Rita']);
    expect(await names('segment=active')).toEqual(['Amy', 'Nina']);
    expect(await names('segment=big-spenders')).toEqual(['Amy']);
    expect(await names('segment=never-bought&sort=name')).toEqual(['Nina', 'Olive']);
    expect(await names('segment=new')).toEqual(['Nina']);
    expect(await names('search=RIT')).toEqual(['Rita']);
    const amy = (await list('segment=active')).members[0]!;
    expect(amy).toMatchObject({ orders: { count: 2, totalCents: 80_000, lastAt: NOW - 2 * DAY }, scores: { monetary: 5, frequency: 5, recency: 5 }, segments: ['active', 'big-spenders'] });
    const page = await list('sort=joined&limit=2&offset=1');
    expect(page.total).toBe(4);
    expect(page.members.map((m) => m.displayName)).toHaveLength(2);

    const saved = await api(base, 'POST', '/api/segments', { name: 'Buyers', filter: { minOrders: 1 } }, host);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(await names(`segment=${saved.body.segment.id}&sort=name`)).toEqual(['Amy', 'Rita']);
    expect((await api(base, 'GET', '/api/segments', undefined, host)).body.saved.map((s: { name: string }) => s.name)).toEqual(['Buyers']);
    expect((await api(base, 'POST', '/api/segments', { name: 'x', filter: { segments: ['whales'] } }, host)).status).toBe(400);
    expect((await api(base, 'GET', '/api/members?segment=no-such', undefined, host)).status).toBe(404);

    const csv = await fetch(`${base}/api/members?segment=active&format=csv`, { headers: { authorization: `Bearer ${host}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // Every cell is quoted (domain/csv.ts); no value here holds a comma or a quote.
    const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
    expect(rows[0]).toEqual(['memberId', 'displayName', 'tier', 'joinedAt', 'lastActiveAt', 'orders', 'spendCents', 'lastOrderAt', 'recency', 'frequency', 'monetary', 'engagement', 'superFan', 'segments']);
    expect(rows.slice(1).map((cells) => cells.slice(0, 2))).toEqual([
      [a.memberId, 'Amy'],
      [n.memberId, 'Nina'],
    ]);
    expect((await api(base, 'GET', '/api/members', undefined, o.token)).status).toBe(403);
  }, 120_000);
});
