/**
 * The bench's `storecost` part (issue 10): what one award costs the store
 * alone, with no socket, no Socket.IO and no client on the machine. The
 * engine of each mode runs the two award paths the closed loops exercise —
 * the heartbeat path (beatAward) and the paid-like path (cappedAward) — for
 * BENCH_STORE_MEMBERS members, 256 calls in flight (one group-commit batch in
 * embedded mode, one pipeline's worth in Redis mode).
 *
 * Embedded: SqliteEngine on a temp DATA_DIR; every statement is timed (the
 * prepared statements of this process are wrapped, in this process only), so
 * the report says which rows an award writes and what each costs.
 * Redis: RedisEngine on a private redis-server with the AOF fsync of the
 * server's setup; `INFO commandstats` gives the time the scripts ran inside
 * redis-server, the CPU the award takes from the machine beside the server's.
 *
 * Set against bare Socket.IO's whole CPU per event (the scale part), this is
 * the floor under Front Row's per-event cost: what must be written before an
 * award may be acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import type { BeatAwardInput, CappedAwardInput } from '../server/domain/award-paths.ts';
import { RedisEngine } from '../server/engine/redis/redis-engine.ts';
import { SqliteEngine } from '../server/engine/sqlite/sqlite-engine.ts';
import type { Engine } from '../server/engine/engine.ts';
import { LedgerReason } from '../shared/models.ts';
import { MemoryLedgerSink } from '../test/support/memory-ledger-sink.ts';
import { startRedisServer } from '../test/support/redis-server.ts';
import { fmt } from './stats.ts';

export interface StoreCostSettings {
  members: number;
  /** Beats per member, a second apart (each after the first credits a second of watch time and one award). */
  beats: number;
  /** Paid likes per member. */
  likes: number;
}

export interface StatementCost {
  sql: string;
  calls: number;
  /** Per call. */
  micros: number;
}

export interface PathCost {
  path: 'heartbeat' | 'like';
  calls: number;
  awards: number;
  /** Wall time per call in this process (the engine's own CPU in embedded mode). */
  microsPerCall: number;
  /** Redis mode: time the scripts ran inside redis-server, per call. */
  redisMicrosPerCall: number | null;
}

export interface StoreCostResult {
  mode: 'embedded' | 'redis';
  paths: PathCost[];
  /** Embedded: the statements behind the paths, costliest first. */
  statements: StatementCost[];
}

const IN_FLIGHT = 256;
const DAY = '2026-11-26';
const T0 = Date.UTC(2026, 10, 26, 12);

const member = (i: number) => `store-cost-member-${String(i).padStart(6, '0')}`;

function beatInput(i: number, nowMs: number): BeatAwardInput {
  return {
    streamId: 'store-cost-show',
    memberId: member(i),
    nowMs,
    countable: true,
    // The scale part's closed-loop rules: heartbeatSeconds 1 (domain/watch.ts beatLimits: a beat credits 2 s at most), everySeconds 1.
    leaseMs: 30_000,
    capMs: 2_000,
    idleAfterMs: 1_800_000,
    everySeconds: 1,
    ladder: [{ minPoints: 0, points: 1 }],
    activeDay: DAY,
    earnedSinceMs: nowMs - 30 * 86_400_000,
  };
}

function likeInput(i: number, n: number, nowMs: number): CappedAwardInput {
  const hitId = `like-${i}-${n}`;
  return {
    hitKey: `store-cost:like:${member(i)}`,
    hitId,
    limit: 1_000_000,
    windowMs: 0,
    award: {
      key: `store-cost:like:${member(i)}:${hitId}`,
      memberId: member(i),
      delta: 1,
      reason: LedgerReason.like,
      streamId: 'store-cost-show',
      at: nowMs,
      earnedSinceMs: nowMs - 30 * 86_400_000,
    },
    streamId: 'store-cost-show',
    activeDay: DAY,
  };
}

/** Runs `calls` through `step` with IN_FLIGHT at once; the wall time in µs per call and the awards made. */
async function drive(calls: number, step: (k: number) => Promise<number>): Promise<{ micros: number; awards: number }> {
  let next = 0;
  let awards = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let k = next++; k < calls; k = next++) {
        const made = await step(k); // not `awards += await …`: that reads awards before the wait
        awards += made;
      }
    }),
  );
  return { micros: ((performance.now() - started) * 1000) / calls, awards };
}

async function runPaths(engine: Engine, s: StoreCostSettings, redisMicros: () => Promise<number | null>): Promise<PathCost[]> {
  /** One path: its calls through `drive`, and redis-server's script time over them (Redis mode). */
  const measure = async (path: PathCost['path'], calls: number, step: (k: number) => Promise<number>): Promise<PathCost> => {
    const before = await redisMicros();
    const { micros, awards } = await drive(calls, step);
    const after = await redisMicros();
    return { path, calls, awards, microsPerCall: micros, redisMicrosPerCall: before === null || after === null ? null : (after - before) / calls };
  };
  // Beats go round by round: every member's n-th beat a second (of the rules' clock) after its previous one.
  const beats = await measure('heartbeat', s.members * s.beats, async (k) => {
    const round = Math.floor(k / s.members);
    return (await engine.beatAward(beatInput(k % s.members, T0 + round * 1_000))).awards.filter((a) => a.applied).length;
  });
  const likes = await measure('like', s.members * s.likes, async (k) => {
    const step = await engine.cappedAward(likeInput(k % s.members, Math.floor(k / s.members), T0 + s.beats * 1_000 + k));
    return step.award?.applied ? 1 : 0;
  });
  return [beats, likes];
}

/** Times every run/get/all of statements prepared while `f` runs (this process only), by SQL text. */
async function timingStatements<T>(f: () => Promise<T>): Promise<[T, StatementCost[]]> {
  const proto = (Database as unknown as { prototype: { prepare: (sql: string) => any } }).prototype;
  const prepare = proto.prepare;
  const totals = new Map<string, { calls: number; nanos: bigint }>();
  proto.prepare = function (this: unknown, sql: string) {
    const statement = prepare.call(this, sql);
    const text = sql.replace(/\s+/g, ' ').trim();
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement);
      statement[method] = (...args: unknown[]) => {
        const t = process.hrtime.bigint();
        try {
          return original(...args);
        } finally {
          const total = totals.get(text) ?? { calls: 0, nanos: 0n };
          total.calls++;
          total.nanos += process.hrtime.bigint() - t;
          totals.set(text, total);
        }
      };
    }
    return statement;
  };
  try {
    const value = await f();
    const statements = [...totals]
      .map(([sql, t]) => ({ sql, calls: t.calls, micros: Number(t.nanos) / 1000 / t.calls }))
      .sort((a, b) => b.calls * b.micros - a.calls * a.micros);
    return [value, statements];
  } finally {
    proto.prepare = prepare;
  }
}

async function embeddedCost(s: StoreCostSettings): Promise<StoreCostResult> {
  const dir = mkdtempSync(join(tmpdir(), 'front-row-store-cost-'));
  try {
    const [paths, statements] = await timingStatements(async () => {
      const engine = new SqliteEngine(dir);
      await engine.init();
      try {
        return await runPaths(engine, s, async () => null);
      } finally {
        await engine.close();
      }
    });
    // Opening and migrating the database is not an award: keep what the paths ran.
    return { mode: 'embedded', paths, statements: statements.filter((st) => st.calls >= s.members) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function redisCost(s: StoreCostSettings): Promise<StoreCostResult> {
  const redis = await startRedisServer();
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  // Every script call, whichever command carried it (EVALSHA, or EVAL on a cache miss).
  const scriptMicros = async () => {
    const stats = await admin.info('commandstats');
    return [...stats.matchAll(/^cmdstat_(?:evalsha|eval|fcall):calls=\d+,usec=(\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  };
  const engine = new RedisEngine({
    redisUrl: redis.url,
    keyPrefix: 'store-cost:',
    sink: new MemoryLedgerSink(),
    processId: `store-cost-${randomUUID()}`,
    // As the cluster part: a redis-server sharing 2 cores with a busy client is slow, not stalled.
    client: { commandTimeoutMs: 5_000 },
  });
  try {
    await engine.init();
    return { mode: 'redis', paths: await runPaths(engine, s, scriptMicros), statements: [] };
  } finally {
    await engine.close();
    admin.disconnect();
    await redis.stop();
  }
}

export async function runStoreCost(modes: ('embedded' | 'redis')[], s: StoreCostSettings, log: (line: string) => void): Promise<StoreCostResult[]> {
  const results: StoreCostResult[] = [];
  for (const mode of modes) {
    const r = mode === 'embedded' ? await embeddedCost(s) : await redisCost(s);
    for (const p of r.paths) {
      const inRedis = p.redisMicrosPerCall === null ? '' : `, ${fmt(p.redisMicrosPerCall, 1)} µs in redis-server`;
      log(`store cost, ${mode}, ${p.path}: ${fmt(p.calls)} calls, ${fmt(p.awards)} awards, ${fmt(p.microsPerCall, 1)} µs a call${inRedis}`);
    }
    results.push(r);
  }
  return results;
}
