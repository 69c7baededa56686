/**
 * What a caller is told when Redis fails it (server/redis-client.ts marks,
 * server/dependency-state.ts asDependencyFailure decides), on a real
 * redis-server stalled with SIGSTOP and killed:
 *
 * - a command that may write, sent, then lost to a stall: OUTCOME_UNKNOWN —
 *   Redis may run it (it did, in the 10,000-member soak, for work answered
 *   UNAVAILABLE);
 * - a read-only command lost the same way: UNAVAILABLE (it changed nothing);
 * - a write refused while the connection is down: UNAVAILABLE, and indeed
 *   it never reaches Redis (the value is unchanged once Redis is back).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/error-codes.ts';
import { asDependencyFailure, DependencyState } from '../../server/dependency-state.ts';
import { createRedisClient } from '../../server/redis-client.ts';
import { eventually } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

const SILENCE_MS = 300;
const COUNTER = 'outcome:counter';

async function failureCode(command: Promise<unknown>): Promise<string | undefined> {
  const err = await command.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the command should have failed').not.toBeNull();
  return asDependencyFailure(err)?.code;
}

describe('Redis failures: OUTCOME_UNKNOWN when a write may have run, UNAVAILABLE when nothing did', () => {
  let redis: RedisServer;
  let client: Redis;
  const deps = new DependencyState();

  beforeAll(async () => {
    redis = await startRedisServer();
    client = createRedisClient(redis.url, { commandTimeoutMs: SILENCE_MS, dependencies: deps }, { kind: 'command' });
    await client.connect();
    client.defineCommand('bump', { numberOfKeys: 1, lua: "return redis.call('INCR', KEYS[1])" });
  });

  afterAll(async () => {
    redis?.resume();
    client?.disconnect();
    await redis?.stop();
  });

  const ready = () => eventually(() => expect(client.status).toBe('ready'), 10_000, 20);

  /** What a caller of `command` is told when it is sent to a ready client and Redis then stalls (SIGSTOP). */
  async function codeWhenStalled(command: () => Promise<unknown>): Promise<string | undefined> {
    await ready();
    redis.pause();
    try {
      return await failureCode(command());
    } finally {
      redis.resume();
    }
  }

  it('a write in flight when Redis stalls: OUTCOME_UNKNOWN', async () => {
    await ready();
    await client.set(COUNTER, '10');
    expect(await codeWhenStalled(() => client.incr(COUNTER))).toBe(ErrorCode.OUTCOME_UNKNOWN);
  });

  it('a script in flight when Redis stalls: OUTCOME_UNKNOWN (a script may write)', async () => {
    const bump = () => (client as unknown as { bump(key: string): Promise<number> }).bump(COUNTER);
    expect(await codeWhenStalled(bump)).toBe(ErrorCode.OUTCOME_UNKNOWN);
  });

  it('a read in flight when Redis stalls: UNAVAILABLE (it changed nothing)', async () => {
    expect(await codeWhenStalled(() => client.get(COUNTER))).toBe(ErrorCode.UNAVAILABLE);
  });

  it('a write while the connection is down: UNAVAILABLE, and it never reaches Redis', async () => {
    await ready();
    await client.set(COUNTER, '42');
    await redis.kill();
    await eventually(() => expect(client.status).not.toBe('ready'), 5_000, 10);
    const startedAt = performance.now();
    expect(await failureCode(client.incr(COUNTER))).toBe(ErrorCode.UNAVAILABLE);
    // Refused at once, not after a timeout: it was never sent.
    expect(performance.now() - startedAt).toBeLessThan(SILENCE_MS);
    await redis.restart();
    await ready();
    expect(await client.get(COUNTER)).toBe('42');
  }, 30_000);
});
