/**
 * Sessions that end, Redis mode: two server processes on one Redis and one
 * DATA_DIR. Requests go to A, the sockets that must be cut sit on B, so the
 * disconnects travel through the Socket.IO Redis adapter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { randomPrefix } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SESSIONS_ENV, sessionsScenario } from './sessions-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

sessionsScenario('redis, two processes', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontrow-sessions-'));
  const base = { dataDir, redisUrl: redis.url, redisPrefix: randomPrefix() };
  const startBoth = (env: Record<string, string>) =>
    Promise.all([startServerProcess({ ...base, env }), startServerProcess({ ...base, env })]);
  let [a, b]: ServerProcess[] = await startBoth(SESSIONS_ENV);
  return {
    a: () => a!.url,
    b: () => b!.url,
    async restart(env) {
      await Promise.all([a!.stop(), b!.stop()]);
      [a, b] = await startBoth({ ...SESSIONS_ENV, ...env });
    },
    async stop() {
      await Promise.all([a!.stop(), b!.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
