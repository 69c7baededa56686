import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisChatHistory } from '../../server/engine/redis/redis-chat-history.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { chatHistoryContract, comment } from './chat-history-contract.ts';

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

// Redis only (the memory history has no show expiry scheme): the list lives in the show's `{s:}` slot, so a
// retired show's purge takes it with the rest of the show's hot state (redis-retention.ts).
it('RedisChatHistory: a retired show loses its history when its hot state is purged', async () => {
  const engine = new RedisEngine({ redisUrl: redis.url, keyPrefix: `t:${randomUUID()}:`, sink: new MemoryLedgerSink(), processId: `p-${randomUUID()}` });
  await engine.init();
  try {
    const history = new RedisChatHistory(engine.shared);
    await history.append(comment('ended', 'bye'));
    await history.append(comment('still-live', 'hi'));
    await engine.retireShow('ended', 1_000, 60_000);
    expect(await history.recent('ended')).toHaveLength(1); // kept through the retention
    expect(await engine.shared.redis.pttl(engine.shared.keys.chat('ended'))).toBeGreaterThan(0); // with the show's backstop expiry
    expect(await engine.showsToPurge(61_000, 10)).toEqual(['ended']);
    await engine.purgeShow('ended', [], 0);
    expect(await history.recent('ended')).toEqual([]);
    expect((await history.recent('still-live')).map((c) => c.text)).toEqual(['hi']);
  } finally {
    await engine.resetForTests();
    await engine.close();
  }
});
