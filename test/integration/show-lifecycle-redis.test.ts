import { afterAll, beforeAll } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { showLifecycleScenario } from './show-lifecycle-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

showLifecycleScenario('redis', () => startApp({ redisUrl: redis.url }));
