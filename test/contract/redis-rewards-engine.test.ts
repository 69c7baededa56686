import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { RedisRewardsEngine } from '../../server/engine/redis/redis-rewards-engine.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { rewardsEngineContract } from './rewards-engine-contract.ts';

// One private redis-server for the file; each test isolates by a random key prefix.
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

rewardsEngineContract('RedisRewardsEngine', async () => {
  const sink = new MemoryLedgerSink();
  const engine = new RedisEngine({ redisUrl: redis.url, keyPrefix: `t:${randomUUID()}:`, sink, processId: `p-${randomUUID()}` });
  await engine.init();
  return {
    rewards: new RedisRewardsEngine(engine),
    engine,
    // The ledger as the store receives it: through the outbox.
    ledger: async () => {
      await engine.flush();
      return sink.entries();
    },
    durable: async (memberId) => {
      await engine.flush();
      return sink.storedRedemptions(memberId);
    },
    cleanup: async () => {
      await engine.resetForTests();
      await engine.close();
    },
  };
});
