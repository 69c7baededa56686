/**
 * The bench's `cluster` part (issue 10): Debian's nginx running
 * deploy/nginx.conf in front of two server processes in Redis mode and one
 * private redis-server, and N members (BENCH_CLUSTER_SOCKETS, 20,000 by
 * default) holding /live sockets through nginx, spread over client workers of
 * at most 2,500 sockets each. Phases: sign-on (shop SSO, through nginx), join,
 * a heartbeat round, a like round. It reports how many sockets were held at
 * the end, how nginx split them over the processes, whether every balance
 * equals the awards its acks reported, and the memory of each process.
 * Everything started here is stopped here, whatever happens.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { api, balanceOf, hostToken, liveShow, ssoMember } from '../test/support/clients.ts';
import { startNginx, type NginxProcess } from '../test/support/nginx-process.ts';
import { liveSocketsOn, TEST_METRICS_TOKEN } from '../test/support/process-metrics.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import type { FromClusterWorker, ToClusterWorker } from './cluster-protocol.ts';
import { memoryOf } from './proc.ts';
import type { MemberCredential, Outcomes } from './protocol.ts';
import { mergeCounts, perSecond, summarize, type Summary } from './stats.ts';

/** A client worker holds at most this many sockets: one event loop, a fifth of this machine's 20,000 descriptors per process. */
export const SOCKETS_PER_CLUSTER_WORKER = 2_500;

export interface ClusterSettings {
  sockets: number;
  /** Heartbeats per member in the heartbeat round (one a second). */
  beats: number;
  signOnConcurrency: number;
  joinConcurrency: number;
}

export interface PhaseFigures {
  outcomes: Outcomes;
  wallMs: number;
  perSecond: number;
  ack: Summary;
}

export interface ClusterResult {
  asked: number;
  workers: number;
  nginxWorkers: number;
  signOn: { wallMs: number; perSecond: number };
  join: PhaseFigures;
  /** /live sockets each process held after the joins, and at the end. */
  split: { afterJoin: [number, number]; end: [number, number] };
  /** Sockets the clients still had connected at the end, and why the others went (Socket.IO's reasons). */
  heldAtEnd: number;
  lost: Outcomes;
  beat: PhaseFigures & { beats: number };
  like: PhaseFigures;
  /**
   * Members whose every reply was known (ok or a refusal): `mismatched` of them
   * have a balance other than the sum of their acked awards. Members with a
   * reply of unknown outcome: `lost` of them have less than their acks said.
   */
  awards: { checked: number; mismatched: number; uncertain: number; lost: number; ackedPoints: number; unanswered: number; firstMismatch: string | null };
  rssKiB: { a: number; b: number; nginx: number; redis: number };
  serverExitCodes: [number | null, number | null];
  serverWarnings: string[];
  nginxErrors: string[];
}

interface ClusterWorker {
  ask<T extends FromClusterWorker['type']>(cmd: ToClusterWorker, expect: T, timeoutMs: number): Promise<Extract<FromClusterWorker, { type: T }>>;
  child: ChildProcess;
}

function startWorker(): Promise<ClusterWorker> {
  const child = fork(join(REPO_ROOT, 'bench', 'cluster-worker.ts'), [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: ((m: FromClusterWorker | Error) => void) | null = null;
  child.on('message', (m: FromClusterWorker) => waiting?.(m));
  child.on('exit', (code, signal) => waiting?.(new Error(`cluster worker ${child.pid} exited (code ${code}, signal ${signal})`)));
  const next = (expect: FromClusterWorker['type'], timeoutMs: number) =>
    new Promise<FromClusterWorker>((resolve, reject) => {
      const timer = setTimeout(() => ((waiting = null), reject(new Error(`cluster worker ${child.pid}: no ${expect} within ${timeoutMs} ms`))), timeoutMs);
      waiting = (m) => {
        clearTimeout(timer);
        waiting = null;
        if (m instanceof Error) reject(m);
        else if (m.type === 'failed') reject(new Error(`cluster worker ${child.pid}: ${m.message}`));
        else if (m.type !== expect) reject(new Error(`cluster worker ${child.pid}: expected ${expect}, got ${m.type}`));
        else resolve(m);
      };
    });
  const worker: ClusterWorker = {
    child,
    async ask(cmd, expect, timeoutMs) {
      const reply = next(expect, timeoutMs);
      child.send(cmd);
      return (await reply) as never;
    },
  };
  return next('ready', 60_000).then(() => worker);
}

async function closeWorkers(workers: ClusterWorker[]): Promise<void> {
  await Promise.all(
    workers.map(async (w) => {
      if (w.child.exitCode !== null || w.child.signalCode !== null) return;
      const gone = new Promise<void>((r) => w.child.once('exit', () => r()));
      await w.ask({ type: 'close' }, 'closed', 20_000).catch(() => w.child.kill('SIGKILL'));
      const force = setTimeout(() => w.child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(force);
    }),
  );
}

/** `n` items, `concurrency` at a time, in order of index. */
async function lanes<T>(n: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, lane));
  return out;
}

function phase(replies: Extract<FromClusterWorker, { type: 'done' }>[], wallMs: number): PhaseFigures {
  const outcomes = replies.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes);
  const ackMs = replies.flatMap((r) => r.ackMs);
  return { outcomes, wallMs, perSecond: perSecond(ackMs.length, wallMs), ack: summarize(ackMs) };
}

async function redisRssKiB(url: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    return Number(/^used_memory_rss:(\d+)/m.exec(await client.info('memory'))?.[1]) / 1024;
  } finally {
    client.disconnect();
  }
}

export async function runCluster(s: ClusterSettings, log: (line: string) => void): Promise<ClusterResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-row-cluster-'));
  let redis: RedisServer | undefined;
  const servers: ServerProcess[] = [];
  let lb: NginxProcess | undefined;
  let workers: ClusterWorker[] = [];
  let result: Omit<ClusterResult, 'serverExitCodes' | 'serverWarnings' | 'nginxErrors'> | undefined;
  const exitCodes: (number | null)[] = [];
  let serverWarnings: string[] = [];
  let nginxErrors: string[] = [];
  const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const value = await f();
    return [value, performance.now() - t0];
  };
  try {
    redis = await startRedisServer();
    // TRUST_PROXY=1: nginx is the one trusted hop (deploy/nginx.conf). The sockets are members: never capped by address.
    // REDIS_COMMAND_TIMEOUT_MS: the 500 ms stall detector is for a Redis with a core of its own; on this shared
    // 2-core machine, under 20,000 sockets, a starved redis-server would be declared down for being slow.
    const env = {
      TRUST_PROXY: '1',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      REDIS_COMMAND_TIMEOUT_MS: '5000',
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    };
    const options = { dataDir, redisUrl: redis.url, redisPrefix: 'cluster:', startTimeoutMs: 60_000, env };
    servers.push(...(await Promise.all([startServerProcess(options), startServerProcess(options)])));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    lb = await startNginx([a.port, b.port]);
    log(`nginx ${lb.url} (${lb.workerPids().length} workers) → processes ${a.pid} (${a.url}) and ${b.pid} (${b.url}); redis ${redis.url}`);

    // One beat a second earns watch points every 2 s, and the like round pays: every phase moves balances.
    const host = await hostToken(lb.url);
    const { body } = await api(lb.url, 'GET', '/api/rules');
    const rules = { ...body.rules, watch: { ...body.rules.watch, heartbeatSeconds: 1, everySeconds: 2 }, like: { ...body.rules.like, maxPerStream: 10 } };
    const put = await api(lb.url, 'PUT', '/api/rules', rules, host);
    if (put.status !== 200) throw new Error(`PUT /api/rules: ${put.status} ${JSON.stringify(put.body)}`);
    // Each process caches the rules briefly: wait until both serve the new ones.
    for (const p of servers) {
      for (let tries = 0; JSON.stringify((await api(p.url, 'GET', '/api/rules')).body.rules) !== JSON.stringify(rules); tries++) {
        if (tries > 100) throw new Error(`process ${p.pid} still has the old rules`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const streamId = await liveShow(lb.url, host, 'Cluster bench');

    const runId = Date.now().toString(36);
    const [members, signOnMs] = await time(() =>
      lanes<MemberCredential>(s.sockets, s.signOnConcurrency, (i) =>
        ssoMember(lb!.url, `cluster-${runId}-${i}`, `Fan ${i + 1}`).catch((err) => {
          throw new Error(`sign-on ${i} through nginx: ${err}\nnginx error log:\n${lb!.errorLog().slice(-2000)}`);
        }),
      ),
    );
    log(`${s.sockets} members signed on through nginx in ${Math.round(signOnMs)} ms`);

    const workerCount = Math.ceil(s.sockets / SOCKETS_PER_CLUSTER_WORKER);
    workers = await Promise.all(Array.from({ length: workerCount }, startWorker));
    const shares = Array.from({ length: workerCount }, (_, k) => members.filter((_, i) => i % workerCount === k));
    const all = async (cmd: (k: number) => ToClusterWorker, timeoutMs: number) =>
      time(() => Promise.all(workers.map((w, k) => w.ask(cmd(k), 'done', timeoutMs))));

    // A worker's share may join slowly on a busy machine (30 joins/s overall were seen with others' test suites
    // running): its deadline grows with the share, 0.4 s a socket beyond two minutes.
    const joinDeadlineMs = 120_000 + Math.max(...shares.map((share) => share.length)) * 400;
    const [joined, joinMs] = await all((k) => ({ type: 'join', url: lb!.url, streamId, members: shares[k]!, concurrency: s.joinConcurrency, timeoutMs: 30_000 }), joinDeadlineMs);
    const join = phase(joined, joinMs);
    const afterJoin: [number, number] = [await liveSocketsOn(a.url), await liveSocketsOn(b.url)];
    log(`joined: ${JSON.stringify(join.outcomes)} in ${Math.round(joinMs)} ms; process split ${afterJoin.join(' / ')}`);

    const ackTimeoutMs = 60_000;
    const [beaten, beatMs] = await all(() => ({ type: 'beat', streamId, beats: s.beats, ackTimeoutMs }), s.beats * (ackTimeoutMs + 1000) + 60_000);
    const beat = { ...phase(beaten, beatMs), beats: s.beats };
    log(`heartbeats: ${JSON.stringify(beat.outcomes)} in ${Math.round(beatMs)} ms`);

    const [liked, likeMs] = await all(() => ({ type: 'like', streamId, requestId: `cluster-${runId}`, ackTimeoutMs }), ackTimeoutMs + 60_000);
    const like = phase(liked, likeMs);
    log(`likes: ${JSON.stringify(like.outcomes)} in ${Math.round(likeMs)} ms`);

    const tallies = await Promise.all(workers.map((w) => w.ask({ type: 'tally' }, 'tally', 60_000)));
    const end: [number, number] = [await liveSocketsOn(a.url), await liveSocketsOn(b.url)];
    const rssKiB = { a: memoryOf(a.pid).rssKiB, b: memoryOf(b.pid).rssKiB, nginx: lb.rssKiB(), redis: await redisRssKiB(redis.url) };

    // Every member's stored balance, read through nginx, against what its acks said it earned.
    const acked = Object.assign({}, ...tallies.map((t) => t.acked)) as Record<string, number>;
    const uncertain = new Set(tallies.flatMap((t) => t.uncertain));
    let mismatched = 0;
    let lost = 0;
    let firstMismatch: string | null = null;
    await lanes(members.length, s.signOnConcurrency, async (i) => {
      const m = members[i]!;
      const balance = await balanceOf(lb!.url, m.token);
      if (uncertain.has(m.memberId)) {
        if (balance < (acked[m.memberId] ?? 0)) lost++;
      } else if (balance !== (acked[m.memberId] ?? 0)) {
        mismatched++;
        firstMismatch ??= `${m.memberId}: balance ${balance}, acked ${acked[m.memberId] ?? 0}`;
      }
    });
    const awards = {
      checked: members.length - uncertain.size,
      mismatched,
      uncertain: uncertain.size,
      lost,
      ackedPoints: Object.values(acked).reduce((x, y) => x + y, 0),
      unanswered: tallies.reduce((n, t) => n + t.unanswered, 0),
      firstMismatch,
    };
    log(`awards: ${mismatched} of ${awards.checked} balances differ from their acks; ${lost} of ${uncertain.size} with unknown outcomes below them (${awards.ackedPoints} points acked)`);

    result = {
      asked: s.sockets,
      workers: workerCount,
      nginxWorkers: lb.workerPids().length,
      signOn: { wallMs: signOnMs, perSecond: perSecond(s.sockets, signOnMs) },
      join,
      split: { afterJoin, end },
      heldAtEnd: tallies.reduce((n, t) => n + t.connected, 0),
      lost: tallies.reduce((acc, t) => mergeCounts(acc, t.disconnects), {} as Outcomes),
      beat,
      like,
      awards,
      rssKiB,
    };
  } finally {
    await closeWorkers(workers).catch((err) => log(`closing workers: ${err}`));
    nginxErrors = (lb?.errorLog() ?? '').split('\n').filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
    await lb?.stop();
    for (const server of servers) {
      exitCodes.push(await server.stop());
      serverWarnings.push(...server.stdoutLines().filter((line) => /"level":(40|50|60)\b/.test(line)));
    }
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...result!, serverExitCodes: [exitCodes[0] ?? null, exitCodes[1] ?? null], serverWarnings, nginxErrors };
}
