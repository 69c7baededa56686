/**
 * Authentication throttles in Redis mode: the same scenario as embedded, then
 * two real server processes on one Redis: failures counted on either process
 * lock the address out on both, and a failure is logged with its address and
 * kind, never with the secret that was tried.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, startApp, TEST_HOST_KEY } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { authThrottleScenario, expectThrottled, freshAddress, postFrom, THROTTLE_ENV } from './auth-throttle-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe('authentication throttles (redis)', () => {
  authThrottleScenario(() => startApp({ redisUrl: redis.url, env: THROTTLE_ENV }));
});

describe('authentication throttles across two processes on one Redis', () => {
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-throttle-'));
    const options = { dataDir, redisUrl: redis.url, redisPrefix: randomPrefix(), env: THROTTLE_ENV };
    [a, b] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    expect([a.mode, b.mode]).toEqual(['redis', 'redis']);
  });
  afterAll(async () => {
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('locks a host-key flood spread over both processes out of both, and logs it without the key', async () => {
    const attacker = freshAddress();
    const tried = Array.from({ length: 5 }, (_, i) => `secret-guess-${i}-${Math.random().toString(36).slice(2)}`);
    // Alternate processes: neither sees more than 3 failures itself.
    for (const [i, hostKey] of tried.entries()) expect((await postFrom(i % 2 ? b.url : a.url, attacker, '/auth/host', { hostKey })).status).toBe(401);
    expectThrottled(await postFrom(a.url, attacker, '/auth/host', { hostKey: TEST_HOST_KEY }));
    expectThrottled(await postFrom(b.url, attacker, '/auth/host', { hostKey: TEST_HOST_KEY }));
    expect((await postFrom(b.url, freshAddress(), '/auth/host', { hostKey: TEST_HOST_KEY })).status).toBe(200);

    const logs = a.output() + b.output();
    const failures = logs.split('\n').filter((line) => line.includes('"auth attempt failed"') && line.includes(`"address":"${attacker}"`));
    expect(failures).toHaveLength(tried.length);
    for (const line of failures) expect(JSON.parse(line)).toMatchObject({ kind: 'host', address: attacker });
    for (const secret of [...tried, TEST_HOST_KEY]) expect(logs).not.toContain(secret);
  });

  it('caps sign-ups per address across both processes', async () => {
    const address = freshAddress();
    const replies = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        postFrom(i % 2 ? b.url : a.url, address, '/auth/signup', { handle: `two${i}${Math.random().toString(36).slice(2, 8)}`, password: 'pw-123456' }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(10);
    for (const r of replies.filter((r) => r.status !== 201)) expectThrottled(r);
    expect((await postFrom(a.url, freshAddress(), '/auth/signup', { handle: `free${Math.random().toString(36).slice(2, 8)}`, password: 'pw-123456' })).status).toBe(201);
  });
});
