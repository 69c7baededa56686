/**
 * Differential property test of a show's chat history: random sequences of
 * new comments and removals (of kept, fallen-off and unknown ids) are applied to
 *   1. the model: appendToHistory / removeFromHistory of server/domain/chat-history.ts,
 *   2. MemoryChatHistory, which calls them,
 *   3. RedisChatHistory, whose LPUSH + LTRIM and `chatRemove-1.lua` mirror them,
 * and after every step the history each serves must be the same.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommentEvent } from '../../shared/events.ts';
import { appendToHistory, CHAT_HISTORY_SIZE, removeFromHistory } from '../../server/domain/chat-history.ts';
import { MemoryChatHistory } from '../../server/engine/memory-chat-history.ts';
import { RedisChatHistory } from '../../server/engine/redis/redis-chat-history.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { DIFFERENTIAL_RUNS, DIFFERENTIAL_TIMEOUT_MS } from '../support/differential-engines.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

let redis: RedisServer;
let engine: RedisEngine;
let redisHistory: RedisChatHistory;
beforeAll(async () => {
  redis = await startRedisServer();
  engine = new RedisEngine({ redisUrl: redis.url, keyPrefix: `d:${randomUUID()}:`, sink: new MemoryLedgerSink(), processId: `p-${randomUUID()}` });
  await engine.init();
  redisHistory = new RedisChatHistory(engine.shared);
});
afterAll(async () => {
  await engine?.close();
  await redis?.stop();
});

/** A new comment (its text may hold what JSON and Lua must carry intact), or a removal by the index of an earlier comment. */
const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), text: fc.string({ maxLength: 12, unit: 'grapheme' }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeUnknown' as const) }) },
);

it('model, MemoryChatHistory and RedisChatHistory keep the same history after every step', async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: CHAT_HISTORY_SIZE + 15 }), async (ops) => {
      const streamId = `r${++runs}-${randomUUID().slice(0, 8)}`;
      const memory = new MemoryChatHistory(async () => []);
      let model: CommentEvent[] = [];
      const made: CommentEvent[] = [];
      for (const [i, o] of ops.entries()) {
        if (o.kind === 'append') {
          const c: CommentEvent = { id: `c${i}`, streamId, memberId: 'm', displayName: 'M', tier: 'bronze', text: o.text, at: i };
          made.push(c);
          model = appendToHistory(model, c);
          await memory.append(c);
          await redisHistory.append(c);
        } else {
          const id = o.kind === 'remove' && made.length > 0 ? made[o.pick % made.length]!.id : `unknown-${i}`;
          model = removeFromHistory(model, id);
          await memory.remove(streamId, id);
          await redisHistory.remove(streamId, id);
        }
        expect(await memory.recent(streamId)).toEqual(model);
        expect(await redisHistory.recent(streamId)).toEqual(model);
      }
    }),
    { numRuns: Math.ceil(DIFFERENTIAL_RUNS / 5) },
  );
}, DIFFERENTIAL_TIMEOUT_MS);
