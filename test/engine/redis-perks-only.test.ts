/**
 * Behaviour only RedisPerksEngine has, so it cannot live in the perks contract:
 * the outboxes copied into the store by whichever process is alive, several
 * processes deciding claims on one Redis, and drop outboxes retired once
 * settled. SqlitePerksEngine commits into the store's own file, so it has no
 * outbox to recover; its processes are covered by the SQLite engine tests.
 *
 * "A process" in the crash test is a real child process killed with SIGKILL:
 * what it leaves behind in Redis is exactly what a crash leaves.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClaimDecision, EnterResult } from '../../server/engine/perks-engine.ts';
import { RedisEngine } from '../../server/engine/redis/redis-engine.ts';
import { RedisKeys } from '../../server/engine/redis/redis-keys.ts';
import { OUTBOX_GROUP } from '../../server/engine/redis/redis-outbox.ts';
import { RedisPerksEngine } from '../../server/engine/redis/redis-perks-engine.ts';
import type { Claim } from '../../shared/perks.ts';
import { MemoryLedgerSink } from '../support/memory-ledger-sink.ts';
import { FAST, REPO, T0, flushed, useRedisEngines } from '../support/redis-engine-harness.ts';
import { eventually } from '../support/clients.ts';

const h = useRedisEngines();
const newPrefix = h.newPrefix;

async function startPerks(prefix: string, sink = new MemoryLedgerSink(), processId = `p-${randomUUID()}`) {
  const engine = await h.startEngine(prefix, sink, processId);
  return { engine, perks: new RedisPerksEngine(engine) };
}

const claimAt = (perks: RedisPerksEngine, dropId: string, memberId: string, requestId = 'r', nowMs = T0) =>
  perks.claim({ dropId, memberId, requestId, nowMs, opensAtForMember: T0, claimId: randomUUID(), checkoutRef: `co-${memberId}`, expiresAt: nowMs + 60_000 });

interface CrashResults {
  claims: ClaimDecision[];
  confirmed: Claim[];
  entry: EnterResult;
}

/**
 * Runs engines in a child process whose sink never finishes (whatever its
 * consumer reads stays unacknowledged), makes claims until its consumer holds
 * some of them pending, makes more, confirms a few and enters a paid lottery,
 * prints what it was acknowledged, and is killed with SIGKILL.
 */
async function crashAfterClaims(prefix: string, processId: string): Promise<CrashResults> {
  const code = `
    import { Redis } from 'ioredis';
    import { RedisEngine } from ${JSON.stringify(REPO + 'server/engine/redis/redis-engine.ts')};
    import { RedisPerksEngine } from ${JSON.stringify(REPO + 'server/engine/redis/redis-perks-engine.ts')};
    import { RedisKeys } from ${JSON.stringify(REPO + 'server/engine/redis/redis-keys.ts')};
    const plan = JSON.parse(process.env.PLAN);
    const never = () => new Promise(() => {});
    const sink = { appendLedger: never, upsertClaims: never, appendLotteryEntries: never };
    const engine = new RedisEngine({ redisUrl: plan.url, keyPrefix: plan.prefix, sink, processId: plan.processId, timings: plan.timings });
    await engine.init();
    const perks = new RedisPerksEngine(engine);
    const probe = new Redis(plan.url);
    const outbox = new RedisKeys(plan.prefix).drop('d').outbox;
    await perks.defineDrop({ dropId: 'd', stock: 100, perMemberLimit: 2 });
    const claim = (i) => perks.claim({ dropId: 'd', memberId: 'm' + (i % 40), requestId: 'r' + i, nowMs: plan.at, opensAtForMember: plan.at,
      claimId: 'c' + i, checkoutRef: 'co' + i, expiresAt: plan.at + 60000 });
    const claims = [];
    for (let i = 0; i < 30; i++) claims.push(await claim(i));
    // Wait until this process's consumer has read (and is stuck copying) some of them.
    while (Number((await probe.xpending(outbox, plan.group))[0]) === 0) await new Promise((r) => setTimeout(r, 10));
    for (let i = 30; i < 60; i++) claims.push(await claim(i));
    const confirmed = [];
    for (const id of ['c0', 'c31', 'c45']) confirmed.push(await perks.confirmClaim(id, plan.at + 1));
    await engine.award({ key: 'fund', memberId: 'm1', delta: 40, reason: 'adjustment', at: plan.at });
    await perks.defineLottery('l');
    const entry = await perks.enterLottery({ lotteryId: 'l', memberId: 'm1', weight: 1, cost: 25, ledgerKey: 'lottery:l:m1',
      reason: 'lottery-entry', streamId: null, at: plan.at });
    process.stdout.write('RESULTS ' + JSON.stringify({ claims, confirmed, entry }) + '\\n');
    setInterval(() => {}, 1000);
  `;
  const plan = { url: h.server.url, prefix, processId, timings: FAST, at: T0, group: OUTBOX_GROUP };
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: REPO,
    env: { ...process.env, PLAN: JSON.stringify(plan) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  h.children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const results = await new Promise<CrashResults>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('RESULTS '));
      if (line) resolve(JSON.parse(line.slice('RESULTS '.length)) as CrashResults);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before finishing: ${err}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  return results;
}

const sortById = (cs: Claim[]) => [...cs].sort((a, b) => a.id.localeCompare(b.id));

describe('outboxes after a crash', () => {
  it('claims, confirmations and a paid entry acknowledged by a killed process reach the store through another', async () => {
    const prefix = newPrefix();
    const acked = await crashAfterClaims(prefix, 'doomed');
    expect(acked.claims.filter((d) => d.ok)).toHaveLength(60);

    // What the crash left: every claim change still in the drop's outbox, some read by the dead consumer.
    const keys = new RedisKeys(prefix);
    const outbox = keys.drop('d').outbox;
    expect(await h.admin.xlen(outbox)).toBe(63);
    const [pending, , , owners] = (await h.admin.xpending(outbox, OUTBOX_GROUP)) as [number, string, string, Array<[string, string]>];
    expect(pending).toBeGreaterThan(0);
    expect(owners.map((o) => o[0])).toEqual(['doomed']);

    const sink = new MemoryLedgerSink();
    const { perks } = await startPerks(prefix, sink, 'survivor');
    // The survivor takes over once it sees the dead process's liveness lapse; flush waits for all of it.
    await flushed(perks);
    const expected = new Map<string, Claim>();
    for (const d of acked.claims) if (d.ok) expected.set(d.claim.id, d.claim);
    for (const c of acked.confirmed) expected.set(c.id, c);
    expect(sortById(await sink.claims())).toEqual(sortById([...expected.values()]));
    expect(await sink.lotteryEntries()).toEqual([acked.entry.entry]);
    expect((await sink.entries()).map((e) => e.key).sort()).toEqual(['fund', 'lottery:l:m1']);
    expect(await h.admin.xlen(outbox)).toBe(0);
    const consumers = (await h.admin.call('XINFO', 'CONSUMERS', outbox, OUTBOX_GROUP)) as unknown[][];
    expect(consumers.map((c) => c[1])).not.toContain('doomed');
  });
});

describe('several processes on one Redis', () => {
  it('two engines claiming 100 units for 1,000 members split between them give out exactly 100', async () => {
    const prefix = newPrefix();
    const sink = new MemoryLedgerSink();
    const [a, b] = await Promise.all([startPerks(prefix, sink), startPerks(prefix, sink)]);
    await a.perks.defineDrop({ dropId: 'd', stock: 100, perMemberLimit: 1 });
    const ds = await Promise.all(Array.from({ length: 1000 }, (_, i) => claimAt((i % 2 === 0 ? a : b).perks, 'd', `m${i}`)));
    const oks = ds.filter((d) => d.ok);
    expect(oks).toHaveLength(100);
    expect(ds.filter((d) => !d.ok && d.refusal === 'SOLD_OUT')).toHaveLength(900);
    expect(await b.perks.dropStock('d')).toEqual({ stock: 100, remaining: 0, reserved: 100, confirmed: 0, closed: false });
    await Promise.all([flushed(a.perks), flushed(b.perks)]);
    expect(await sink.claims()).toHaveLength(100);
    // A claim made through one process is found and confirmed through the other.
    const first = oks[0]!;
    if (!first.ok) throw new Error('unreachable');
    expect((await b.perks.confirmClaim(first.claim.id, T0 + 1))?.status).toBe('confirmed');
  });
});

describe('drop outboxes', () => {
  it('a closed drop with no reservation left stops being read once its outbox is copied; a live one is kept', async () => {
    const prefix = newPrefix();
    const keys = new RedisKeys(prefix);
    const sink = new MemoryLedgerSink();
    const { perks } = await startPerks(prefix, sink);
    await perks.defineDrop({ dropId: 'done', stock: 5, perMemberLimit: 1 });
    await perks.defineDrop({ dropId: 'live', stock: 5, perMemberLimit: 1 });
    expect((await h.admin.smembers(keys.outboxes)).sort()).toEqual(['done', 'live']);

    const kept = await claimAt(perks, 'done', 'a');
    const gone = await claimAt(perks, 'done', 'b');
    if (!kept.ok || !gone.ok) throw new Error('claims refused');
    await perks.confirmClaim(kept.claim.id, T0 + 1);
    await perks.closeDrop('done');
    await claimAt(perks, 'live', 'a');
    await perks.closeDrop('live'); // closed, but a reservation may still expire or be confirmed
    // Closed but one reservation left: still read.
    await new Promise((r) => setTimeout(r, 600));
    expect(await h.admin.sismember(keys.outboxes, 'done')).toBe(1);

    await perks.expireClaims('done', gone.claim.expiresAt);
    await eventually(async () => expect(await h.admin.smembers(keys.outboxes)).toEqual(['live']));
    expect(await h.admin.exists(keys.drop('done').outbox)).toBe(0);
    // Everything had reached the store first, and the drop still answers.
    expect(sortById((await sink.claims()).filter((c) => c.dropId === 'done'))).toEqual(
      sortById([(await perks.claimById(kept.claim.id))!, (await perks.claimById(gone.claim.id))!]),
    );
    expect((await sink.claims()).find((c) => c.id === gone.claim.id)?.status).toBe('expired');
    expect(await claimAt(perks, 'done', 'a')).toMatchObject({ ok: true, replayed: true });
    expect(await perks.dropStock('done')).toEqual({ stock: 5, remaining: 4, reserved: 0, confirmed: 1, closed: true });
  });
});
