/**
 * The repurchase ranking through the real server (issue 15), both modes:
 * the insights worker reads the SQLite file on its own thread and answers
 * exactly what the ranking computes from the same file read here directly;
 * the list is the host's, limited, ordered by probability, with reasons
 * the model knows. (The model's quality is measured by the backtest:
 * test/unit/repurchase-backtest.test.ts.)
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../server/domain/insights/repurchase-model.ts';
import { rankRepurchase, type RepurchaseRanking } from '../../server/insights/repurchase-ranking.ts';
import { memberHistories, openReadOnly } from '../../server/insights/sqlite-insight-queries.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { startAppIn, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, hostToken, liveShow, ssoMember } from '../support/clients.ts';

const DAY = 86_400_000;

describe.each(['embedded', 'redis'] as const)('who will buy again (%s)', (mode) => {
  let running: RunningApp;
  let base: string;
  let host: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    running = await startAppIn(mode);
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', DEFAULT_RULES, host)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  it("ranks every member by the model, computed off the event loop from the seller's own history", async () => {
    const fans = await Promise.all(Array.from({ length: 12 }, (_, i) => ssoMember(base, `${mode}-rp-${i}-${Math.random()}`, `Fan ${i}`)));
    // Ninety days of history: the first six watch a show every ten days; orders come more often from the lower-numbered fans.
    for (let day = 0; day < 90; day += 10) {
      const streamId = await liveShow(base, host, `day ${day}`);
      const watchers = await Promise.all(fans.slice(0, 6).map(async (f) => {
        const s = await connect(base, '/live', { token: f.token });
        sockets.push(s);
        await ask(s, 'stream:join', { streamId });
        return s;
      }));
      for (let beat = 0; beat < 5; beat++) {
        running.clock.advance(15_000);
        for (const s of watchers) await ask(s, 'watch:heartbeat', { streamId, visible: true, playing: true });
      }
      for (const s of watchers) s.close();
      expect((await api(base, 'POST', `/api/streams/${streamId}/end`, {}, host)).status).toBe(200);
      for (const [i, f] of fans.entries()) {
        if ((day / 10 + i) % (i + 2) === 0) await deliverOrder(base, { orderId: `${mode}-${i}-${day}-${Math.random()}`, memberId: f.memberId, amountCents: 20_000 + i * 1_000, currency: 'TWD' });
      }
      running.clock.advance(10 * DAY);
    }

    const reply = await api(base, 'GET', '/api/insights/repurchase?limit=8', undefined, host);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const ranking = reply.body.ranking as RepurchaseRanking;
    const db = openReadOnly(running.dataDir);
    try {
      expect(ranking).toEqual(rankRepurchase(memberHistories(db), running.clock.now, 8));
    } finally {
      db.close();
    }
    expect(ranking.members).toHaveLength(8);
    expect(ranking.trainedOn).toBeGreaterThanOrEqual(12);
    const probabilities = ranking.members.map((m) => m.probability);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    for (const m of ranking.members) {
      expect(m.probability).toBeGreaterThan(0);
      expect(m.probability).toBeLessThan(1);
      for (const r of m.reasons) expect(FEATURES).toContain(r);
    }
    const fan = fans[0]!;
    expect((await api(base, 'GET', '/api/insights/repurchase', undefined, fan.token)).status).toBe(403);
    expect((await api(base, 'GET', '/api/insights/repurchase?limit=0', undefined, host)).body.error).toMatchObject({ code: 'VALIDATION', field: 'limit' });
  }, 120_000);
});
