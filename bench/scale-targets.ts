/**
 * What the scale part measures against: the bare baseline (bare-server.ts,
 * a child process) or Front Row (the real server as a child process, its
 * closed-loop budgets raised by the existing knob), plus the rules the
 * phases run under and the members' shop SSO sign-on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { api, ssoMember, type ApiReply } from '../test/support/clients.ts';
import type { RedisServer } from '../test/support/redis-server.ts';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import type { MemberCredential } from './protocol.ts';
import { redisFacts } from './run-mode.ts';
import type { RunningTarget } from './scale-phase.ts';

/**
 * Front Row's per-member socket budgets (domain/budget.ts) are for honest
 * phones; a closed loop sends as fast as acks come back. The scale part starts
 * the server with SOCKET_BUDGET_SCALE (config.ts, the knob load harnesses use)
 * so no budget refuses an event and each one takes the full award path.
 */
export const SCALE_BUDGET = 1_000;

export function startBare(): Promise<RunningTarget> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('bare server did not start in 30 s'))), 30_000);
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid: child.pid!,
        redisPid: null,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await gone;
          }
          return [];
        },
      });
    });
  });
}

export async function startFrontRow(mode: 'embedded' | 'redis', dataDir: string, redis: RedisServer | undefined): Promise<{ target: RunningTarget; server: ServerProcess }> {
  const server = await startServerProcess({
    dataDir,
    ...(redis ? { redisUrl: redis.url, redisPrefix: 'bench:' } : {}),
    env: {
      SOCKET_BUDGET_SCALE: String(SCALE_BUDGET),
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
      // Settings to try (e.g. '{"ADMISSION_EVENTS_IN_FLIGHT":"2000"}'): what the report then measured is that configuration.
      ...(process.env.BENCH_SERVER_ENV ? (JSON.parse(process.env.BENCH_SERVER_ENV) as Record<string, string>) : {}),
    },
    startTimeoutMs: 60_000,
  });
  if (server.mode !== mode) throw new Error(`the server announced ${server.mode} mode, expected ${mode}`);
  const redisPid = redis ? (await redisFacts(redis.url)).pid : null;
  return {
    server,
    target: {
      url: server.url,
      pid: server.pid,
      redisPid,
      async stop() {
        await server.stop();
        return server.stdoutLines().filter((line) => /"level":(40|50|60)\b/.test(line));
      },
    },
  };
}

/**
 * Rules for the closed-loop phases: a beat earns every whole second of watch
 * time (everySeconds 1, the least the rules take) and may come every second
 * (heartbeatSeconds 1), so a closed loop of ~1 beat per socket per few hundred
 * ms credits on every beat and awards about once a second per member; likes
 * pay to the end (maxPerStream far above what a phase sends); the room's
 * comment ceiling at its maximum, so fan-out is the broadcast, not the rule.
 */
export function loadRules(rules: any) {
  return {
    ...rules,
    watch: { ...rules.watch, heartbeatSeconds: 1, everySeconds: 1 },
    like: { ...rules.like, maxPerStream: 1_000_000 },
    comment: { ...rules.comment, roomPerSecond: 1000 },
  };
}

/** Show-like rules for the soak: beats every 15 s, an award per minute of watch time. */
export function soakRules(rules: any) {
  return { ...loadRules(rules), watch: { ...rules.watch, heartbeatSeconds: 15, everySeconds: 60 } };
}

/**
 * A host's call that a busy server may answer 503 UNAVAILABLE (it declared a
 * dependency down under the load, or refused early): tried again after its
 * retryAfterMs, as the dashboard would, for up to a minute.
 */
export async function hostCall(url: string, method: string, path: string, body: unknown, host: string): Promise<ApiReply> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const reply = await api(url, method, path, body, host);
    if (reply.status !== 503 || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, Math.min(5_000, reply.body?.error?.retryAfterMs ?? 1_000)));
  }
}

export async function putRules(url: string, host: string, rules: unknown): Promise<void> {
  const put = await hostCall(url, 'PUT', '/api/rules', rules, host);
  if (put.status !== 200) throw new Error(`PUT /api/rules: ${put.status} ${JSON.stringify(put.body)}`);
}

export async function signOn(url: string, n: number, concurrency: number): Promise<MemberCredential[]> {
  const run = Date.now().toString(36);
  const members: MemberCredential[] = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      members[i] = await ssoMember(url, `scale-${run}-${i}`, `Fan ${i + 1}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, lane));
  return members;
}
