/**
 * Chat history across processes (Redis mode, one host): two app instances
 * share one private Redis (same REDIS_PREFIX) and one DATA_DIR. Comments said
 * through one process are served to a late joiner of the other, oldest first;
 * a removal made through either leaves the history both serve.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, startApp, type RunningApp } from '../support/app-harness.ts';
import { api, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { TestClock } from '../support/test-clock.ts';
import { joinShow, REJOIN_RULES, say } from './rejoin-scenario.ts';

describe('chat history on two processes, one Redis', () => {
  let redis: RedisServer;
  let dataDir: string;
  let a: RunningApp;
  let b: RunningApp;
  const sockets: Socket[] = [];
  const open = async (app: RunningApp, token?: string) => {
    const socket = await connect(app.url, '/live', token ? { token } : {});
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-rejoin-'));
    const shared = { redisUrl: redis.url, redisPrefix: randomPrefix(), dataDir, clock: new TestClock() };
    a = await startApp(shared);
    b = await startApp(shared);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a late joiner on either process gets the same history; a removal on one leaves it on both', async () => {
    const host = await hostToken(a.url);
    expect((await api(a.url, 'PUT', '/api/rules', REJOIN_RULES, host)).status).toBe(200);
    const streamId = await liveShow(a.url, host, 'two processes');

    // Mei talks through process A, Jun through process B, in turns.
    const mei = await ssoMember(a.url, `mei-${Math.random()}`, 'Mei');
    const jun = await ssoMember(b.url, `jun-${Math.random()}`, 'Jun');
    const meiSocket = await open(a, mei.token);
    const junSocket = await open(b, jun.token);
    await joinShow(meiSocket, streamId);
    await joinShow(junSocket, streamId);
    await say(meiSocket, streamId, ['A1 你好']);
    await say(junSocket, streamId, ['B1']);
    await say(meiSocket, streamId, ['A2']);
    await say(junSocket, streamId, ['B2 再見']);

    const onA = (await joinShow(await open(a), streamId)).comments;
    const onB = (await joinShow(await open(b), streamId)).comments;
    expect(onA.map((c) => c.text)).toEqual(['A1 你好', 'B1', 'A2', 'B2 再見']);
    expect(onB).toEqual(onA);

    // The host removes Jun's first comment through process A; both processes stop serving it.
    const b1 = onA.find((c) => c.text === 'B1')!;
    expect((await api(a.url, 'DELETE', `/api/comments/${b1.id}`, undefined, host)).status).toBe(200);
    for (const app of [a, b]) {
      expect((await joinShow(await open(app), streamId)).comments.map((c) => c.text)).toEqual(['A1 你好', 'A2', 'B2 再見']);
    }
  });
});
