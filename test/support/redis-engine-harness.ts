/**
 * Shared by the Redis-only engine tests: one private redis-server per file,
 * an admin connection to look inside it, engines with fast liveness timings
 * that are closed after each test, and child processes that are SIGKILLed.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { MemoryLedgerSink } from './memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const T0 = Date.UTC(2024, 0, 15, 12);
/** Short liveness so a dead process is noticed in about a second. */
export const FAST = { ttlMs: 1_000, refreshMs: 250, sweepMs: 200, claimIdleMs: 60_000 };

export interface RedisEngineHarness {
  readonly server: RedisServer;
  readonly admin: Redis;
  /** Child processes to SIGKILL after the test. */
  readonly children: ChildProcess[];
  newPrefix(): string;
  startEngine(prefix: string, sink?: MemoryLedgerSink, processId?: string, timings?: typeof FAST): Promise<RedisEngine>;
}

/** Registers the file's hooks; call once at the top level of a test file. */
export function useRedisEngines(): RedisEngineHarness {
  let server: RedisServer;
  let admin: Redis;
  const open: RedisEngine[] = [];
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await Promise.all(open.splice(0).map((e) => e.close()));
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });
  return {
    get server() {
      return server;
    },
    get admin() {
      return admin;
    },
    children,
    newPrefix: () => `t:${randomUUID()}:`,
    async startEngine(prefix, sink = new MemoryLedgerSink(), processId = `p-${randomUUID()}`, timings = FAST) {
      const engine = new RedisEngine({ redisUrl: server.url, keyPrefix: prefix, sink, processId, timings });
      await engine.init();
      open.push(engine);
      return engine;
    },
  };
}

/** flush(), but a test that would hang on it fails with a clear message instead. */
export async function flushed(target: { flush(): Promise<void> }, deadlineMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('flush did not complete')), deadlineMs)));
  try {
    await Promise.race([target.flush(), late]);
  } finally {
    clearTimeout(timer);
  }
}
