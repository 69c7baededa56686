import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { randomPrefix, startApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { TestClock } from '../support/test-clock.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { fairEarningScenario } from './fair-earning-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

fairEarningScenario('redis', () => startApp({ redisUrl: redis.url, env: { TRUST_PROXY: 'loopback', ...SHARED_MACHINE_ENV } }));

describe('one show at a time across two processes on one Redis', () => {
  it('a member beating in two shows, one on each process, earns what one show pays', async () => {
    const clock = new TestClock();
    const dataDir = mkdtempSync(join(tmpdir(), 'frontrow-fair-'));
    const redisPrefix = randomPrefix();
    const [a, b] = [
      await startApp({ redisUrl: redis.url, redisPrefix, dataDir, clock }),
      await startApp({ redisUrl: redis.url, redisPrefix, dataDir, clock }),
    ];
    const sockets: Socket[] = [];
    try {
      const host = await hostToken(a.url);
      const rules = { ...DEFAULT_RULES, watch: { ...DEFAULT_RULES.watch, everySeconds: 15, points: 10, heartbeatSeconds: 15 } };
      expect((await api(a.url, 'PUT', '/api/rules', rules, host)).status).toBe(200);
      const shows = [await liveShow(a.url, host, 'one'), await liveShow(a.url, host, 'two')];
      const m = await ssoMember(a.url, `two-proc-${Math.random()}`, 'Both');
      const tabs = [await connect(a.url, '/live', { token: m.token }), await connect(b.url, '/live', { token: m.token })];
      sockets.push(...tabs);
      for (const [i, tab] of tabs.entries()) expect((await ask(tab, 'stream:join', { streamId: shows[i] })).ok).toBe(true);
      let credited = 0;
      for (let r = 0; r <= 8; r++) {
        if (r > 0) clock.advance(15_000);
        const replies = await Promise.all(tabs.map((tab, i) => ask(tab, 'watch:heartbeat', { streamId: shows[i], visible: true, playing: true })));
        expect(replies.filter((x) => x.watchingElsewhere)).toHaveLength(1);
        credited += replies.reduce((sum, x) => sum + x.credited, 0);
      }
      expect(credited).toBe(8 * 15);
      expect(await balanceOf(a.url, m.token)).toBe(8 * 10);
    } finally {
      for (const s of sockets) s.close();
      await a.stop();
      await b.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
