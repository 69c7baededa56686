/**
 * Issue 12's attack, tried as a dishonest operator would: read the secret
 * seed from the server's own database, then enter puppet accounts chosen so
 * that a member of their choosing wins. With LOTTERY_BEACON=none (v1) the
 * attack works — the proof is labelled v1, commit-only. With a drand beacon
 * (v2, a local relay signing a test chain) the entries freeze before the
 * named round exists, and the winners follow from that round alone: the
 * attacker's choice means nothing. The CLI verifier checks the v2 proof and
 * fails a tampered one.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/sqlite/sqlite-database.ts';
import { drawRoundFor } from '../../shared/drand-chain.ts';
import { entriesHashOf, pickWinners, sortEntries, verifyProof, type LotteryEntryPair } from '../../shared/lottery-proof.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { api, ask, connect, hostToken, liveShow, ssoMember } from '../support/clients.ts';
import { drandEnv, startFakeDrand, type FakeDrand } from '../support/fake-drand.ts';
import { TestClock } from '../support/test-clock.ts';

const run = promisify(execFile);
const HONEST = 21;
/** Accounts the operator makes but enters only when one tips the draw. */
const PUPPET_POOL = 150;

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** v2's order as PROTOCOL.md states it, computed here without the project's code. */
function referenceOrder(seedHex: string, randomnessHex: string, entries: LotteryEntryPair[]): string[] {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  const entriesHash = sha(JSON.stringify(sorted)).toString('hex');
  const key = sha(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(randomnessHex, 'hex')]));
  return sorted
    .map(([id, w]) => ({ id, k: Math.log((Number(createHmac('sha256', key).update(`${entriesHash}:${id}`).digest().readBigUInt64BE(0) >> 11n) + 0.5) / 2 ** 53) / w }))
    .sort((a, b) => b.k - a.k || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)))
    .map((s) => s.id);
}

interface Show {
  running: RunningApp;
  base: string;
  host: string;
  lotteryId: string;
  honest: string[];
  sockets: Socket[];
}

async function openShow(env: Record<string, string>, clock: TestClock, options: { redisUrl?: string; dataDir?: string } = {}): Promise<Show> {
  const running = await startApp({ clock, env, ...options });
  const base = running.url;
  const host = await hostToken(base);
  const streamId = await liveShow(base, host, 'giveaway night');
  const created = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Jade', prize: 'A jade bangle', winners: 1, requireWatching: false }, host);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const show: Show = { running, base, host, lotteryId: created.body.lottery.id, honest: [], sockets: [] };
  for (let i = 0; i < HONEST; i++) show.honest.push(await enter(show, await ssoMember(base, `honest-${i}-${Math.random()}`, `Fan ${i}`)));
  return show;
}

async function enter(show: Show, m: { token: string; memberId: string }): Promise<string> {
  const socket = await connect(show.base, '/live', { token: m.token });
  show.sockets.push(socket);
  const entered = await ask(socket, 'lottery:enter', { lotteryId: show.lotteryId });
  expect(entered.ok, JSON.stringify(entered)).toBe(true);
  return m.memberId;
}

/** The secret seed, read from the database file as whoever runs the server can. */
function readSeed(show: Show): string {
  const db = new Database(join(show.running.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[string], { json: string }>('SELECT json FROM lotteries WHERE id = ?').get(show.lotteryId)!;
    return (JSON.parse(row.json) as { seed: string }).seed;
  } finally {
    db.close();
  }
}

/** v1's prediction: who wins these entries with this seed alone. */
async function v1Winner(seed: string, ids: string[]): Promise<string> {
  const sorted = sortEntries(ids.map((id): LotteryEntryPair => [id, 1]));
  return (await pickWinners(seed, sorted, await entriesHashOf(sorted), 1))[0]!;
}

/** Enters puppets until the seed says `target` wins; returns the entrants the operator believes are in. */
async function rig(show: Show, target: string): Promise<string[]> {
  const seed = readSeed(show);
  const pool: Array<{ token: string; memberId: string }> = [];
  for (let i = 0; i < PUPPET_POOL; i++) pool.push(await ssoMember(show.base, `puppet-${i}-${Math.random()}`, `Puppet ${i}`));
  const entrants = [...show.honest];
  while (pool.length > 0) {
    if ((await v1Winner(seed, entrants)) === target) return entrants;
    let pick = 0;
    for (let i = 0; i < pool.length; i++) {
      if ((await v1Winner(seed, [...entrants, pool[i]!.memberId])) === target) {
        pick = i;
        break;
      }
    }
    entrants.push(await enter(show, pool.splice(pick, 1)[0]!));
  }
  throw new Error('no puppet tipped the draw (the pool is too small)');
}

describe('a dishonest operator against the draw (issue 12)', () => {
  let show: Show | null = null;
  let relay: FakeDrand | null = null;
  afterEach(async () => {
    for (const s of show?.sockets ?? []) s.close();
    await show?.running.stop();
    await relay?.close();
    show = null;
    relay = null;
  });

  /** Polls the lottery until the server's own sweep has drawn it (no host action). */
  async function drawnBySweep(base: string, lotteryId: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let status = '';
    while (status !== 'drawn' && Date.now() < deadline) {
      status = (await api(base, 'GET', `/api/lotteries/${lotteryId}`)).body.lottery.status;
      if (status !== 'drawn') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('drawn');
  }

  it('v1 (LOTTERY_BEACON=none): reading the seed and adding puppets picks the winner, and the proof still says v1 holds', async () => {
    const clock = new TestClock();
    show = await openShow({ LOTTERY_BEACON: 'none' }, clock);
    const target = show.honest[7]!;
    await rig(show, target);
    const draw = await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host);
    expect(draw.status).toBe(200);
    expect(draw.body.proof.algorithm).toBe('frontrow-lottery-v1');
    expect(draw.body.proof.winners).toEqual([target]);
  }, 120_000);

  it('v2 (drand): the same attack steers nothing; the round named at the freeze alone fixes the winners', async () => {
    const clock = new TestClock();
    relay = await startFakeDrand(clock.read);
    show = await openShow(drandEnv(relay), clock);
    const target = show.honest[7]!;
    const believed = await rig(show, target);

    const frozenAt = clock.now;
    const draw = await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host);
    expect(draw.status, JSON.stringify(draw.body)).toBe(202);
    expect(draw.body.proof).toBeNull();
    const { lottery } = draw.body;
    const round = drawRoundFor(relay.chain, frozenAt);
    expect(lottery).toMatchObject({ status: 'drawing', freeze: { round, frozenAt, entryCount: believed.length, chain: { hash: relay.chain.hash } } });
    const sorted = sortEntries(believed.map((id): LotteryEntryPair => [id, 1]));
    expect(lottery.freeze.entriesHash).toBe(await entriesHashOf(sorted));
    // Nobody could know the round then: the relay itself would not serve it.
    expect((await fetch(`${relay.url}/${relay.chain.hash}/public/${round}`)).status).toBe(425);
    // Frozen: no more puppets, and no cancelling once the round is named.
    const late = await ssoMember(show.base, `late-${Math.random()}`, 'Late puppet');
    const lateSocket = await connect(show.base, '/live', { token: late.token });
    show.sockets.push(lateSocket);
    expect((await ask(lateSocket, 'lottery:enter', { lotteryId: show.lotteryId })).error.code).toBe('CLOSED');
    expect((await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/cancel`, undefined, show.host)).body.error.code).toBe('CONFLICT');

    clock.advance(3 * relay.chain.period * 1000);
    const drawn = await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host);
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const proof = drawn.body.proof;
    expect(proof.algorithm).toBe('frontrow-lottery-v2');
    expect(proof.beacon).toMatchObject({ ...relay.sign(round), chain: relay.chain });
    const seed = readSeed(show);
    const order = referenceOrder(seed, relay.sign(round).randomness, sorted);
    expect(proof.order).toEqual(order);
    expect(proof.winners).toEqual(order.slice(0, 1));
    expect(drawn.body.lottery.winnerList.map((w: { memberId: string }) => w.memberId)).toEqual(proof.winners);
    // The operator's arithmetic described a different draw; another round would have drawn differently again.
    expect(referenceOrder(seed, relay.sign(round + 1).randomness, sorted)).not.toEqual(order);

    const dir = mkdtempSync(join(tmpdir(), 'proof-v2-'));
    const holds = await run('npm', ['run', '--silent', 'verify:lottery', '--', `${show.base}/api/lotteries/${show.lotteryId}/proof`]);
    expect(holds.stdout).toMatch(/PROOF HOLDS/);
    expect(holds.stdout).toMatch(/frontrow-lottery-v2/);
    expect(holds.stdout).toMatch(/not drand's public quicknet/);
    const inChinese = await run('npm', ['run', '--silent', 'verify:lottery', '--', `${show.base}/api/lotteries/${show.lotteryId}/proof`, '--lang', 'zh-TW']);
    expect(inChinese.stdout).toMatch(/PROOF HOLDS（驗證通過）/);
    expect(inChinese.stdout).toMatch(/該輪的隨機數是其簽章的雜湊值/);
    expect(inChinese.stdout).toMatch(/不是 drand 的公開 quicknet/);
    // Each thing the proof commits to, changed: the CLI fails it and names the step.
    const other = relay.sign(round + 1);
    const tampers: Array<[string, object, RegExp]> = [
      ['seed', { ...proof, seed: sha('another seed').toString('hex') }, /commitment/],
      ['entries', { ...proof, entries: [...proof.entries.slice(1), [proof.entries[0][0], 2]] }, /entries/],
      ['round', { ...proof, beacon: { ...proof.beacon, ...other } }, /round/],
      ['signature', { ...proof, beacon: { ...proof.beacon, signature: other.signature } }, /signature/],
    ];
    for (const [what, tampered, reason] of tampers) {
      writeFileSync(join(dir, `${what}.json`), JSON.stringify({ proof: tampered }));
      const fails = await run('npm', ['run', '--silent', 'verify:lottery', '--', join(dir, `${what}.json`)]).catch((e) => e);
      expect(fails.code, what).toBe(1);
      expect(fails.stdout, what).toMatch(new RegExp(`PROOF FAILS.*${reason.source}`));
    }
  }, 120_000);

  it('v2 in Redis mode: frozen, then drawn by the sweep once the round is out; the proof verifies', async () => {
    const redis = await startRedisServer();
    try {
      const clock = new TestClock();
      relay = await startFakeDrand(clock.read);
      show = await openShow(drandEnv(relay), clock, { redisUrl: redis.url });
      expect((await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host)).status).toBe(202);
      clock.advance(10_000);
      await drawnBySweep(show.base, show.lotteryId);
      const proof = (await api(show.base, 'GET', `/api/lotteries/${show.lotteryId}/proof`)).body.proof;
      expect(proof.entries).toHaveLength(HONEST);
      expect(await verifyProof(proof)).toEqual({ ok: true, version: 2, publicChain: false });
      for (const s of show.sockets) s.close();
      await show.running.stop();
      show = null;
    } finally {
      await redis.stop();
    }
  }, 120_000);

  it('v2: a draw frozen before a restart is finished by the restarted server', async () => {
    const clock = new TestClock();
    relay = await startFakeDrand(clock.read);
    show = await openShow(drandEnv(relay), clock);
    expect((await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host)).status).toBe(202);
    for (const s of show.sockets) s.close();
    show.sockets = [];
    const dataDir = show.running.dataDir;
    // Keep the data dir: the second server opens the same database.
    const first = show.running;
    show.running = await startApp({ clock, env: drandEnv(relay), dataDir });
    await first.app.stop();
    clock.advance(10_000);
    await drawnBySweep(show.running.url, show.lotteryId);
    const proof = (await api(show.running.url, 'GET', `/api/lotteries/${show.lotteryId}/proof`)).body.proof;
    expect(await verifyProof(proof)).toMatchObject({ ok: true, version: 2 });
    await show.running.stop();
    show = null;
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('v2: a frozen draw finishes by itself once its round is out, and a lying relay is not believed', async () => {
    const clock = new TestClock();
    relay = await startFakeDrand(clock.read);
    show = await openShow(drandEnv(relay), clock);
    const draw = await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host);
    expect(draw.status).toBe(202);
    // The relay now serves another round's signature as this one's: the server must not draw with it.
    relay.tamper = (r) => {
      const other = relay!.sign(r.round + 7);
      return { round: r.round, randomness: other.randomness, signature: other.signature };
    };
    clock.advance(10_000);
    // The host draws again meanwhile: still frozen on its round (202), not an error.
    const retried = await api(show.base, 'POST', `/api/lotteries/${show.lotteryId}/draw`, undefined, show.host);
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    await new Promise((r) => setTimeout(r, 2500)); // two sweeps
    expect((await api(show.base, 'GET', `/api/lotteries/${show.lotteryId}`)).body.lottery.status).toBe('drawing');
    relay.tamper = null;
    const deadline = Date.now() + 10_000;
    let status = 'drawing';
    while (status !== 'drawn' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await api(show.base, 'GET', `/api/lotteries/${show.lotteryId}`)).body.lottery.status;
    }
    expect(status).toBe('drawn');
    const proof = (await api(show.base, 'GET', `/api/lotteries/${show.lotteryId}/proof`)).body.proof;
    expect(proof.beacon.randomness).toBe(relay.sign(draw.body.lottery.freeze.round).randomness);
  }, 120_000);
});
