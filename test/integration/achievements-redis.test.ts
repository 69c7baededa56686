import { afterAll, beforeAll } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { achievementsScenario } from './achievements-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

achievementsScenario('redis', () => startApp({ redisUrl: redis.url, env: SHARED_MACHINE_ENV }));
