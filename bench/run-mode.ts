/**
 * One run of the live-room bench in one mode: a private redis-server (Redis
 * mode), the real server as a child process (`node --import tsx
 * server/main.ts`, as `npm start` runs it), a live show, N members signed on
 * through shop SSO, their sockets spread over client workers, then the
 * phases: join, heartbeats at a steady offered rate, an unloaded like probe,
 * like bursts. Everything started here is stopped here, whatever happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { api, hostToken, liveShow, ssoMember } from '../test/support/clients.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { cpuMsOf, machineBusyMs, memoryOf, sampleDiskWait, schedOf, type Memory } from './proc.ts';
import type { CpuMs, MemberCredential, Outcomes } from './protocol.ts';
import { mergeCounts, perSecond, summarize, type Summary } from './stats.ts';
import { startWorkers, type WorkerPool } from './worker-pool.ts';

export type Mode = 'embedded' | 'redis';

export interface Settings {
  members: number;
  workers: number;
  beatSeconds: number;
  likeRounds: number;
  probeLikes: number;
  joinConcurrency: number;
  signOnConcurrency: number;
}

/** CPU used during a phase, as a percentage of one core (100 % = one core busy). */
export interface CpuShare {
  server: number;
  redis: number;
  clients: number;
  /** Everything else on the machine (not the bench, server, workers or its redis-server). */
  others: number;
}

/** Where a main thread's wall time went during a phase, in % of the phase. */
export interface ThreadTimes {
  onCpu: number;
  /** Runnable, waiting for a CPU held by another process. */
  runqueue: number;
  /** In uninterruptible sleep (sampled): waiting on the disk. */
  disk: number;
  /** The rest: idle, waiting for work. */
  idle: number;
}

/** How busy each side was during a phase. */
export interface PhaseLoad {
  cpu: CpuShare;
  /** Main-thread states of the server process (and of redis-server in Redis mode). */
  serverThread: ThreadTimes;
  redisThread: ThreadTimes | null;
}

export interface LikeFigures {
  sent: number;
  outcomes: Outcomes;
  acksPerSecond: number;
  ack: Summary;
  points: Summary;
  missingPoints: number;
}

export interface ModeResult {
  mode: Mode;
  members: number;
  workers: number;
  serverStartMs: number;
  signOn: { count: number; perSecond: number };
  join: { outcomes: Outcomes; wallMs: number; perSecond: number; connect: Summary; ack: Summary; load: PhaseLoad };
  beat: {
    offeredPerSecond: number;
    seconds: number;
    sent: number;
    outcomes: Outcomes;
    acksPerSecond: number;
    ack: Summary;
    sendLag: Summary;
    load: PhaseLoad;
  };
  probe: LikeFigures;
  likes: LikeFigures & { rounds: number; load: PhaseLoad };
  memory: { idle: Memory; afterJoins: Memory; end: Memory };
  redisRssBytes: number | null;
  serverExitCode: number | null;
  /** The server's warning and error log lines over the run (an outage it declared, say), as logged. */
  serverWarnings: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

export interface Processes {
  serverPid: number;
  redisPid: number | null;
}

/** Measures one main thread over a phase: scheduler times exactly, disk wait by sampling. */
function threadMeter(pid: number) {
  const start = schedOf(pid);
  const stopSampling = sampleDiskWait(pid);
  return (wallMs: number): ThreadTimes => {
    const end = schedOf(pid);
    const share = (ms: number) => (ms / wallMs) * 100;
    const onCpu = share(end.onCpuMs - start.onCpuMs);
    const runqueue = share(end.runqueueMs - start.runqueueMs);
    const disk = stopSampling();
    return { onCpu, runqueue, disk, idle: Math.max(0, 100 - onCpu - runqueue - disk) };
  };
}

/**
 * Load meter over a phase: CPU of the server and redis-server from /proc, the
 * clients as the workers report it, the rest of the machine from /proc/stat,
 * and where the server's (and redis-server's) main thread spent the phase.
 */
export function phaseMeter(p: Processes) {
  const read = () => ({
    at: now(),
    server: cpuMsOf(p.serverPid),
    redis: p.redisPid ? cpuMsOf(p.redisPid) : 0,
    machine: machineBusyMs(),
    self: process.cpuUsage(),
  });
  const start = read();
  const serverThread = threadMeter(p.serverPid);
  const redisThread = p.redisPid ? threadMeter(p.redisPid) : null;
  return (clientCpu: CpuMs[]): PhaseLoad => {
    const end = read();
    const wall = end.at - start.at;
    const share = (ms: number) => (ms / wall) * 100;
    const self = process.cpuUsage(start.self);
    const server = end.server - start.server;
    const redis = end.redis - start.redis;
    const clients = clientCpu.reduce((sum, c) => sum + c.user + c.system, 0);
    const others = end.machine - start.machine - server - redis - clients - (self.user + self.system) / 1000;
    return {
      cpu: {
        server: share(server),
        redis: p.redisPid ? share(redis) : NaN,
        clients: share(clients),
        others: Math.max(0, share(others)),
      },
      serverThread: serverThread(wall),
      redisThread: redisThread?.(wall) ?? null,
    };
  };
}

export async function redisFacts(url: string): Promise<{ pid: number; rssBytes: number }> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const server = await client.info('server');
    const memory = await client.info('memory');
    return {
      pid: Number(/^process_id:(\d+)/m.exec(server)?.[1]),
      rssBytes: Number(/^used_memory_rss:(\d+)/m.exec(memory)?.[1]),
    };
  } finally {
    client.disconnect();
  }
}

/** N members through shop SSO, `concurrency` exchanges in flight. */
async function signOn(url: string, n: number, concurrency: number, runId: string): Promise<MemberCredential[]> {
  const members: MemberCredential[] = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      members[i] = await ssoMember(url, `bench-${runId}-${i}`, `Fan ${i + 1}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, lane));
  return members;
}

function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, k) => items.filter((_, i) => i % parts === k));
}

function likeFigures(replies: { sent: number; outcomes: Outcomes; ackMs: number[]; pointsMs: number[]; missingPoints: number; firstSendAt: number; lastAckAt: number }[]): LikeFigures {
  const outcomes = replies.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes);
  const acked = replies.reduce((s, r) => s + r.ackMs.length, 0);
  const span = Math.max(...replies.map((r) => r.lastAckAt)) - Math.min(...replies.map((r) => r.firstSendAt));
  return {
    sent: replies.reduce((s, r) => s + r.sent, 0),
    outcomes,
    acksPerSecond: perSecond(acked, span),
    ack: summarize(replies.flatMap((r) => r.ackMs)),
    points: summarize(replies.flatMap((r) => r.pointsMs)),
    missingPoints: replies.reduce((s, r) => s + r.missingPoints, 0),
  };
}

export async function runMode(mode: Mode, s: Settings, log: (line: string) => void): Promise<ModeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-'));
  let redis: RedisServer | undefined;
  let server: ServerProcess | undefined;
  let pool: WorkerPool | undefined;
  let result: Omit<ModeResult, 'serverExitCode' | 'serverWarnings'> | undefined;
  let serverWarnings: string[] = [];
  let serverExitCode: number | null = null;
  try {
    if (mode === 'redis') {
      redis = await startRedisServer();
      log(`private redis-server on ${redis.url}`);
    }
    const startedAt = now();
    server = await startServerProcess({
      dataDir,
      ...(redis ? { redisUrl: redis.url, redisPrefix: 'bench:' } : {}),
      startTimeoutMs: 60_000,
    });
    const serverStartMs = now() - startedAt;
    if (server.mode !== mode) throw new Error(`the server announced ${server.mode} mode, expected ${mode}`);
    const procs: Processes = { serverPid: server.pid, redisPid: redis ? (await redisFacts(redis.url)).pid : null };
    log(`server pid ${server.pid} on ${server.url} (${mode} mode, up in ${Math.round(serverStartMs)} ms)`);

    // Every like in the run must pay, so each one takes the full award path and pushes `points`.
    // Members beat once a second, as real clients do when heartbeatSeconds is 1, so every
    // offered beat fits the per-socket heartbeat budget (one per heartbeatSeconds / 2).
    const host = await hostToken(server.url);
    const { body } = await api(server.url, 'GET', '/api/rules');
    const rules = {
      ...body.rules,
      watch: { ...body.rules.watch, heartbeatSeconds: 1 },
      like: { ...body.rules.like, maxPerStream: s.likeRounds + s.probeLikes },
    };
    const put = await api(server.url, 'PUT', '/api/rules', rules, host);
    if (put.status !== 200) throw new Error(`PUT /api/rules: ${put.status} ${JSON.stringify(put.body)}`);
    const streamId = await liveShow(server.url, host, 'Bench show');

    const signOnStart = now();
    const members = await signOn(server.url, s.members, s.signOnConcurrency, Date.now().toString(36));
    const signOnMs = now() - signOnStart;
    log(`${s.members} members signed on in ${Math.round(signOnMs)} ms`);
    const idle = memoryOf(server.pid);

    pool = await startWorkers(REPO_ROOT, s.workers);
    const { workers } = pool;
    const shares = split(members, workers.length);

    // Join: connect with the member token, then stream:join, `joinConcurrency` at a time per worker.
    let meter = phaseMeter(procs);
    const joinStart = now();
    const joined = await Promise.all(
      workers.map((w, k) =>
        w.ask({ type: 'join', url: server!.url, streamId, members: shares[k]!, concurrency: s.joinConcurrency, timeoutMs: 20_000 }, 120_000 + s.members * 20),
      ),
    );
    const joinWallMs = now() - joinStart;
    const joinLoad = meter(joined.map((r) => r.cpu));
    const joinOutcomes = joined.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes);
    const connected = joinOutcomes.ok ?? 0;
    log(`joined: ${JSON.stringify(joinOutcomes)} in ${Math.round(joinWallMs)} ms`);
    if (connected === 0) throw new Error(`no member could join: ${JSON.stringify(joinOutcomes)}`);
    const afterJoins = memoryOf(server.pid);

    // Heartbeats: every member once per second, spread evenly, for beatSeconds.
    await sleep(500);
    meter = phaseMeter(procs);
    const beatTimeoutMs = 10_000;
    const beaten = await Promise.all(
      workers.map((w) =>
        w.ask({ type: 'beat', streamId, startAt: Date.now() + 300, seconds: s.beatSeconds, ackTimeoutMs: beatTimeoutMs }, s.beatSeconds * 1000 + beatTimeoutMs + 30_000),
      ),
    );
    const beatLoad = meter(beaten.map((r) => r.cpu));
    const beatAcks = beaten.reduce((sum, r) => sum + r.ackMs.length, 0);
    const beatSpan = Math.max(...beaten.map((r) => r.lastAckAt)) - Math.min(...beaten.map((r) => r.firstSendAt));
    const beat = {
      offeredPerSecond: connected,
      seconds: s.beatSeconds,
      sent: beaten.reduce((sum, r) => sum + r.sent, 0),
      outcomes: beaten.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes),
      acksPerSecond: perSecond(beatAcks, beatSpan),
      ack: summarize(beaten.flatMap((r) => r.ackMs)),
      sendLag: summarize(beaten.flatMap((r) => r.sendLagMs)),
      load: beatLoad,
    };
    log(`heartbeats: ${JSON.stringify(beat.outcomes)}, ${Math.round(beat.acksPerSecond)} acks/s`);

    // One member likes alone, one like at a time: the unloaded path.
    await sleep(500);
    const probe = likeFigures([await workers[0]!.ask({ type: 'probe', streamId, likes: s.probeLikes, timeoutMs: 10_000 }, s.probeLikes * 10_000 + 10_000)]);
    log(`probe: like→points p50 ${probe.points.p50.toFixed(1)} ms`);

    // Like bursts: every member likes at once, round after round.
    await sleep(500);
    meter = phaseMeter(procs);
    const roundTimeoutMs = 30_000;
    const liked = await Promise.all(
      workers.map((w) => w.ask({ type: 'like', streamId, rounds: s.likeRounds, roundTimeoutMs }, s.likeRounds * (roundTimeoutMs + 5_000) + 10_000)),
    );
    const likes = { ...likeFigures(liked), rounds: s.likeRounds, load: meter(liked.map((r) => r.cpu)) };
    log(`likes: ${JSON.stringify(likes.outcomes)}, ${Math.round(likes.acksPerSecond)} acks/s`);

    const end = memoryOf(server.pid);
    result = {
      mode,
      members: connected,
      workers: workers.length,
      serverStartMs,
      signOn: { count: s.members, perSecond: perSecond(s.members, signOnMs) },
      join: {
        outcomes: joinOutcomes,
        wallMs: joinWallMs,
        perSecond: perSecond(connected, joinWallMs),
        connect: summarize(joined.flatMap((r) => r.connectMs)),
        ack: summarize(joined.flatMap((r) => r.joinMs)),
        load: joinLoad,
      },
      beat,
      probe,
      likes,
      memory: { idle, afterJoins, end },
      redisRssBytes: redis ? (await redisFacts(redis.url)).rssBytes : null,
    };
  } finally {
    await pool?.close().catch((err) => log(`closing workers: ${err}`));
    if (server) {
      serverExitCode = await server.stop();
      serverWarnings = server.stdoutLines().filter((line) => /"level":(40|50|60)\b/.test(line));
      if (serverExitCode !== 0) log(`server exited with ${serverExitCode}\n${server.output()}`);
    }
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...result!, serverExitCode, serverWarnings };
}
