/**
 * "Acknowledged means durable", proven with kill -9: a real server process
 * under load (60 members beating and liking as fast as acks come back) is
 * SIGKILLed mid-load, a new process starts on the same DATA_DIR (and Redis),
 * and every award any ack reported must be in the ledger exactly once, with
 * each balance equal to its ledger sum. Run in both modes: embedded (SQLite
 * transactions) and redis (Lua scripts + ledger stream copied into SQLite by a
 * consumer, taken over from the dead process by the new one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeys } from '../../server/engine/redis/redis-keys.ts';
import { LEDGER_GROUP } from '../../server/engine/redis/redis-ledger-consumer.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, eventually, fullLedger, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../support/server-process.ts';

/** Points come fast: 10 per second of watching, 1 per like, far below the like cap. */
const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 1, points: 10 },
  like: { points: 1, maxPerStream: 1000 },
};
const MEMBERS = 60;
/** Members 0..RECONNECTING-1 come back after the restart; the rest stay away. */
const RECONNECTING = 40;
const LOAD_MS = 2_000;
/** Redis mode: a dead process's alive key expires (≤ 10 s after its last refresh) and the next sweep (every 5 s) cleans up after it. */
const TAKE_OVER_MS = 20_000;

/** These loads fire beats and likes as fast as the server answers (they test durability, not budgets): lift the budgets. */
const LOAD_ENV = { SOCKET_BUDGET_SCALE: '100000' };

interface Member {
  index: number;
  memberId: string;
  token: string;
  socket?: Socket;
  /** Ledger keys of likes whose ack said ok with awarded > 0. */
  ackedLikes: string[];
  /** Heartbeat acks that paid watch points. */
  ackedWatchAwards: number;
  /** The highest balance any ack reported. */
  maxAckedBalance: number;
}

/** Waits (up to `maxMs`, then gives up quietly) until the ledger outbox has entries read but not acknowledged. */
async function pendingInOutbox(url: string, prefix: string, maxMs: number): Promise<void> {
  const redis = new Redis(url);
  const stream = new RedisKeys(prefix).ledgerStream;
  try {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      const [pending] = (await redis.call('XPENDING', stream, LEDGER_GROUP)) as [number];
      if (pending > 0) return;
    }
  } finally {
    redis.disconnect();
  }
}

function crashRecovery(mode: 'embedded' | 'redis'): void {
  describe(`kill -9 under load (${mode})`, () => {
    let redis: RedisServer | undefined;
    let dataDir: string;
    let options: ServerProcessOptions;
    let server: ServerProcess;
    let streamId: string;
    const members: Member[] = [];
    /** ok:false acks during the load: there must be none. */
    const refused: unknown[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `frontrow-crash-${mode}-`));
      if (mode === 'redis') redis = await startRedisServer();
      options = { dataDir, env: LOAD_ENV, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}) };
      server = await startServerProcess(options);
      expect(server.mode).toBe(mode);
    });

    afterAll(async () => {
      for (const m of members) m.socket?.close();
      await server?.kill('SIGKILL');
      await redis?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('acknowledges awards under load until it is killed', async () => {
      const host = await hostToken(server.url);
      expect((await api(server.url, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(server.url, host, `crash ${mode}`);
      for (let i = 0; i < MEMBERS; i++) {
        const { token, memberId } = await ssoMember(server.url, `crash-${mode}-${i}`, `Fan ${i}`);
        members.push({ index: i, memberId, token, ackedLikes: [], ackedWatchAwards: 0, maxAckedBalance: 0 });
      }
      await inBatches(members, 20, async (m) => {
        m.socket = await connect(server.url, '/live', { token: m.token });
        const joined = await ask(m.socket, 'stream:join', { streamId });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
      });

      let loading = true;
      const live = (s: Socket) => loading && s.connected;
      const beatLoop = async (m: Member) => {
        const s = m.socket!;
        while (live(s)) {
          const reply = await ask(s, 'watch:heartbeat', { streamId, visible: true, playing: true }, 5_000).catch(() => null);
          if (!reply) return; // the server is gone: no ack, nothing promised
          if (!reply.ok) refused.push(reply);
          else if (reply.awarded > 0) {
            m.ackedWatchAwards++;
            m.maxAckedBalance = Math.max(m.maxAckedBalance, reply.balance);
          }
        }
      };
      const likeLoop = async (m: Member) => {
        const s = m.socket!;
        for (let n = 0; live(s); n++) {
          const requestId = `r${n}`;
          const reply = await ask(s, 'interact', { streamId, kind: 'like', requestId }, 5_000).catch(() => null);
          if (!reply) return;
          if (!reply.ok) refused.push(reply);
          else {
            if (reply.awarded > 0) m.ackedLikes.push(`like:${streamId}:${m.memberId}:${requestId}`);
            m.maxAckedBalance = Math.max(m.maxAckedBalance, reply.balance);
          }
        }
      };
      const loops = members.flatMap((m) => [beatLoop(m), likeLoop(m)]);
      await new Promise((r) => setTimeout(r, LOAD_MS));
      // Redis mode: aim the kill at a moment when the consumer holds entries it has read but not
      // yet copied, the case only a take-over by another process can repair.
      if (redis) await pendingInOutbox(redis.url, options.redisPrefix!, 1_000);
      // Mid-load: every socket has a request in flight.
      await server.kill('SIGKILL');
      loading = false;
      await Promise.all(loops);

      expect(refused).toEqual([]);
      const likes = members.reduce((n, m) => n + m.ackedLikes.length, 0);
      const watchAwards = members.reduce((n, m) => n + m.ackedWatchAwards, 0);
      // The load was real: both kinds of award were acknowledged before the kill.
      expect(likes).toBeGreaterThanOrEqual(MEMBERS);
      expect(watchAwards).toBeGreaterThan(0);
    });

    it('restarts on the same data with every acknowledged award in the ledger exactly once', async () => {
      server = await startServerProcess(options);
      const base = server.url;
      if (mode === 'redis') {
        // The dead process's ledger entries reach the store through the new process's consumer.
        await eventually(async () => {
          for (const m of members) {
            const ledger = await fullLedger(base, m.token);
            expect(ledger.reduce((sum, e) => sum + e.delta, 0), `ledger sum of member ${m.index}`).toBe(await balanceOf(base, m.token));
          }
        }, TAKE_OVER_MS, 250);
      }
      await inBatches(members, 10, async (m) => {
        const balance = await balanceOf(base, m.token);
        const ledger = await fullLedger(base, m.token);
        const keys = ledger.map((e) => e.key);
        expect(keys.length - new Set(keys).size, `duplicate keys of member ${m.index}`).toBe(0);
        const missing = m.ackedLikes.filter((k) => !keys.includes(k));
        expect(missing, `acknowledged likes of member ${m.index} missing after the crash`).toEqual([]);
        expect(ledger.filter((e) => e.reason === 'watch').length).toBeGreaterThanOrEqual(m.ackedWatchAwards);
        expect(ledger.reduce((sum, e) => sum + e.delta, 0), `ledger sum of member ${m.index}`).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(m.maxAckedBalance);
      });
    });

    it('forgets the killed process’s viewers, and a replayed like pays nothing', async () => {
      const base = server.url;
      if (mode === 'embedded') {
        // Presence lives in the process: the new one starts empty.
        expect((await api(base, 'GET', `/api/streams/${streamId}`)).body).toMatchObject({ viewers: 0, members: 0 });
      }
      const back = members.slice(0, RECONNECTING);
      await inBatches(back, 20, async (m) => {
        m.socket?.close();
        m.socket = await connect(base, '/live', { token: m.token });
        const joined = await ask(m.socket, 'stream:join', { streamId });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        const acked = m.ackedLikes[m.ackedLikes.length - 1];
        if (acked) {
          const requestId = acked.slice(acked.lastIndexOf(':') + 1);
          const replay = await ask(m.socket, 'interact', { streamId, kind: 'like', requestId });
          expect(replay, `replay of ${acked}`).toMatchObject({ ok: true, awarded: 0 });
        }
      });
      // Redis mode: the dead process's connections stay counted until its liveness expires and a sweep removes them.
      await eventually(async () => {
        const { body } = await api(base, 'GET', `/api/streams/${streamId}`);
        expect({ viewers: body.viewers, members: body.members }).toEqual({ viewers: RECONNECTING, members: RECONNECTING });
      }, TAKE_OVER_MS, 250);
      // The replays changed nothing: each balance still equals its ledger sum.
      await inBatches(back, 10, async (m) => {
        const ledger = await fullLedger(base, m.token);
        expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(await balanceOf(base, m.token));
      });
    });

    it('drains on SIGTERM', async () => {
      for (const m of members) m.socket?.close();
      expect(await server.stop(), server.output()).toBe(0);
    });
  });
}

crashRecovery('embedded');
crashRecovery('redis');
