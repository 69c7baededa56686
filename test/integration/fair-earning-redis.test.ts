import { afterAll, beforeAll } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { fairEarningScenario } from './fair-earning-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

fairEarningScenario('redis', () => startApp({ redisUrl: redis.url, env: { TRUST_PROXY: 'loopback' } }));
