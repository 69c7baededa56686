import { afterAll, beforeAll } from 'vitest';
import { startApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { CROWD_ENV, liveRoomScenario } from './live-room-scenario.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

liveRoomScenario('redis', () => startApp({ redisUrl: redis.url, env: CROWD_ENV }));
