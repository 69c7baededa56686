/**
 * The Redis client's stall check (server/redis-client.ts dropWhenSilent) must
 * tell a silent Redis from a busy process. Under a 10,000-member soak each
 * turn of the server's loop read Redis' replies, then spent over a second
 * broadcasting to the room, with new commands waiting; the check, taken at
 * the end of that turn, counted the broadcast as Redis' silence and dropped a
 * healthy connection (17 times in a 2-minute soak), answering thousands of
 * events UNAVAILABLE or OUTCOME_UNKNOWN. Here the same shape, on a real
 * redis-server: each reply's handler sends the next command and holds the
 * loop for three times the silence limit. No command may fail and the
 * connection must stay up. And a real stall (SIGSTOP) is still caught.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient } from '../../server/redis-client.ts';
import { eventually } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

const SILENCE_MS = 100;

/** Holds the event loop, as a broadcast to a big room does. */
function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Redis stall check: a busy loop is not a silent Redis', () => {
  let redis: RedisServer;
  let client: Redis;
  let closes = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    client = createRedisClient(redis.url, { commandTimeoutMs: SILENCE_MS }, { kind: 'command' });
    client.on('close', () => closes++);
    await client.connect();
  });

  afterAll(async () => {
    redis?.resume();
    client?.disconnect();
    await redis?.stop();
  });

  it('keeps the connection while each turn reads a reply, sends the next command and holds the loop past the limit', async () => {
    const rounds = 8;
    const replies: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const next = (n: number) => {
        client.incr('busy:counter').then((value) => {
          replies.push(value);
          if (n === rounds) return resolve();
          next(n + 1); // sent now; Redis answers while the loop is held below
          holdLoop(SILENCE_MS * 3);
        }, reject);
      };
      next(1);
    });
    expect(replies).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
    expect(closes).toBe(0);
    expect(client.status).toBe('ready');
  });

  it('still drops a connection to a Redis that really is silent (SIGSTOP), and comes back when it resumes', async () => {
    redis.pause();
    try {
      const failure = await client.get('busy:counter').then(
        () => null,
        (err: Error) => err,
      );
      // Failed by the dropped connection (ioredis rejects what was in flight), not by the per-command cap (10× the limit).
      expect(failure).not.toBeNull();
      expect(failure!.message).not.toMatch(/timed out/);
      expect(closes).toBe(1);
    } finally {
      redis.resume();
    }
    await eventually(() => expect(client.status).toBe('ready'), 10_000, 20);
    expect(await client.get('busy:counter')).toBe('8');
  });
});
