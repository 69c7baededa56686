/**
 * Graceful under overload (issue 10), with real parts: a server child process
 * with small admission bounds, and a crowd of a few hundred member sockets in
 * another child process (test/support/overload-worker.ts) sending heartbeats
 * and likes open-loop, faster than the server can do them. While it lasts:
 * no socket is dropped, /healthz answers every poll, excess events are
 * refused early with a code and retryAfterMs (UNAVAILABLE server.busy, or
 * RATE_LIMITED), and every event gets an answer. Afterwards an event succeeds
 * at once, and nothing is half-done: each member's balance is the sum of the
 * awards their ok acks reported, every paid like is in the ledger exactly
 * once and no refused one is. Both modes.
 *
 * Sizes are what CI can run on two shared cores; figures at scale are the
 * bench's (docs/BENCHMARKS.md). No timing is asserted.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, eventually, fullLedger, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import type { OverloadCommand, OverloadReply } from '../support/overload-worker.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const MEMBERS = 300;
const FLOOD_SECONDS = 4;
/** 300 sockets × 20 = 6,000 events/s offered: well past what this server does on a shared 2-core machine. */
const PER_SOCKET_PER_SECOND = 20;

/** Every beat and like pays, and the like cap is out of reach, so each ok ack is a real award. */
const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, heartbeatSeconds: 1, everySeconds: 1, points: 1 },
  like: { points: 1, maxPerStream: 1_000_000 },
};

const SERVER_ENV = {
  // Small bounds, so a crowd CI can run saturates them.
  ADMISSION_EVENTS_IN_FLIGHT: '64',
  ADMISSION_LOOP_DELAY_MS: '250',
  ADMISSION_RETRY_AFTER_MS: '250',
  // Budgets lifted far enough that none cuts a socket off (a cut is a disconnect): this is about capacity, not abuse.
  SOCKET_BUDGET_SCALE: '1000',
  // Redis mode: on a CPU-starved machine (CI, helpers sharing two cores) redis-server can stay silent past the
  // 500 ms default, and the stall verdict (server/redis-client.ts) answers UNAVAILABLE for scripts that may
  // already have run — an unknown outcome, not a refusal, which this test's exact ledger accounting cannot
  // take. That verdict has its own test (redis-outage.test.ts); here Redis is healthy, only slow.
  REDIS_COMMAND_TIMEOUT_MS: '5000',
};

function runCrowd(cmd: OverloadCommand, onStarted: () => void): { done: Promise<OverloadReply>; child: ChildProcess } {
  const child = fork(join(REPO_ROOT, 'test', 'support', 'overload-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<OverloadReply>((resolve, reject) => {
    child.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'started') onStarted();
      else if (m.type === 'flooded') resolve(m as OverloadReply);
      else reject(new Error(`crowd failed: ${m.message}`));
    });
    child.once('exit', (code) => reject(new Error(`crowd exited (code ${code}) before reporting`)));
  });
  child.send(cmd);
  return { done, child };
}

function overloadSuite(mode: 'embedded' | 'redis'): void {
  describe(`a saturated server (${mode})`, () => {
    let redis: RedisServer | undefined;
    let dataDir: string;
    let server: ServerProcess;
    let crowd: ChildProcess | undefined;
    let probe: Socket | undefined;
    let streamId: string;
    let report: OverloadReply;
    const members: { memberId: string; token: string }[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `frontrow-overload-${mode}-`));
      if (mode === 'redis') redis = await startRedisServer();
      server = await startServerProcess({
        dataDir,
        env: SERVER_ENV,
        ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}),
      });
      expect(server.mode).toBe(mode);
    });

    afterAll(async () => {
      probe?.close();
      crowd?.kill('SIGKILL');
      await server?.stop();
      await redis?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps every socket, answers /healthz and every event, and refuses the excess early with a code', async () => {
      const base = server.url;
      const host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `overload ${mode}`);
      await inBatches(Array.from({ length: MEMBERS }, (_, i) => i), 25, async (i) => {
        members[i] = await ssoMember(base, `overload-${mode}-${i}`, `Fan ${i}`);
      });

      // /healthz polled one after another for as long as the flood lasts: each poll must be answered.
      const polls: string[] = [];
      let flooding = true;
      let polling: Promise<void> = Promise.resolve();
      const poll = async () => {
        while (flooding) {
          const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(60_000) }).catch((err: Error) => err);
          polls.push(res instanceof Error ? `failed: ${res.message}` : String(res.status));
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const cmd: OverloadCommand = {
        type: 'flood',
        url: base,
        streamId,
        members,
        seconds: FLOOD_SECONDS,
        perSocketPerSecond: PER_SOCKET_PER_SECOND,
        drainMs: 60_000,
      };
      const run = runCrowd(cmd, () => (polling = poll()));
      crowd = run.child;
      try {
        report = await run.done;
      } finally {
        flooding = false;
        await polling;
      }

      const summary = JSON.stringify({ sent: report.sent, outcomes: report.outcomes, unanswered: report.unanswered });
      // Nobody was dropped, and every event got its answer.
      expect(report.disconnects, summary).toEqual([]);
      expect(report.unanswered, summary).toBe(0);
      // /healthz answered throughout (how fast is the bench's business).
      expect(polls.length).toBeGreaterThan(0);
      expect(polls.filter((p) => p !== '200')).toEqual([]);
      // Saturated: admission control refused part of the flood at the door; the rest was done.
      expect(report.outcomes['UNAVAILABLE:server.busy'] ?? 0, summary).toBeGreaterThan(0);
      expect(report.outcomes.ok ?? 0, summary).toBeGreaterThan(0);
      // Every refusal says what it is; a "come back later" says when.
      expect(report.badRefusals).toEqual([]);
      const unexpected = Object.keys(report.outcomes).filter((k) => k !== 'ok' && !/^(UNAVAILABLE|RATE_LIMITED)\b/.test(k));
      expect(unexpected, summary).toEqual([]);
    }, 240_000);

    it('takes an event at once when the flood is over', async () => {
      const m = members[0]!;
      probe = await connect(server.url, '/live', { token: m.token });
      expect((await ask(probe, 'stream:join', { streamId })).ok).toBe(true);
      const like = await ask(probe, 'interact', { streamId, kind: 'like', requestId: 'after-the-flood' });
      expect(like).toMatchObject({ ok: true, awarded: 1 });
      report.members[0]!.awarded += like.awarded;
      report.members[0]!.paidLikes.push('after-the-flood');
    }, 60_000);

    it('left nothing half-done: balances are the ok acks’ awards, and the ledger holds each paid like once and no refused one', async () => {
      const base = server.url;
      const byId = new Map(report.members.map((t) => [t.memberId, t]));
      const refusedLikes = report.members.reduce((n, t) => n + t.refusedLikes.length, 0);
      expect(refusedLikes).toBeGreaterThan(0);
      await inBatches(members, 10, async (m) => {
        const tally = byId.get(m.memberId)!;
        const balance = await balanceOf(base, m.token);
        expect(balance, `balance of ${m.memberId}`).toBe(tally.awarded);
        // Redis mode: the ledger reaches the store through the outbox consumer, a moment after the acks.
        const ledger = await eventually(async () => {
          const entries = await fullLedger(base, m.token);
          expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(balance);
          return entries;
        }, 30_000, 250);
        const keys = ledger.map((e) => e.key);
        expect(keys.length - new Set(keys).size, `duplicate ledger keys of ${m.memberId}`).toBe(0);
        const likeKey = (requestId: string) => `like:${streamId}:${m.memberId}:${requestId}`;
        const likesInLedger = keys.filter((k) => k.startsWith(`like:${streamId}:`)).sort();
        expect(likesInLedger).toEqual(tally.paidLikes.map(likeKey).sort());
        for (const requestId of tally.refusedLikes) expect(keys).not.toContain(likeKey(requestId));
      });
    }, 240_000);
  });
}

overloadSuite('embedded');
overloadSuite('redis');
