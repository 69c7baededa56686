/**
 * The programme's KPIs through the real server (issue 15), both modes: two
 * weeks of a scripted programme (likes, check-ins, comments, orders, a
 * redemption) in Asia/Taipei; `GET /api/insights/kpis` — from the insights
 * worker's facts, built at the first request and brought up to date before
 * the next — must give exactly the rows the reference formulas (kpis.ts,
 * tested by hand in test/unit/insights-rules.test.ts) give over the same
 * history, read here
 * through the members' own ledgers and redemptions and the orders the test
 * delivered.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiRows } from '../../server/domain/insights/kpis.ts';
import type { KpiRow } from '../../shared/insights.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startAppIn, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, fullLedger, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Asia/Taipei',
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 150, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2 },
  ],
  superFan: { days: 7, minActiveDays: 2 },
};
const taipei = (local: string) => Date.parse(`${local}+08:00`);

describe.each(['embedded', 'redis'] as const)('programme KPIs (%s)', (mode) => {
  let running: RunningApp;
  let base: string;
  let host: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    running = await startAppIn(mode);
    running.clock.now = taipei('2026-11-16T10:00:00');
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  it('the worker\'s facts, followed between requests, give the reference rows over the same history', async () => {
    const fans = await Promise.all(['A', 'B', 'C'].map((n) => ssoMember(base, `${mode}-kpi-${n}-${Math.random()}`, n)));
    const [a, b, c] = fans as [(typeof fans)[0], (typeof fans)[0], (typeof fans)[0]];
    const orders: Array<{ orderId: string; memberId: string; amountCents: number; paidAt: number }> = [];
    const order = async (memberId: string, amountCents: number) => {
      const orderId = `${mode}-${orders.length}-${Math.random()}`;
      expect((await deliverOrder(base, { orderId, memberId, amountCents, currency: 'TWD' })).status).toBe(200);
      orders.push({ orderId, memberId, amountCents, paidAt: running.clock.now });
    };
    const inShow = async (streamId: string, token: string) => {
      const s = await connect(base, '/live', { token });
      sockets.push(s);
      await ask(s, 'stream:join', { streamId });
      return s;
    };

    // Week one: a show; A likes twice and checks in, B comments; A orders NT$160 (Silver).
    const first = await liveShow(base, host, `week one ${mode}`);
    const [sa, sb] = [await inShow(first, a.token), await inShow(first, b.token)];
    for (const r of ['a1', 'a2']) expect((await ask(sa, 'interact', { streamId: first, kind: 'like', requestId: r })).ok).toBe(true);
    expect((await ask(sa, 'interact', { streamId: first, kind: 'checkin' })).ok).toBe(true);
    expect((await ask(sb, 'interact', { streamId: first, kind: 'comment', text: 'hi', requestId: 'b1' })).ok).toBe(true);
    await order(a.memberId, 16_000);
    running.clock.now = taipei('2026-11-17T21:00:00');
    expect((await ask(sa, 'interact', { streamId: first, kind: 'checkin' })).ok).toBe(true);
    expect((await api(base, 'POST', `/api/streams/${first}/end`, {}, host)).status).toBe(200);
    // Asked between the weeks: the worker builds its facts now, and must fold in week two before the next answer.
    const between = await api(base, 'GET', '/api/insights/kpis?from=2026-11-16&to=2026-11-29&interval=week', undefined, host);
    expect((between.body.rows as KpiRow[]).map((r) => r.activeMembers)).toEqual([2, 0]);

    // Week two: another show; A and C like; C orders; A redeems a gift.
    running.clock.now = taipei('2026-11-24T20:00:00');
    const second = await liveShow(base, host, `week two ${mode}`);
    const [sa2, sc] = [await inShow(second, a.token), await inShow(second, c.token)];
    expect((await ask(sa2, 'interact', { streamId: second, kind: 'like', requestId: 'a3' })).ok).toBe(true);
    expect((await ask(sc, 'interact', { streamId: second, kind: 'like', requestId: 'c1' })).ok).toBe(true);
    await order(c.memberId, 5_000);
    const gift = (await api(base, 'POST', '/api/rewards', { kind: 'custom', title: 'Thanks', pricePoints: 10 }, host)).body.reward;
    expect((await api(base, 'POST', `/api/rewards/${gift.id}/redeem`, { requestId: 'r1' }, a.token)).status).toBe(200);

    const reply = await api(base, 'GET', '/api/insights/kpis?from=2026-11-16&to=2026-11-29&interval=week', undefined, host);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const rows = reply.body.rows as KpiRow[];
    const ledger = (await Promise.all(fans.map((f) => fullLedger(base, f.token)))).flat();
    const redemptions = (await Promise.all(fans.map(async (f) => (await api(base, 'GET', '/api/me/redemptions', undefined, f.token)).body.redemptions))).flat();
    expect(rows).toEqual(kpiRows({ ledger, orders, redemptions }, RULES, '2026-11-16', '2026-11-29', 'week'));
    // And what that is, in words: two weeks, A active in both, B then C once each.
    expect(rows.map((r) => [r.from, r.activeMembers, r.returnRate])).toEqual([
      ['2026-11-16', 2, null],
      ['2026-11-23', 2, 0.5],
    ]);
    expect(rows[0]!.tiers).toEqual({ bronze: 1, silver: 1 });
    expect(rows[1]!).toMatchObject({ redemptionRate: 0.5, pointsSpent: 10, spendCents: { bronze: 5_000, silver: 0 } });

    expect((await api(base, 'GET', '/api/insights/kpis?from=2026-11-29&to=2026-11-16', undefined, host)).body.error).toMatchObject({ code: 'VALIDATION', field: 'from' });
    expect((await api(base, 'GET', '/api/insights/kpis?from=2026-11-16&to=2026-11-29', undefined, a.token)).status).toBe(403);
  }, 120_000);
});
