import { afterAll, beforeAll } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { PERKS_ENV, perksScenario } from './perks-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

perksScenario('redis', () => startApp({ redisUrl: redis.url, env: PERKS_ENV }));
