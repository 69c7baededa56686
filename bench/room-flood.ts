/**
 * The room under attack (issue 8): what an honest member and the health check
 * see while 100 member sockets flood the show with heartbeats, likes and
 * comments. One mode per call: a private redis-server in Redis mode, the real
 * server as a child process, the attacker in its own process (flood-worker.ts),
 * the honest members and the `/healthz` poller here. Two phases of equal length,
 * quiet then flooded, so the figures sit next to their own baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { api, connect, hostToken, inBatches, liveShow, ssoMember } from '../test/support/clients.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import type { FloodCommand, FloodReply } from './flood-worker.ts';
import { runOneShot } from './one-shot-worker.ts';
import type { Mode } from './run-mode.ts';
import { summarize, type Summary } from './stats.ts';

export interface FloodSettings {
  seconds: number;
  flooders: number;
  perSocketPerSecond: number;
  honestMembers: number;
}

export interface RoomSide {
  beatAck: Summary;
  beatOutcomes: Record<string, number>;
  healthz: Summary;
  /** Room events (comments, counts, …) each honest member received per second. */
  eventsPerMemberPerSecond: number;
  /** CPU the measuring process (the honest members' sockets) used, % of a core: it parses every event they receive. */
  observerCpu: number;
}

export interface RoomFloodResult {
  mode: Mode;
  settings: FloodSettings;
  quiet: RoomSide;
  flooded: RoomSide;
  attack: FloodReply;
  /** The server's warnings and errors over the run, except the expected one per flooder cut off. */
  serverWarnings: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HEALTHZ_EVERY_MS = 50;

/** Honest members beat once per heartbeatSeconds (1 s here), staggered; /healthz is polled one request at a time. */
async function observe(server: ServerProcess, sockets: Socket[], streamId: string, seconds: number): Promise<RoomSide> {
  const until = performance.now() + seconds * 1000;
  const beatMs: number[] = [];
  const healthMs: number[] = [];
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  let received = 0;
  const onEvent = () => received++;
  for (const socket of sockets) socket.onAny(onEvent);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const member = async (socket: Socket, offsetMs: number) => {
    await sleep(offsetMs);
    while (performance.now() < until) {
      const next = performance.now() + 1000;
      const t = performance.now();
      try {
        const reply = await socket.timeout(10_000).emitWithAck('watch:heartbeat', { streamId, visible: true, playing: true });
        count(reply.ok ? 'ok' : reply.error.code);
        if (reply.ok) beatMs.push(performance.now() - t);
      } catch {
        count('TIMEOUT');
      }
      await sleep(Math.max(0, next - performance.now()));
    }
  };
  const health = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.arrayBuffer();
      healthMs.push(performance.now() - t);
      await sleep(HEALTHZ_EVERY_MS);
    }
  };
  await Promise.all([health(), ...sockets.map((s, i) => member(s, (i * 1000) / sockets.length))]);
  for (const socket of sockets) socket.offAny(onEvent);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    beatAck: summarize(beatMs),
    beatOutcomes: outcomes,
    healthz: summarize(healthMs),
    eventsPerMemberPerSecond: (received * 1000) / wallMs / sockets.length,
    observerCpu: ((used.user + used.system) / 1000 / wallMs) * 100,
  };
}

export async function runRoomFlood(mode: Mode, s: FloodSettings, log: (line: string) => void): Promise<RoomFloodResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-flood-'));
  let redis: RedisServer | undefined;
  let server: ServerProcess | undefined;
  const honest: Socket[] = [];
  try {
    if (mode === 'redis') redis = await startRedisServer();
    server = await startServerProcess({
      dataDir,
      ...(redis ? { redisUrl: redis.url, redisPrefix: 'bench:' } : {}),
      env: { LOG_LEVEL: 'warn', ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}) },
      startTimeoutMs: 60_000,
    });
    // heartbeatSeconds 1: honest members beat once a second, which gives the
    // percentiles enough samples; the flooders beat 50 times as often.
    const host = await hostToken(server.url);
    const { body } = await api(server.url, 'GET', '/api/rules');
    const put = await api(server.url, 'PUT', '/api/rules', { ...body.rules, watch: { ...body.rules.watch, heartbeatSeconds: 1 } }, host);
    if (put.status !== 200) throw new Error(`PUT /api/rules: ${put.status} ${JSON.stringify(put.body)}`);
    const streamId = await liveShow(server.url, host, 'Flood show');
    const run = Date.now().toString(36);
    const tokens: string[] = [];
    await inBatches(Array.from({ length: s.flooders }, (_, i) => i), 16, async (i) => {
      tokens[i] = (await ssoMember(server!.url, `flood-${run}-${i}`, `Flooder ${i}`)).token;
    });
    await inBatches(Array.from({ length: s.honestMembers }, (_, i) => i), 16, async (i) => {
      const { token } = await ssoMember(server!.url, `honest-${run}-${i}`, `Fan ${i}`);
      const socket = await connect(server!.url, '/live', { token });
      const joined = await socket.emitWithAck('stream:join', { streamId });
      if (!joined.ok) throw new Error(`honest join: ${joined.error.code}`);
      honest.push(socket);
    });

    log(`${mode}: quiet phase (${s.seconds} s)`);
    const quiet = await observe(server, honest, streamId, s.seconds);
    log(`${mode}: flood phase (${s.flooders} sockets × ${s.perSocketPerSecond}/s for ${s.seconds} s)`);
    const command: FloodCommand = { type: 'flood', url: server.url, streamId, tokens, seconds: s.seconds, perSocketPerSecond: s.perSocketPerSecond };
    const attacker = runOneShot<FloodReply>('flood-worker.ts', command, s.seconds * 1000 + 60_000);
    await attacker.started;
    const [flooded, attack] = await Promise.all([observe(server, honest, streamId, s.seconds), attacker.done]);
    await server.stop();
    const serverWarnings = server
      .stdoutLines()
      .filter((line) => /"level":(40|50|60)\b/.test(line) && !line.includes('kept exceeding its event budget'));
    return { mode, settings: s, quiet, flooded, attack, serverWarnings };
  } finally {
    for (const socket of honest) socket.close();
    if (server) await server.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
