import { afterAll, beforeAll } from 'vitest';
import { randomPrefix, startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { overlayScenario } from './overlay-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

// One prefix for every start of the app: a restart finds the same Redis state (and the same SQLite file).
const prefix = randomPrefix();
overlayScenario('redis', (dataDir, clock) => startApp({ dataDir, clock, redisUrl: redis.url, redisPrefix: prefix }));
