/**
 * Behaviour only RedisEngine has, so it cannot live in the engine contract:
 * several processes sharing one Redis (the ledger consumer group, presence of a
 * process that died) and Redis itself crashing. SQLite has no outbox to recover,
 * keeps presence in one process, and has no server to kill.
 *
 * "A process" here is a real child process killed with SIGKILL, not a
 * simulated one: what it leaves behind in Redis is exactly what a crash leaves.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Engine, LedgerResult } from '../../server/engine/engine.ts';
import { LEDGER_GROUP } from '../../server/engine/redis/redis-ledger-consumer.ts';
import { RedisKeys } from '../../server/engine/redis/redis-keys.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { FAST, REPO, T0, flushed, useRedisEngines } from '../support/redis-engine-harness.ts';
import { eventually } from '../support/clients.ts';

const h = useRedisEngines();
const newPrefix = h.newPrefix;

const startEngine = h.startEngine;

const award = (engine: Engine, key: string, memberId: string, delta: number) =>
  engine.award({ key, memberId, delta, reason: 'watch', streamId: 's1', at: T0 });

interface ChildPlan {
  prefix: string;
  processId: string;
  /** Awards to make: key k<i> for member m<i % 5>, delta i % 4 + 1. */
  awards: number;
  /** Connections to hold: [streamId, connId, viewerKey]. */
  joins: Array<[string, string, string]>;
}

/**
 * Runs a RedisEngine in a child process whose sink never finishes (every entry
 * it reads stays unacknowledged), performs the plan, then is killed with
 * SIGKILL. Returns the ledger results the child was acknowledged.
 */
async function crashAfter(plan: ChildPlan): Promise<LedgerResult[]> {
  const code = `
    import { RedisEngine } from ${JSON.stringify(REPO + 'server/engine/redis/redis-engine.ts')};
    const plan = JSON.parse(process.env.PLAN);
    const sink = { appendLedger: () => new Promise(() => {}) };
    const engine = new RedisEngine({ redisUrl: plan.url, keyPrefix: plan.prefix, sink, processId: plan.processId, timings: plan.timings });
    await engine.init();
    for (const [s, c, v] of plan.joins) await engine.join(s, c, v);
    const results = [];
    for (let i = 0; i < plan.awards; i++) {
      results.push(await engine.award({ key: 'k' + i, memberId: 'm' + (i % 5), delta: (i % 4) + 1, reason: 'watch', streamId: 's1', at: plan.at }));
    }
    process.stdout.write('RESULTS ' + JSON.stringify(results) + '\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: REPO,
    env: { ...process.env, PLAN: JSON.stringify({ ...plan, url: h.server.url, timings: FAST, at: T0 }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  h.children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const results = await new Promise<LedgerResult[]>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('RESULTS '));
      if (line) resolve(JSON.parse(line.slice('RESULTS '.length)) as LedgerResult[]);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before finishing: ${err}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  return results;
}

const byKey = (entries: LedgerEntry[]) => new Map(entries.map((e) => [e.key, e]));

describe('ledger outbox after a crash', () => {
  it('entries a killed process applied but never copied are copied by another process', async () => {
    const prefix = newPrefix();
    const acked = await crashAfter({ prefix, processId: 'doomed', awards: 300, joins: [] });
    expect(acked.every((r) => r.applied)).toBe(true);

    // What the crash left: every entry still in the outbox, some of them read by the dead consumer.
    const stream = new RedisKeys(prefix).ledgerStream;
    expect(await h.admin.xlen(stream)).toBe(300);
    const [pendingCount] = (await h.admin.xpending(stream, LEDGER_GROUP)) as [number];
    expect(pendingCount).toBeGreaterThan(0);

    const sink = new MemoryLedgerSink();
    const engine = await startEngine(prefix, sink, 'survivor');
    await flushed(engine);
    const copied = byKey(await sink.entries());
    expect(copied.size).toBe(300);
    for (const r of acked) expect(copied.get(r.entry.key)).toEqual(r.entry);
    for (let m = 0; m < 5; m++) {
      const sum = [...copied.values()].filter((e) => e.memberId === `m${m}`).reduce((a, e) => a + e.delta, 0);
      expect(await engine.balance(`m${m}`)).toBe(sum);
    }
    expect(await h.admin.xlen(stream)).toBe(0);
    // The dead consumer was taken over and removed from the group.
    const consumers = (await h.admin.call('XINFO', 'CONSUMERS', stream, LEDGER_GROUP)) as unknown[][];
    expect(consumers.map((c) => c[1])).not.toContain('doomed');
  });

  it('a process restarting with the same id re-reads its pending entries and drops its old connections', async () => {
    const prefix = newPrefix();
    const acked = await crashAfter({ prefix, processId: 'same', awards: 40, joins: [['s1', 'same:c1', 'm:a'], ['s1', 'same:c2', 'g:x']] });
    // Looked at directly: another engine on the prefix would take over the entries itself.
    const keys = new RedisKeys(prefix);
    expect(await h.admin.hlen(keys.presence('s1').viewers)).toBe(2);
    const [pendingCount, , , owners] = (await h.admin.xpending(keys.ledgerStream, LEDGER_GROUP)) as [number, string, string, Array<[string, string]>];
    expect(pendingCount).toBeGreaterThan(0);
    expect(owners.map((o) => o[0])).toEqual(['same']);

    const sink = new MemoryLedgerSink();
    const engine = await startEngine(prefix, sink, 'same');
    expect(await engine.presence('s1')).toEqual({ viewers: 0, members: 0 });
    await flushed(engine);
    expect(byKey(await sink.entries())).toEqual(byKey(acked.map((r) => r.entry)));
  });
});

describe('several processes on one Redis', () => {
  it('two engines awarding the same 200 keys concurrently apply each once', async () => {
    const prefix = newPrefix();
    const sink = new MemoryLedgerSink(); // one durable store, as the processes of a deployment share
    const [a, b] = await Promise.all([startEngine(prefix, sink), startEngine(prefix, sink)]);
    const keys = Array.from({ length: 200 }, (_, i) => i);
    const results = await Promise.all(keys.flatMap((i) => [a, b].map((e) => award(e, `k${i}`, `m${i % 7}`, (i % 5) + 1))));

    const applied = results.filter((r) => r.applied);
    expect(applied).toHaveLength(200);
    expect(new Set(applied.map((r) => r.entry.key)).size).toBe(200);
    // Both callers of one key see the same entry.
    for (const r of results) expect(r.entry).toEqual(applied.find((x) => x.entry.key === r.entry.key)!.entry);

    await Promise.all([flushed(a), flushed(b)]);
    const copied = await sink.entries();
    expect(byKey(copied)).toEqual(byKey(applied.map((r) => r.entry)));
    for (let m = 0; m < 7; m++) {
      const expected = keys.filter((i) => i % 7 === m).reduce((s, i) => s + (i % 5) + 1, 0);
      expect(await a.balance(`m${m}`)).toBe(expected);
      expect(await b.balance(`m${m}`)).toBe(expected);
    }
  });

  it('one member with tabs on two processes is one viewer', async () => {
    const prefix = newPrefix();
    const [a, b] = await Promise.all([startEngine(prefix), startEngine(prefix)]);
    expect(await a.join('s1', 'a:1', 'm:z')).toMatchObject({ viewers: 1, firstConnection: true });
    expect(await b.join('s1', 'b:1', 'm:z')).toMatchObject({ viewers: 1, firstConnection: false });
    expect(await a.leave('s1', 'a:1')).toMatchObject({ viewers: 1, lastConnection: false });
    expect(await b.leave('s1', 'b:1')).toMatchObject({ viewers: 0, lastConnection: true });
  });

  it('the connections of a killed process are swept; the living keep theirs', async () => {
    const prefix = newPrefix();
    const engine = await startEngine(prefix);
    await engine.join('s1', 'live:1', 'm:a');
    await engine.join('s1', 'live:2', 'm:z');
    await crashAfter({
      prefix,
      processId: 'ghost',
      awards: 0,
      joins: [['s1', 'ghost:1', 'm:a'], ['s1', 'ghost:2', 'm:b'], ['s1', 'ghost:3', 'g:x'], ['s2', 'ghost:4', 'm:b']],
    });
    expect(await engine.presence('s1')).toEqual({ viewers: 4, members: 3 });
    expect(await engine.presence('s2')).toEqual({ viewers: 1, members: 1 });

    await eventually(async () => {
      expect(await engine.presence('s1')).toEqual({ viewers: 2, members: 2 });
      expect(await engine.presence('s2')).toEqual({ viewers: 0, members: 0 });
    });
    // Member a is still watching on the living process.
    expect(await engine.leave('s1', 'live:1')).toMatchObject({ viewers: 1, lastConnection: true });
  });

  it('a process that stalled past its liveness records its swept connections again', async () => {
    const prefix = newPrefix();
    // Its alive key lapses long before its next refresh: the other process sweeps it in between.
    const stalled = await startEngine(prefix, undefined, 'stalled', { ...FAST, ttlMs: 500, refreshMs: 2_000 });
    const other = await startEngine(prefix);
    await stalled.join('s1', 'st:1', 'm:a');
    await stalled.join('s1', 'st:2', 'g:x');
    await eventually(async () => expect(await other.presence('s1')).toEqual({ viewers: 0, members: 0 }));
    await eventually(async () => expect(await other.presence('s1')).toEqual({ viewers: 2, members: 1 }));
    expect(await stalled.leave('s1', 'st:1')).toMatchObject({ viewers: 1, members: 0, lastConnection: true });
  });

  it('a graceful close removes the connections of that process at once', async () => {
    const prefix = newPrefix();
    const [a, b] = await Promise.all([startEngine(prefix), startEngine(prefix)]);
    await a.join('s1', 'a:1', 'm:a');
    await b.join('s1', 'b:1', 'm:b');
    await a.close();
    expect(await b.presence('s1')).toEqual({ viewers: 1, members: 1 });
  });
});

describe('Redis itself', () => {
  it('kill -9 of Redis loses no acknowledged change (AOF, fsync always)', async () => {
    const prefix = newPrefix();
    // The sink is held shut so the entries are still only in Redis when it dies.
    let open = false;
    const gated = new MemoryLedgerSink();
    const sink = {
      async appendLedger(entries: LedgerEntry[]) {
        while (!open) await new Promise((r) => setTimeout(r, 20));
        await gated.appendLedger(entries);
      },
    };
    const engine = await startEngine(prefix, sink as MemoryLedgerSink);
    const made = [];
    for (let i = 0; i < 30; i++) made.push(await award(engine, `k${i}`, 'a', 2));
    made.push(await engine.spend({ key: 'p1', memberId: 'a', cost: 15, reason: 'purchase', at: T0 }));

    await h.server.kill();
    await h.server.restart();

    // The engine fails fast while its connection is down (no offline queue), then reconnects by itself.
    expect(await eventually(() => engine.balance('a'), 5_000, 50)).toBe(45);
    expect((await award(engine, 'k0', 'a', 2)).applied).toBe(false);
    expect(await engine.topMembers('s1', 1)).toEqual([{ memberId: 'a', points: 60 }]);
    open = true;
    await flushed(engine);
    expect(byKey(await gated.entries())).toEqual(byKey(made.map((r) => r.entry)));

    const fresh = await startEngine(prefix);
    expect(await fresh.balance('a')).toBe(45);
  });

  it('a failing sink is retried until the entries are in', async () => {
    let failures = 3;
    const inner = new MemoryLedgerSink();
    const sink = {
      async appendLedger(entries: LedgerEntry[]) {
        if (failures-- > 0) throw new Error('store unavailable');
        await inner.appendLedger(entries);
      },
    };
    const engine = await startEngine(newPrefix(), sink as MemoryLedgerSink);
    for (let i = 0; i < 10; i++) await award(engine, `k${i}`, 'a', 1);
    await flushed(engine);
    expect((await inner.entries()).map((e) => e.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
  });
});

describe('keys', () => {
  it('idempotency keys never expire; resetForTests clears only its own prefix', async () => {
    const mine = newPrefix();
    const theirs = newPrefix();
    const sinkA = new MemoryLedgerSink();
    const [a, b] = await Promise.all([startEngine(mine, sinkA, 'pa'), startEngine(theirs)]);
    await award(a, 'k1', 'x', 5);
    await award(b, 'k1', 'x', 5);
    await a.join('s1', 'c1', 'm:x');
    await a.hit('limit', 'id', 3, 60_000, T0);
    await Promise.all([flushed(a), flushed(b)]);
    expect(await h.admin.ttl(new RedisKeys(mine).ledgerKeys)).toBe(-1);

    await a.resetForTests();
    const left = await h.admin.keys(`${mine}*`);
    // Only the bookkeeping a running engine needs: its (empty) outbox with the group, and its liveness.
    const k = new RedisKeys(mine);
    expect(left.sort()).toEqual([k.alive('pa'), k.ledgerStream, k.processes].sort());
    expect(await h.admin.xlen(k.ledgerStream)).toBe(0);
    expect(await b.balance('x')).toBe(5);
    expect((await award(b, 'k1', 'x', 5)).applied).toBe(false);
    // The engine keeps working on a clean slate, outbox included.
    expect((await award(a, 'k1', 'x', 5)).applied).toBe(true);
    await flushed(a);
    expect((await sinkA.entries()).filter((e) => e.key === 'k1')).toHaveLength(1);
  });
});

