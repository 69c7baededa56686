/**
 * Two processes behind a real load balancer (issue 10): Debian's nginx running
 * deploy/nginx.conf in front of two server processes in Redis mode (one
 * private redis-server, one DATA_DIR). Every member signs on and connects
 * through nginx only, so what must hold is what a deployment sees: sockets on
 * both processes, presence counting all of them, awards exact, room events
 * crossing processes, client addresses from X-Forwarded-For because (and only
 * as far as) the proxy is trusted, and a dead process's sockets landing on the
 * live one. nginx missing fails the test (CI installs it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, balanceOf, eventually, hostToken, inBatches, liveShow, nextEvent, ssoMember } from '../support/clients.ts';
import { startNginx, type NginxProcess } from '../support/nginx-process.ts';
import { liveSocketsOn, TEST_METRICS_TOKEN } from '../support/process-metrics.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const MEMBERS = 200;
const GUEST_CAP = 3;
const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 2, points: 10 },
  like: { points: 1, maxPerStream: 1000 },
};
const APP_ENV = {
  // One trusted hop: nginx. The apps take the address nginx appends to X-Forwarded-For, nothing a client wrote.
  TRUST_PROXY: '1',
  GUEST_CONNECTIONS_PER_ADDRESS: String(GUEST_CAP),
  METRICS_TOKEN: TEST_METRICS_TOKEN,
  // The award rounds below test exactness, not budgets.
  SOCKET_BUDGET_SCALE: '1000',
  // Nor outages: on a busy shared machine a starved redis-server can be silent past the 500 ms stall detector.
  REDIS_COMMAND_TIMEOUT_MS: '5000',
};

interface Member {
  index: number;
  memberId: string;
  token: string;
  socket: Socket;
  /** Sum of `awarded` over every ok ack this member got. */
  acked: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A /live socket through the balancer, from `localAddress` (any 127.x address is this host) if given. */
function openSocket(base: string, auth: Record<string, string>, options: { localAddress?: string; claim?: string; reconnection?: boolean } = {}): Socket {
  return io(`${base}/live`, {
    transports: ['websocket'],
    auth,
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.claim ? { extraHeaders: { 'x-forwarded-for': options.claim } } : {}),
  } as Parameters<typeof io>[1]);
}

/** Resolves 'connected' or the refusal's code. */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  });
}

describe('two processes behind nginx', () => {
  let redis: RedisServer;
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: NginxProcess;
  let streamId: string;
  const prefix = randomPrefix();
  const members: Member[] = [];
  const guests: Socket[] = [];

  const presence = async () => {
    const { body } = await api(lb.url, 'GET', `/api/streams/${streamId}`);
    return { viewers: body.viewers, members: body.members };
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-nginx-two-'));
    const options = { dataDir, env: APP_ENV, redisUrl: redis.url, redisPrefix: prefix };
    [a, b] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    expect([a.mode, b.mode]).toEqual(['redis', 'redis']);
    lb = await startNginx([a.port, b.port]);
  }, 60_000);

  afterAll(async () => {
    for (const s of [...members.map((m) => m.socket), ...guests]) s?.close();
    await lb?.stop();
    await Promise.all([a, b].filter(Boolean).map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs members on and spreads their sockets over both processes, presence counting every one', async () => {
    const host = await hostToken(lb.url);
    expect((await api(lb.url, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    // Each process caches rules briefly: both must have the new ones before the award rounds.
    for (const p of [a, b]) await eventually(async () => expect((await api(p.url, 'GET', '/api/rules')).body.rules).toEqual(RULES), 5_000);
    streamId = await liveShow(lb.url, host, 'behind nginx');

    await inBatches(
      Array.from({ length: MEMBERS }, (_, i) => i),
      20,
      async (i) => {
        const { token, memberId } = await ssoMember(lb.url, `lb-${i}`, `Fan ${i}`);
        const socket = openSocket(lb.url, { token }, { reconnection: true });
        expect(await outcome(socket)).toBe('connected');
        const joined = await ask(socket, 'stream:join', { streamId });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        members[i] = { index: i, memberId, token, socket, acked: 0 };
      },
    );

    const [onA, onB] = await Promise.all([liveSocketsOn(a.url), liveSocketsOn(b.url)]);
    expect(onA + onB).toBe(MEMBERS);
    // least_conn over two: about half each; a process left out would show here.
    expect(Math.min(onA, onB), `split ${onA}/${onB}`).toBeGreaterThanOrEqual(MEMBERS / 4);
    await eventually(async () => expect(await presence()).toEqual({ viewers: MEMBERS, members: MEMBERS }), 10_000);
  }, 120_000);

  it('awards heartbeats and likes exactly: every balance is the sum of its acknowledged awards', async () => {
    const refused: unknown[] = [];
    const round = async (m: Member) => {
      // Beats 0.6 s apart for ~5 s (two or three watch awards at everySeconds 2), then five likes.
      for (let n = 0; n < 8; n++) {
        const r = await ask(m.socket, 'watch:heartbeat', { streamId, visible: true, playing: true }, 20_000);
        if (r.ok) m.acked += r.awarded;
        else refused.push(r);
        await sleep(600);
      }
      for (let n = 0; n < 5; n++) {
        const r = await ask(m.socket, 'interact', { streamId, kind: 'like', requestId: `like-${n}` }, 20_000);
        if (r.ok) m.acked += r.awarded;
        else refused.push(r);
      }
    };
    await Promise.all(members.map(round));
    expect(refused).toEqual([]);
    expect(members.every((m) => m.acked >= RULES.watch.points + 5 * RULES.like.points)).toBe(true);
    await inBatches(members, 20, async (m) => expect(await balanceOf(lb.url, m.token), `member ${m.index}`).toBe(m.acked));
  }, 120_000);

  it('carries a comment to every member, on both processes', async () => {
    const text = `through nginx ${Date.now()}`;
    const heard = members.map((m) => nextEvent(m.socket, 'comment', (c) => c.text === text, 15_000));
    const sent = await ask(members[0]!.socket, 'interact', { streamId, kind: 'comment', text });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    members[0]!.acked += sent.awarded; // a comment earns points too: the balance check after the crash counts it
    const comments = await Promise.all(heard);
    expect(comments.every((c) => c.memberId === members[0]!.memberId)).toBe(true);
  }, 60_000);

  it('counts guests by the address nginx saw, not by nginx and not by what the client claims', async () => {
    // From 127.0.0.5: the cap admits GUEST_CAP sockets, then refuses, whichever process each lands on (the count is in Redis).
    const from5 = Array.from({ length: GUEST_CAP }, () => openSocket(lb.url, {}, { localAddress: '127.0.0.5' }));
    guests.push(...from5);
    expect(await Promise.all(from5.map(outcome))).toEqual(Array(GUEST_CAP).fill('connected'));
    const over = openSocket(lb.url, {}, { localAddress: '127.0.0.5' });
    // Claiming another address does not help: nginx appends the real one and only that hop is trusted.
    const claiming = openSocket(lb.url, {}, { localAddress: '127.0.0.5', claim: '203.0.113.9' });
    guests.push(over, claiming);
    expect(await Promise.all([outcome(over), outcome(claiming)])).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Another client behind the same nginx is its own address: were nginx's 127.0.0.1 counted, it would be refused too.
    const other = openSocket(lb.url, {}, { localAddress: '127.0.0.6' });
    guests.push(other);
    expect(await outcome(other)).toBe('connected');
    for (const g of guests.splice(0)) g.close();
  }, 60_000);

  it('without TRUST_PROXY the same nginx is every client: one guest cap for all', async () => {
    // A third process on the same Redis, not trusting its proxy, behind an nginx of its own.
    const untrusting = await startServerProcess({ dataDir, env: { ...APP_ENV, TRUST_PROXY: 'false' }, redisUrl: redis.url, redisPrefix: prefix });
    const lb2 = await startNginx([untrusting.port]);
    const opened: Socket[] = [];
    try {
      const from = (address: string) => {
        const s = openSocket(lb2.url, {}, { localAddress: address });
        opened.push(s);
        return outcome(s);
      };
      const first = [];
      for (let i = 0; i < GUEST_CAP; i++) first.push(await from(`127.0.0.${20 + i}`));
      expect(first).toEqual(Array(GUEST_CAP).fill('connected'));
      // A client from yet another address is refused: the process counted every guest as nginx's 127.0.0.1.
      expect(await from('127.0.0.30')).toBe('RATE_LIMITED');
    } finally {
      for (const s of opened) s.close();
      await lb2.stop();
      await untrusting.stop();
    }
  }, 60_000);

  it('keeps a long-polling session on one process, and lets it upgrade, while websockets stay balanced', async () => {
    // The dashboard's sockets start on polling and upgrade; the overlay may fall back to polling. A polling session
    // is many HTTP requests naming one process's sid: were they balanced, half would be refused ("Session ID unknown").
    const m = members[1]!;
    const polling = io(`${lb.url}/live`, { transports: ['polling'], auth: { token: m.token }, forceNew: true, reconnection: false });
    const upgrading = io(`${lb.url}/live`, { auth: { token: m.token }, forceNew: true, reconnection: false }); // polling, then websocket
    try {
      expect(await Promise.all([outcome(polling), outcome(upgrading)])).toEqual(['connected', 'connected']);
      for (let n = 0; n < 10; n++) {
        const replies = await Promise.all([polling, upgrading].map((s) => ask(s, 'stream:join', { streamId })));
        for (const r of replies) expect(r.ok, JSON.stringify(r)).toBe(true);
      }
      await eventually(() => expect(upgrading.io.engine.transport.name).toBe('websocket'), 10_000);
      expect((await ask(upgrading, 'stream:join', { streamId })).ok).toBe(true);
      expect(polling.connected && upgrading.connected).toBe(true);
    } finally {
      polling.close();
      upgrading.close();
    }
  }, 60_000);

  it('keeps serving through nginx when a process dies: its sockets reconnect onto the other', async () => {
    const onB = await liveSocketsOn(b.url);
    expect(onB).toBeGreaterThan(0);
    await b.kill('SIGKILL');
    // nginx cuts the dead process's sockets; they reconnect and nginx sends them to a (b refuses connects).
    await eventually(async () => expect(await liveSocketsOn(a.url)).toBe(MEMBERS), 30_000, 200);
    expect(members.every((m) => m.socket.connected)).toBe(true);

    // A reconnected socket joins again, as the screens do on connect; every member acts through nginx.
    await inBatches(members, 20, async (m) => {
      const joined = await ask(m.socket, 'stream:join', { streamId });
      expect(joined.ok, JSON.stringify(joined)).toBe(true);
      const r = await ask(m.socket, 'interact', { streamId, kind: 'like', requestId: 'after-crash' });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      m.acked += r.awarded;
    });
    // The dead process's connections are swept from presence (liveness ttl + sweep, about 15 s).
    await eventually(async () => expect(await presence()).toEqual({ viewers: MEMBERS, members: MEMBERS }), 40_000, 500);
    await inBatches(members, 20, async (m) => expect(await balanceOf(lb.url, m.token), `member ${m.index}`).toBe(m.acked));
    // The sockets cut by the crash were proxied ones, logged by nginx as they closed.
    expect(lb.accessLog()).toContain('GET /socket.io/?EIO=4&transport=websocket');
  }, 120_000);
});
