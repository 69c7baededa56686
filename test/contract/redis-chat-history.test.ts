import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { RedisChatHistory } from '../../server/engine/redis/redis-chat-history.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { chatHistoryContract } from './chat-history-contract.ts';

// One private redis-server for the file; each test isolates by a random key prefix.
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

chatHistoryContract('RedisChatHistory', async () => {
  const engine = new RedisEngine({ redisUrl: redis.url, keyPrefix: `t:${randomUUID()}:`, sink: new MemoryLedgerSink(), processId: `p-${randomUUID()}` });
  await engine.init();
  const history = new RedisChatHistory(engine.shared);
  return {
    history,
    cleanup: async () => {
      await history.resetForTests();
      await engine.resetForTests();
      await engine.close();
    },
  };
});
