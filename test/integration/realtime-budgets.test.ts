/**
 * Realtime budgets and slow senders, against the real server as a child
 * process (the system clock: budgets refill in real time), in both run modes:
 * - a socket flooding heartbeats (as fast as it can) is credited only real
 *   time, gets RATE_LIMITED acks with retryAfterMs, is disconnected, and
 *   cannot come straight back (a member's budget outlives the connection);
 * - refused interactions do nothing (no points);
 * - 1,000 guest sockets from one address stop at the cap with a clear
 *   connect error while a member opens more sockets than the cap from the
 *   same address; in Redis mode the cap holds across two processes;
 * - half-sent HTTP requests are closed by the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  // A beat at most every second on average (heartbeatSeconds / 2); one point per credited second.
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 2, everySeconds: 1, points: 1 },
  like: { points: 1, maxPerStream: 1000 },
};
const GUEST_CAP = 50;
const GUESTS = 1000;
const MEMBER_TABS = GUEST_CAP + 30;
const FLOOD_MS = 1000;

type Ack = { ok: boolean; error?: { code: string; message: string; retryAfterMs?: number }; credited?: number; awarded?: number };

/** Emits `event` as fast as the socket takes it for up to `ms` (or until the server cuts it off); resolves with every ack that came. */
async function flood(socket: Socket, event: string, payload: (n: number) => unknown, ms: number): Promise<{ acks: Ack[]; sent: number; elapsedMs: number }> {
  const acks: Ack[] = [];
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < ms && socket.connected) {
    for (let i = 0; i < 100; i++, sent++) socket.emit(event, payload(sent), (a: Ack) => acks.push(a));
    await new Promise((r) => setImmediate(r));
  }
  // Whatever acks are coming arrive within a moment (or never: the socket was cut).
  await new Promise((r) => setTimeout(r, 500));
  return { acks, sent, elapsedMs: Date.now() - started };
}

/** Connects, or resolves with the connect_error's data. */
function connectOutcome(url: string, auth: Record<string, string> = {}): Promise<Socket | { refused: unknown }> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      resolve({ refused: err.data });
    });
  });
}

function budgets(mode: 'embedded' | 'redis'): void {
  describe(`realtime budgets (${mode})`, () => {
    let redis: RedisServer | undefined;
    let dataDir: string;
    const servers: ServerProcess[] = [];
    const sockets: Socket[] = [];
    let streamId: string;
    let base: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `frontrow-budgets-${mode}-`));
      if (mode === 'redis') redis = await startRedisServer();
      const options = { dataDir, env: { GUEST_CONNECTIONS_PER_ADDRESS: String(GUEST_CAP) }, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}) };
      // Redis mode: two processes on one Redis, so the guest cap must hold across them.
      servers.push(...(await Promise.all((mode === 'redis' ? [1, 2] : [1]).map(() => startServerProcess(options)))));
      base = servers[0]!.url;
      const host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      for (const s of servers) await eventually(async () => expect((await api(s.url, 'GET', '/api/rules')).body.rules).toEqual(RULES), 5_000);
      streamId = await liveShow(base, host, `budgets ${mode}`);
    }, 60_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      await redis?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('credits a heartbeat flood only real time, answers the excess RATE_LIMITED, and cuts the flooder off', async () => {
      const { token } = await ssoMember(base, `flooder-${mode}`, 'Flooder');
      const socket = await connect(base, '/live', { token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      const { acks, sent, elapsedMs } = await flood(socket, 'watch:heartbeat', () => ({ streamId, visible: true, playing: true }), FLOOD_MS);
      const ok = acks.filter((a) => a.ok);
      const limited = acks.filter((a) => !a.ok);
      // The server cut the flood short (its strikes ran out), after answering a good many of them RATE_LIMITED.
      expect(limited.length).toBeGreaterThan(10);
      expect(sent).toBeGreaterThan(acks.length);
      for (const a of limited) {
        expect(a.error).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/\S/), retryAfterMs: expect.any(Number) });
        expect(a.error!.retryAfterMs).toBeGreaterThan(0);
      }
      // A beat every heartbeatSeconds / 2 on average, after a burst of 3: no more got through.
      expect(ok.length).toBeLessThanOrEqual(3 + Math.ceil(elapsedMs / 1000));
      // Credited watch time is real time: never more than the flood lasted.
      const creditedSeconds = ok.reduce((sum, a) => sum + (a.credited ?? 0), 0);
      expect(creditedSeconds * 1000).toBeLessThanOrEqual(elapsedMs);
      expect(await disconnected).toBe('io server disconnect');
      // Reconnecting at once does not refill anything: the member is refused at the door for a few seconds.
      const refusedAtOnce = await connectOutcome(base, { token });
      expect(refusedAtOnce).toEqual({ refused: { code: 'RATE_LIMITED', message: expect.stringMatching(/cut off/), retryAfterMs: expect.any(Number) } });
      const waitMs = (refusedAtOnce as { refused: { retryAfterMs: number } }).refused.retryAfterMs;
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(5_000);
      await eventually(() => expect(servers[0]!.output()).toMatch(/kept exceeding its event budget/), 5_000);
      expect(servers[0]!.output()).toMatch(/"address":"127\.0\.0\.1"/);
      const balance = (await api(base, 'GET', '/api/me', undefined, token)).body.balance;
      expect(balance).toBe(ok.reduce((sum, a) => sum + (a.awarded ?? 0), 0));
      expect(balance * 1000).toBeLessThanOrEqual(elapsedMs);

      // Cut off is not banned: once the wait is over the member reconnects and beats as an honest client does.
      await new Promise((r) => setTimeout(r, waitMs + 100));
      const again = await connect(base, '/live', { token });
      sockets.push(again);
      expect((await ask(again, 'stream:join', { streamId })).ok).toBe(true);
      expect((await ask(again, 'watch:heartbeat', { streamId, visible: true, playing: true })).ok).toBe(true);
    }, 30_000);

    it('a refused interaction does nothing: only the likes inside the budget pay', async () => {
      const { token } = await ssoMember(base, `liker-${mode}`, 'Liker');
      const socket = await connect(base, '/live', { token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      // 25 likes at once (each would pay 1 point): inside the strikes, so the socket stays.
      const replies: Ack[] = await Promise.all(Array.from({ length: 25 }, (_, i) => ask(socket, 'interact', { streamId, kind: 'like', requestId: `l${i}` })));
      const paid = replies.filter((r) => r.ok && r.awarded === 1).length;
      const limited = replies.filter((r) => !r.ok);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited.every((r) => r.error?.code === 'RATE_LIMITED')).toBe(true);
      expect(paid + limited.length).toBe(replies.length);
      expect((await api(base, 'GET', '/api/me', undefined, token)).body.balance).toBe(paid);
      expect(socket.connected).toBe(true);
    });

    it("a member's budget is shared by all their connections: a second tab brings no fresh one", async () => {
      const { token } = await ssoMember(base, `two-tabs-${mode}`, 'Two Tabs');
      const tabs = await Promise.all([connect(base, '/live', { token }), connect(base, '/live', { token })]);
      sockets.push(...tabs);
      for (const tab of tabs) expect((await ask(tab, 'stream:join', { streamId })).ok).toBe(true);
      // 15 likes from each tab at once: one budget of 20 (plus what refills meanwhile, 5/s), not two.
      const replies: Ack[] = (
        await Promise.all(tabs.flatMap((tab, t) => Array.from({ length: 15 }, (_, i) => ask(tab, 'interact', { streamId, kind: 'like', requestId: `t${t}-${i}` }))))
      ).flat();
      const paid = replies.filter((r) => r.ok).length;
      expect(paid).toBeGreaterThanOrEqual(20);
      expect(paid).toBeLessThan(25);
      expect(replies.filter((r) => !r.ok).every((r) => r.error?.code === 'RATE_LIMITED')).toBe(true);
      expect((await api(base, 'GET', '/api/me', undefined, token)).body.balance).toBe(paid);
    });

    it(`stops ${GUESTS} guest sockets from one address at the cap with a clear error, while a member connects freely`, async () => {
      const outcomes: Array<Socket | { refused: unknown }> = [];
      // Spread over the processes (Redis mode: the cap is one count across them).
      await inBatches(Array.from({ length: GUESTS }, (_, i) => i), 100, async (i) => {
        outcomes.push(await connectOutcome(servers[i % servers.length]!.url));
      });
      const admitted = outcomes.filter((o): o is Socket => !('refused' in o));
      sockets.push(...admitted);
      const refused = outcomes.filter((o): o is { refused: unknown } => 'refused' in o);
      expect(admitted).toHaveLength(GUEST_CAP);
      expect(refused).toHaveLength(GUESTS - GUEST_CAP);
      for (const r of refused) expect(r.refused).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/guest connections/) });

      // Members are never capped by address (a whole audience can share one carrier address).
      const { token } = await ssoMember(base, `tabs-${mode}`, 'Many Tabs');
      await inBatches(Array.from({ length: MEMBER_TABS }, (_, i) => i), 40, async (i) => {
        const s = await connect(servers[i % servers.length]!.url, '/live', { token });
        sockets.push(s);
      });

      // A guest that leaves frees its place, for a guest on any process.
      admitted[0]!.close();
      const next = await eventually(async () => {
        const o = await connectOutcome(servers[servers.length - 1]!.url);
        if ('refused' in o) throw new Error('still refused');
        return o;
      }, 10_000, 200);
      sockets.push(next);
      expect('refused' in (await connectOutcome(base))).toBe(true);
    }, 120_000);

    if (mode === 'embedded') {
      it('closes half-sent HTTP requests (slow senders)', async () => {
        const slowDir = mkdtempSync(join(tmpdir(), 'frontrow-slow-'));
        const slow = await startServerProcess({
          dataDir: slowDir,
          env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' },
        });
        try {
          const closedAfter = (parts: string[]) =>
            new Promise<string>((resolve, reject) => {
              const s = tcpConnect(slow.port, '127.0.0.1', () => {
                for (const p of parts) s.write(p);
              });
              let answer = '';
              s.on('data', (d) => (answer += d.toString()));
              s.on('error', reject);
              s.on('close', () => resolve(answer));
            });
          // Headers never finished; headers done but half the body.
          const [headersOnly, halfBody] = await Promise.all([
            closedAfter(['GET /healthz HTTP/1.1\r\nHost: x\r\n']),
            closedAfter(['POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"handle":']),
          ]);
          expect(headersOnly).toMatch(/^HTTP\/1\.1 408/);
          expect(halfBody).toMatch(/^HTTP\/1\.1 408/);
          // The server still answers everyone else.
          expect((await api(slow.url, 'GET', '/healthz')).status).toBe(200);
        } finally {
          await slow.kill('SIGKILL');
          rmSync(slowDir, { recursive: true, force: true });
        }
      }, 30_000);
    }
  });
}

budgets('embedded');
budgets('redis');
