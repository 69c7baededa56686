/**
 * The subjects of the differential property tests (test/differential/): one
 * SqliteEngine + SqlitePerksEngine + SqliteRewardsEngine + SqliteMissionsEngine
 * on a fresh file and the Redis four on a private redis-server, opened once
 * per test file.
 *
 * A property runs ~1,000 random operation sequences against the same pair, so
 * instead of resetting between runs each run works in its own namespace:
 * `scope()` returns a fresh prefix to put in front of every id and key the run
 * uses (member, show, drop, lottery, ledger and hit keys), which gives both
 * engines untouched state for that run. Only global aggregates (the all-time
 * leaderboard) are shared across runs; compare per-id state instead.
 *
 * The SQLite file lives in /dev/shm when the machine has it: the engine runs
 * `synchronous = FULL`, and an fsync per transaction on a real disk would make
 * 1,000 sequences per step take minutes. For the same reason the private
 * redis-server is switched from `appendfsync always` to `no` (about 7 ms less
 * per write script). What is compared (replies and state) does not depend on
 * where the file is or when Redis syncs its AOF.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Engine } from '../../server/engine/engine.ts';
import type { PerksEngine } from '../../server/engine/perks-engine.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { RedisPerksEngine } from '../../server/engine/redis/redis-perks-engine.ts';
import { RedisRewardsEngine } from '../../server/engine/redis/redis-rewards-engine.ts';
import type { RewardsEngine } from '../../server/engine/rewards-engine.ts';
import type { MissionsEngine } from '../../server/engine/missions-engine.ts';
import { RedisMissionsEngine } from '../../server/engine/redis/redis-missions-engine.ts';
import { SqliteMissionsEngine } from '../../server/engine/sqlite/sqlite-missions-engine.ts';
import { SqliteEngine } from '../../server/engine/sqlite/sqlite-engine.ts';
import { SqlitePerksEngine } from '../../server/engine/sqlite/sqlite-perks-engine.ts';
import { SqliteRewardsEngine } from '../../server/engine/sqlite/sqlite-rewards-engine.ts';
import { openDatabase, type SqliteDatabase } from '../../server/sqlite/sqlite-database.ts';
import { MemoryLedgerSink } from './memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';

export interface EngineSubject {
  readonly name: 'sqlite' | 'redis';
  readonly engine: Engine;
  readonly perks: PerksEngine;
  readonly rewards: RewardsEngine;
  readonly missions: MissionsEngine;
}

export interface DifferentialEngines {
  /** Both subjects, SQLite first; available inside tests (after beforeAll). */
  subjects(): readonly [EngineSubject, EngineSubject];
  /** A fresh namespace for one run: prefix every id and key with it. */
  scope(): string;
  /** The private redis-server, for tests that look inside it. */
  readonly redisUrl: string;
}

/** How many random sequences a differential property runs (the issue asks for at least 1,000 in CI). */
export const DIFFERENTIAL_RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 1_000);
/** A property's time limit: its 1,000 runs take seconds, but a loaded 2-core CI box can slow them several times. */
export const DIFFERENTIAL_TIMEOUT_MS = 90_000;

/** Registers the file's hooks; call once at the top level of a test file. */
export function useDifferentialEngines(): DifferentialEngines {
  let redis: RedisServer;
  let dir: string;
  let db: SqliteDatabase;
  let sqlite: EngineSubject;
  let redisSubject: EngineSubject;
  let redisEngine: RedisEngine;
  let runs = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    const admin = new Redis(redis.url);
    await admin.config('SET', 'appendfsync', 'no');
    await admin.quit();
    dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'frontrow-diff-'));
    db = openDatabase(dir);
    const sqliteEngine = new SqliteEngine(db);
    const sqlitePerks = new SqlitePerksEngine(db);
    redisEngine = new RedisEngine({
      redisUrl: redis.url,
      keyPrefix: `d:${randomUUID()}:`,
      sink: new MemoryLedgerSink(),
      processId: `p-${randomUUID()}`,
    });
    const redisPerks = new RedisPerksEngine(redisEngine);
    await Promise.all([sqliteEngine.init(), sqlitePerks.init(), redisEngine.init()]);
    await redisPerks.init();
    sqlite = { name: 'sqlite', engine: sqliteEngine, perks: sqlitePerks, rewards: new SqliteRewardsEngine(db), missions: new SqliteMissionsEngine(db) };
    redisSubject = { name: 'redis', engine: redisEngine, perks: redisPerks, rewards: new RedisRewardsEngine(redisEngine), missions: new RedisMissionsEngine(redisEngine) };
  });

  afterAll(async () => {
    await redisSubject?.perks.close();
    await redisEngine?.close();
    await sqlite?.perks.close();
    await sqlite?.engine.close();
    db?.close();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    subjects: () => [sqlite, redisSubject] as const,
    scope: () => `r${++runs}-${randomUUID().slice(0, 8)}-`,
    get redisUrl() {
      return redis.url;
    },
  };
}

/**
 * Runs `step` on each subject and returns the replies, an AppError's code in
 * place of a reply when it throws one (the refusal is part of what must match).
 */
export async function replies<T>(
  subjects: readonly EngineSubject[],
  step: (s: EngineSubject) => Promise<T>,
): Promise<Array<T | { error: string; field?: string }>> {
  const out: Array<T | { error: string; field?: string }> = [];
  for (const s of subjects) {
    try {
      out.push(await step(s));
    } catch (err) {
      const e = err as { code?: string; field?: string };
      if (typeof e.code !== 'string') throw err;
      out.push(e.field === undefined ? { error: e.code } : { error: e.code, field: e.field });
    }
  }
  return out;
}

/**
 * A model (the domain functions over plain state) as a subject beside the
 * engines: replies() only calls `step` on each, so the model needs just the
 * methods the test calls.
 */
export function modelSubject(engine: Partial<Engine>): EngineSubject {
  return { engine } as EngineSubject;
}

/** Runs `step` on every subject, expects each reply (or AppError code) to equal the first subject's, and returns that one. */
export async function expectSameReplies<T>(
  subjects: readonly EngineSubject[],
  step: (s: EngineSubject) => Promise<T>,
): Promise<T | { error: string; field?: string }> {
  const [want, ...got] = await replies(subjects, step);
  for (const g of got) expect(g).toEqual(want);
  return want!;
}
