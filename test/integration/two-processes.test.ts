/**
 * One host, several processes: two real server processes share one private
 * Redis (same REDIS_PREFIX) and one DATA_DIR. Every member has a tab on each
 * process and beats, likes and checks in on both at once, replaying the same
 * requestIds across the two. What must hold, whichever process a request hits:
 * a ledger key pays once, balances equal ledger sums, watch time is credited
 * once however many tabs, presence counts a member once, and room events
 * (comments, their removal) reach sockets on the other process through the Redis
 * adapter, and a mute set on one process holds on the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, eventually, fullLedger, hostToken, inBatches, liveShow, nextEvent, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 2, points: 10 },
  like: { points: 1, maxPerStream: 1000 },
};
const EVERY_MS = RULES.watch.everySeconds * 1000;
const MEMBERS = 30;
const LOAD_MS = 5_000;
/** A tab beats far more often than the rules ask: the harder two tabs race, the better. */
const BEAT_GAP_MS = 50;

/** These loads fire beats and likes as fast as the server answers (they test durability, not budgets): lift the budgets. */
const LOAD_ENV = { SOCKET_BUDGET_SCALE: '100000' };

type Tab = 'a' | 'b';

interface Member {
  index: number;
  memberId: string;
  token: string;
  tabs: Record<Tab, Socket>;
  /** Like ledger key -> how many acks (over both tabs) said it paid. */
  likePaid: Map<string, number>;
  /** Wall-clock span that covers every beat the member sent. */
  watchSpan: { from: number; to: number };
  maxAckedBalance: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two processes, one Redis, one DATA_DIR', () => {
  let redis: RedisServer;
  let dataDir: string;
  const servers: Partial<Record<Tab, ServerProcess>> = {};
  const url = (tab: Tab) => servers[tab]!.url;
  let streamId: string;
  const members: Member[] = [];
  const refused: unknown[] = [];

  async function presenceOn(tab: Tab): Promise<{ viewers: number; members: number }> {
    const { body } = await api(url(tab), 'GET', `/api/streams/${streamId}`);
    return { viewers: body.viewers, members: body.members };
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-two-'));
    const options = { dataDir, env: LOAD_ENV, redisUrl: redis.url, redisPrefix: randomPrefix() };
    // Started together: they race for the schema migration and the shared JWT secret too.
    const [a, b] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    Object.assign(servers, { a, b });
    expect([a.mode, b.mode]).toEqual(['redis', 'redis']);
  });

  afterAll(async () => {
    for (const m of members) for (const s of Object.values(m.tabs)) s.close();
    await Promise.all(Object.values(servers).map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves members from either process, one viewer each across both', async () => {
    const host = await hostToken(url('a'));
    expect((await api(url('a'), 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    // The other process caches rules briefly; wait until it has the new ones.
    await eventually(async () => expect((await api(url('b'), 'GET', '/api/rules')).body.rules).toEqual(RULES), 5_000);
    streamId = await liveShow(url('a'), host, 'two processes');

    for (let i = 0; i < MEMBERS; i++) {
      // Half sign in through each process: a token from one is good on the other.
      const { token, memberId } = await ssoMember(url(i % 2 ? 'b' : 'a'), `two-${i}`, `Fan ${i}`);
      members.push({
        index: i,
        memberId,
        token,
        tabs: {} as Record<Tab, Socket>,
        likePaid: new Map(),
        watchSpan: { from: 0, to: 0 },
        maxAckedBalance: 0,
      });
    }
    await inBatches(members, 10, async (m) => {
      for (const tab of ['a', 'b'] as const) {
        m.tabs[tab] = await connect(url(tab), '/live', { token: m.token });
        const joined = await ask(m.tabs[tab], 'stream:join', { streamId });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
      }
    });
    expect(await presenceOn('a')).toEqual({ viewers: MEMBERS, members: MEMBERS });
    expect(await presenceOn('b')).toEqual({ viewers: MEMBERS, members: MEMBERS });
  });

  it('pays a check-in sent to both processes at once exactly once', async () => {
    await inBatches(members, 10, async (m) => {
      const replies = await Promise.all((['a', 'b'] as const).map((tab) => ask(m.tabs[tab], 'interact', { streamId, kind: 'checkin' })));
      for (const r of replies) expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(replies.map((r) => r.awarded).sort((x, y) => x - y)).toEqual([0, RULES.checkin.points]);
    });
  });

  it('carries a comment sent on one process to sockets on the other', async () => {
    const [alice, bob] = [members[0]!, members[1]!];
    const fromA = `hello from a ${Date.now()}`;
    const seenOnB = nextEvent(bob.tabs.b, 'comment', (c) => c.text === fromA);
    expect((await ask(alice.tabs.a, 'interact', { streamId, kind: 'comment', text: fromA })).ok).toBe(true);
    expect(await seenOnB).toMatchObject({ streamId, memberId: alice.memberId, text: fromA });

    const fromB = `hello from b ${Date.now()}`;
    const seenOnA = nextEvent(alice.tabs.a, 'comment', (c) => c.text === fromB);
    expect((await ask(bob.tabs.b, 'interact', { streamId, kind: 'comment', text: fromB })).ok).toBe(true);
    expect(await seenOnA).toMatchObject({ streamId, memberId: bob.memberId, text: fromB });
  });

  it('moderates across processes: a comment made on b is removed from a; a mute set on a holds on b', async () => {
    const [cara, dan] = [members[2]!, members[3]!];
    const host = await hostToken(url('a'));
    const text = `remove me ${Date.now()}`;
    const seen = nextEvent(dan.tabs.a, 'comment', (c) => c.text === text);
    expect((await ask(cara.tabs.b, 'interact', { streamId, kind: 'comment', text })).ok).toBe(true);
    const { id } = await seen;
    const removedOnB = nextEvent(dan.tabs.b, 'comment:removed', (e) => e.id === id);
    expect((await api(url('a'), 'DELETE', `/api/comments/${id}`, undefined, host)).status).toBe(200);
    expect(await removedOnB).toEqual({ streamId, id });

    expect((await api(url('a'), 'POST', `/api/streams/${streamId}/mutes`, { memberId: cara.memberId, seconds: 60 }, host)).status).toBe(200);
    expect(await ask(cara.tabs.b, 'interact', { streamId, kind: 'comment', text: 'muted?' })).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    await api(url('b'), 'POST', `/api/streams/${streamId}/mutes`, { memberId: cara.memberId, seconds: 0 }, host);
    expect((await ask(cara.tabs.a, 'interact', { streamId, kind: 'comment', text: 'free' })).ok).toBe(true);
  });

  it('under load on both processes, pays each like once and watch time once', async () => {
    let loading = true;
    const beatLoop = async (m: Member, tab: Tab) => {
      while (loading) {
        const r = await ask(m.tabs[tab], 'watch:heartbeat', { streamId, visible: true, playing: true });
        if (!r.ok) refused.push(r);
        else if (r.awarded > 0) m.maxAckedBalance = Math.max(m.maxAckedBalance, r.balance);
        await sleep(BEAT_GAP_MS);
      }
    };
    const likeLoop = async (m: Member, tab: Tab) => {
      for (let n = 0; loading; n++) {
        // Even likes use the same requestIds on both processes (a replay across nodes); odd ones are the tab's own.
        const requestId = n % 2 === 0 ? `x${n}` : `${tab}${n}`;
        const r = await ask(m.tabs[tab], 'interact', { streamId, kind: 'like', requestId });
        if (!r.ok) {
          refused.push(r);
          continue;
        }
        const key = `like:${streamId}:${m.memberId}:${requestId}`;
        m.likePaid.set(key, (m.likePaid.get(key) ?? 0) + (r.awarded > 0 ? 1 : 0));
        m.maxAckedBalance = Math.max(m.maxAckedBalance, r.balance);
      }
    };
    const loops = members.map(async (m) => {
      m.watchSpan.from = Date.now();
      await Promise.all((['a', 'b'] as const).flatMap((tab) => [beatLoop(m, tab), likeLoop(m, tab)]));
      m.watchSpan.to = Date.now();
    });
    await sleep(LOAD_MS);
    loading = false;
    await Promise.all(loops);
    expect(refused).toEqual([]);

    for (const m of members) {
      // Every like acknowledged on either process paid exactly once, replays across nodes included.
      const paidTwice = [...m.likePaid].filter(([, paid]) => paid !== 1);
      expect(paidTwice, `member ${m.index}`).toEqual([]);
    }
  });

  it('keeps every ledger once, each balance its ledger sum, and watch time undoubled', async () => {
    // Each process copies the ledger stream into the shared SQLite file; wait until the copies caught up.
    await eventually(async () => {
      for (const m of members) {
        const ledger = await fullLedger(url(m.index % 2 ? 'a' : 'b'), m.token);
        expect(ledger.reduce((sum, e) => sum + e.delta, 0), `member ${m.index}`).toBe(await balanceOf(url('a'), m.token));
      }
    }, 15_000, 200);

    await inBatches(members, 10, async (m) => {
      const [balanceA, balanceB, ledger] = await Promise.all([
        balanceOf(url('a'), m.token),
        balanceOf(url('b'), m.token),
        fullLedger(url('b'), m.token),
      ]);
      expect(balanceB).toBe(balanceA);
      expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(balanceA);
      expect(balanceA).toBeGreaterThanOrEqual(m.maxAckedBalance);

      const keys = ledger.map((e) => e.key);
      expect(keys.length - new Set(keys).size, `duplicate keys of member ${m.index}`).toBe(0);
      const missing = [...m.likePaid.keys()].filter((k) => !keys.includes(k));
      expect(missing, `acknowledged likes of member ${m.index}`).toEqual([]);
      expect(ledger.filter((e) => e.reason === 'like').length).toBe(m.likePaid.size);
      expect(ledger.filter((e) => e.reason === 'checkin').length).toBe(1);

      // One tab's worth of watch time at most: the span covers every beat of both tabs.
      const watch = ledger.filter((e) => e.reason === 'watch');
      const elapsed = m.watchSpan.to - m.watchSpan.from;
      expect(watch.length, `member ${m.index}: ${watch.length} watch awards in ${elapsed} ms`).toBeLessThanOrEqual(Math.floor(elapsed / EVERY_MS) + 1);
      expect(watch.length, `member ${m.index} earned no watch points`).toBeGreaterThan(0);
    });
  });

  it('counts a member once while any tab on either process stays', async () => {
    // Members 0..9 close their tab on a, members 0..4 their tab on b too: only 0..4 leave.
    for (const m of members.slice(0, 10)) m.tabs.a.close();
    for (const m of members.slice(0, 5)) m.tabs.b.close();
    const expected = { viewers: MEMBERS - 5, members: MEMBERS - 5 };
    const everywhere = async () => {
      expect(await presenceOn('a')).toEqual(expected);
      expect(await presenceOn('b')).toEqual(expected);
    };
    await eventually(everywhere);
    // Still so a moment later: no leave was left to arrive and take one more viewer away.
    await sleep(500);
    await everywhere();
  });

  it('drains both processes on SIGTERM', async () => {
    for (const m of members) for (const s of Object.values(m.tabs)) s.close();
    const codes = await Promise.all([servers.a!.stop(), servers.b!.stop()]);
    expect(codes, `${servers.a!.output()}\n${servers.b!.output()}`).toEqual([0, 0]);
  });
});
