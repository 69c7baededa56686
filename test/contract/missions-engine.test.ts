/**
 * The MissionsEngine contract (issue 14), on both engines: steps sent at
 * once reach each stage exactly once (the payment keys on that), a replayed
 * event key counts once however many arrive together, periods and missions
 * keep apart, and a malformed step is refused before anything is stored.
 * Two SQLite connections on one file stand in for two processes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressStep } from '../../server/domain/missions.ts';
import type { MissionsEngine } from '../../server/engine/missions-engine.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { RedisMissionsEngine } from '../../server/engine/redis/redis-missions-engine.ts';
import { SqliteMissionsEngine } from '../../server/engine/sqlite/sqlite-missions-engine.ts';
import { openDatabase, type SqliteDatabase } from '../../server/sqlite/sqlite-database.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);

interface Pair {
  a: MissionsEngine;
  b: MissionsEngine;
}

function contract(name: string, open: () => Pair) {
  describe(`MissionsEngine (${name})`, () => {
    const step = (over: Partial<ProgressStep> = {}): ProgressStep => ({
      missionId: 'm1',
      memberId: 'u1',
      period: '2026-11-26',
      eventKey: null,
      amount: 1,
      targets: [10, 25, 50],
      expiresAt: T0 + 86_400_000,
      ...over,
    });

    it('fifty steps at once from two writers: total 50, each stage reached by exactly one step', async () => {
      const { a, b } = open();
      const missionId = `m-${randomUUID()}`;
      const outcomes = (await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).progress([step({ missionId })])))).flat();
      expect(outcomes.every((o) => o.counted)).toBe(true);
      expect(outcomes.flatMap((o) => o.reached).sort()).toEqual([1, 2, 3]);
      expect(new Set(outcomes.map((o) => o.total)).size).toBe(50);
      expect(await a.totals([{ missionId, memberId: 'u1', period: '2026-11-26' }])).toEqual([50]);
      expect(await b.completions(missionId, 3)).toEqual([1, 1, 1]);
    });

    it('one event key counts once however many copies arrive together; another period starts from zero', async () => {
      const { a, b } = open();
      const missionId = `m-${randomUUID()}`;
      const copies = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).progress([step({ missionId, eventKey: 'order-7', amount: 30 })])));
      const counted = copies.flat().filter((o) => o.counted);
      expect(counted).toHaveLength(1);
      expect(counted[0]).toEqual({ total: 30, counted: true, reached: [1, 2] });
      const [next] = await a.progress([step({ missionId, eventKey: 'order-7', amount: 30, period: '2026-11-27' })]);
      expect(next).toEqual({ total: 30, counted: true, reached: [1, 2] });
      const [other] = await b.progress([step({ missionId, memberId: 'u2', eventKey: 'order-7', amount: 5 })]);
      expect(other).toEqual({ total: 5, counted: true, reached: [] });
      expect(await a.completions(missionId, 3)).toEqual([2, 2, 0]);
    });

    it('a batch answers like its steps one by one, in order', async () => {
      const { a } = open();
      const missionId = `m-${randomUUID()}`;
      const out = await a.progress([step({ missionId, amount: 9 }), step({ missionId, amount: 1, eventKey: 'x' }), step({ missionId, amount: 1, eventKey: 'x' }), step({ missionId, amount: 40 })]);
      expect(out).toEqual([
        { total: 9, counted: true, reached: [] },
        { total: 10, counted: true, reached: [1] },
        { total: 10, counted: false, reached: [] },
        { total: 50, counted: true, reached: [2, 3] },
      ]);
    });

    it('forgets progress once its keep-until has passed (SQLite by the sweep, Redis by the keys themselves)', async () => {
      const { a } = open();
      const missionId = `m-${randomUUID()}`;
      const ref = { missionId, memberId: 'u1', period: '2026-11-26' };
      await a.progress([step({ missionId, eventKey: 'e1', amount: 3, expiresAt: Date.now() + 300 })]);
      const kept = await a.progress([step({ missionId, amount: 1, expiresAt: Date.now() + 60_000, period: '2026-11-27' })]);
      expect(kept[0]!.total).toBe(1);
      expect(await a.totals([ref])).toEqual([3]);
      await new Promise((r) => setTimeout(r, 600));
      await a.forgetExpired(Date.now());
      expect(await a.totals([ref, { ...ref, period: '2026-11-27' }])).toEqual([0, 1]);
      // The forgotten event key counts again: its period's progress starts over.
      expect(await a.progress([step({ missionId, eventKey: 'e1', amount: 3, expiresAt: Date.now() + 60_000 })])).toEqual([{ total: 3, counted: true, reached: [] }]);
    });

    it('refuses a malformed step before storing any of its batch', async () => {
      const { a } = open();
      const missionId = `m-${randomUUID()}`;
      await expect(a.progress([step({ missionId }), step({ missionId, amount: 0 })])).rejects.toMatchObject({ code: 'VALIDATION', field: 'amount' });
      await expect(a.progress([step({ missionId, targets: [] })])).rejects.toMatchObject({ code: 'VALIDATION', field: 'targets' });
      expect(await a.totals([{ missionId, memberId: 'u1', period: '2026-11-26' }])).toEqual([0]);
    });
  });
}

let dir: string;
const dbs: SqliteDatabase[] = [];
let sqlitePair: Pair;
let redis: RedisServer;
const redisEngines: RedisEngine[] = [];
let redisPair: Pair;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'frontrow-missions-'));
  dbs.push(openDatabase(dir), openDatabase(dir));
  sqlitePair = { a: new SqliteMissionsEngine(dbs[0]!), b: new SqliteMissionsEngine(dbs[1]!) };
  redis = await startRedisServer();
  const prefix = `t:${randomUUID()}:`;
  for (let i = 0; i < 2; i++) {
    const engine = new RedisEngine({ redisUrl: redis.url, keyPrefix: prefix, sink: new MemoryLedgerSink(), processId: `p-${randomUUID()}` });
    await engine.init();
    redisEngines.push(engine);
  }
  redisPair = { a: new RedisMissionsEngine(redisEngines[0]!), b: new RedisMissionsEngine(redisEngines[1]!) };
});
afterAll(async () => {
  for (const e of redisEngines) await e.close();
  await redis?.stop();
  for (const db of dbs) db.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

contract('SQLite, two connections', () => sqlitePair);
contract('Redis, two clients', () => redisPair);
