/**
 * `npm run bench`: 10,000 members against a bare Socket.IO baseline in the
 * same run (issue 10: the goals table); speed and memory of the live room,
 * measured in each run mode (embedded, then Redis with a private
 * redis-server); then the room under a flood in each mode and a login during
 * a host-key flood (issue 8). Printed and written to docs/BENCHMARKS.md.
 * Nothing is asserted.
 *
 * Environment (all optional):
 *   BENCH_PARTS             comma list: storecost,scale,room,flood,auth,cluster (default all but cluster)
 *   BENCH_MODES             comma list: embedded,redis       (default both; scale runs bare first in any case)
 *   BENCH_SCALE_MEMBERS     scale: members connected at once (default 10000, at most 19000)
 *   BENCH_SCALE_PHASE_SECONDS  scale: each closed-loop phase (default 15)
 *   BENCH_SOAK_SECONDS      scale: the soak at show-like rates, Front Row modes (default 600; 0 skips it)
 *   BENCH_SCALE_DROP        scale: units of the drop-storm drop (default 500)
 *   BENCH_SCALE_COMMENTERS  scale: members commenting in the fan-out phase (default 20)
 *   BENCH_RESULT_JSON       scale: also write its results and goals, machine-readable, to this path
 *   BENCH_MEMBERS           room: members connected at once  (default 1000, at most 19000)
 *   BENCH_BEAT_SECONDS      heartbeat phase length           (default 10)
 *   BENCH_LIKE_ROUNDS       like bursts                      (default 5)
 *   BENCH_PROBE_LIKES       likes of the lone member         (default 50)
 *   BENCH_WORKERS           client worker processes          (default 1 per 4000 members)
 *   BENCH_JOIN_CONCURRENCY  connections opening at once per worker (default 32)
 *   BENCH_FLOOD_SECONDS     each phase of the room flood     (default 15)
 *   BENCH_AUTH_SECONDS      each phase of the login flood    (default 5)
 *   BENCH_WRITE_DOCS        0: print only, leave docs/BENCHMARKS.md alone
 *   BENCH_CLUSTER_SOCKETS   cluster: sockets held through nginx (default 20000, at most 30000)
 *   BENCH_CLUSTER_BEATS     cluster: heartbeats per member    (default 3)
 *   BENCH_STORE_MEMBERS     storecost: members whose awards each engine runs alone (default 10000)
 *   BENCH_SERVER_ENV        JSON object of extra environment for the scale part's Front Row server
 *   BENCH_SERVER_NODE_OPTIONS  NODE_OPTIONS of the Front Row servers of the room flood, scale and cluster parts (e.g. `--import` a profiler)
 *
 * Only 127.0.0.1; every phase is bounded in count and time, and the whole run
 * has a deadline after which it exits (children go with it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildWebIfStale } from '../server/web-build.ts';
import { REPO_ROOT } from '../test/support/server-process.ts';
import { describeMachine } from './proc.ts';
import { authFloodSection, roomFloodSection } from './attack-report.ts';
import { runAuthFlood, type AuthFloodRow } from './auth-flood.ts';
import { clusterSection } from './cluster-report.ts';
import { runCluster, type ClusterResult } from './cluster-run.ts';
import { consoleTable, limits, markdown } from './report.ts';
import { runRoomFlood, type RoomFloodResult } from './room-flood.ts';
import { runMode, type Mode, type ModeResult, type Settings } from './run-mode.ts';
import { goalRows, goalsConsole, scaleMarkdown } from './scale-report.ts';
import { runScale, type ScaleResult, type ScaleSettings, type Target } from './scale-run.ts';
import { storeCostSection } from './store-cost-report.ts';
import { runStoreCost, type StoreCostResult, type StoreCostSettings } from './store-cost.ts';

/** Where `npm run bench`'s own part of docs/BENCHMARKS.md ends. */
const OTHER_SCRIPTS_MARKER = '<!-- Below: figures from other scripts, kept as they are by npm run bench. -->';

const SOCKETS_PER_WORKER = 4000;
/** The server holds one descriptor per socket; this machine allows 20,000 per process. */
const MAX_MEMBERS = 19_000;
const DEADLINE_MS = 15 * 60_000;

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`bench: ${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    process.exit(1);
  }
  return n;
}

function modesEnv(): Mode[] {
  const raw = process.env.BENCH_MODES ?? 'embedded,redis';
  const modes = raw.split(',').map((m) => m.trim()).filter(Boolean);
  for (const m of modes) {
    if (m !== 'embedded' && m !== 'redis') {
      console.error(`bench: BENCH_MODES takes embedded and/or redis (got "${m}")`);
      process.exit(1);
    }
  }
  return [...new Set(modes)] as Mode[];
}

type Part = 'storecost' | 'scale' | 'room' | 'flood' | 'auth' | 'cluster';
const PARTS: Part[] = ['storecost', 'scale', 'room', 'flood', 'auth', 'cluster'];
/** `cluster` (nginx, two processes, 20,000 sockets) takes minutes and most of the machine: asked for by name only. */
const DEFAULT_PARTS: Part[] = ['storecost', 'scale', 'room', 'flood', 'auth'];

function partsEnv(): Set<Part> {
  const raw = process.env.BENCH_PARTS ?? DEFAULT_PARTS.join(',');
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of parts) {
    if (!PARTS.includes(p as Part)) {
      console.error(`bench: BENCH_PARTS takes ${PARTS.join(', ')} (got "${p}")`);
      process.exit(1);
    }
  }
  return new Set(parts as Part[]);
}

function commandLine(): string {
  const env = Object.keys(process.env)
    .filter((k) => k.startsWith('BENCH_') || k === 'REDIS_SERVER_BIN')
    .sort()
    .map((k) => `${k}=${process.env[k]}`);
  return [...env, 'npm run bench'].join(' ');
}

async function main(): Promise<void> {
  const members = intEnv('BENCH_MEMBERS', 1000, 1, MAX_MEMBERS);
  const settings: Settings = {
    members,
    workers: intEnv('BENCH_WORKERS', Math.ceil(members / SOCKETS_PER_WORKER), 1, 16),
    beatSeconds: intEnv('BENCH_BEAT_SECONDS', 10, 1, 120),
    likeRounds: intEnv('BENCH_LIKE_ROUNDS', 5, 1, 100),
    probeLikes: intEnv('BENCH_PROBE_LIKES', 50, 1, 1000),
    joinConcurrency: intEnv('BENCH_JOIN_CONCURRENCY', 32, 1, 1000),
    signOnConcurrency: 16,
  };
  const modes = modesEnv();
  const parts = partsEnv();
  const floodSeconds = intEnv('BENCH_FLOOD_SECONDS', 15, 1, 300);
  const authSeconds = intEnv('BENCH_AUTH_SECONDS', 5, 1, 120);
  const scaleMembers = intEnv('BENCH_SCALE_MEMBERS', 10_000, 1, MAX_MEMBERS);
  const scale: ScaleSettings = {
    members: scaleMembers,
    phaseSeconds: intEnv('BENCH_SCALE_PHASE_SECONDS', 15, 1, 300),
    soakSeconds: intEnv('BENCH_SOAK_SECONDS', 600, 0, 7200),
    dropStock: intEnv('BENCH_SCALE_DROP', 500, 1, 1_000_000),
    commenters: intEnv('BENCH_SCALE_COMMENTERS', 20, 1, scaleMembers),
    joinConcurrency: settings.joinConcurrency,
    signOnConcurrency: 32,
  };
  const machine = describeMachine(process.env.REDIS_SERVER_BIN ?? 'redis-server');
  // The scale part: per target its phases and sign-on (≈ 10 min at 10,000 on 2 cores, generously), plus each mode's soak;
  // 20,000 sign-ons and sockets of the cluster part can take several minutes on their own.
  const deadlineMs =
    DEADLINE_MS +
    (parts.has('scale') ? (modes.length + 1) * (10 * 60_000 + scale.phaseSeconds * 6_000) + modes.length * scale.soakSeconds * 1000 : 0) +
    (parts.has('cluster') ? 20 * 60_000 : 0);
  const deadline = setTimeout(() => {
    console.error(`bench: still running after ${Math.round(deadlineMs / 60_000)} min; giving up`);
    process.exit(1);
  }, deadlineMs);
  deadline.unref();

  const sizes = [parts.has('scale') ? `scale ${scaleMembers} members` : '', parts.has('room') ? `room ${members} members, ${settings.workers} client worker(s)` : ''].filter(Boolean);
  console.log(`Front Row bench: ${[...parts].join(', ')}; ${sizes.join('; ')}; modes ${modes.join(', ')}`);
  console.log(`${machine.cpus} × ${machine.model}, ${machine.memory}, Node ${machine.node}, redis-server ${machine.redis}\n`);
  const started = Date.now();
  const storeSettings: StoreCostSettings = { members: intEnv('BENCH_STORE_MEMBERS', 10_000, 1, 1_000_000), beats: 6, likes: 4 };
  const storeCosts: StoreCostResult[] = [];
  if (parts.has('storecost')) {
    console.log('— store cost: each engine alone —');
    storeCosts.push(...(await runStoreCost(modes, storeSettings, (line) => console.log(`  ${line}`))));
  }
  const scaleRuns: ScaleResult[] = [];
  if (parts.has('scale')) {
    // The servers run with FRONTROW_SKIP_WEB_BUILD (server-process.ts): the screens are built here, so the
    // viewer room's weight is measured on what the sources make today.
    await buildWebIfStale((line) => console.log(`  ${line}`), (line) => console.log(`  ${line}`));
    for (const target of ['bare', ...modes] as Target[]) {
      console.log(`— scale: ${target} —`);
      scaleRuns.push(await runScale(target, scale, (line) => console.log(`  ${line}`)));
    }
  }
  const results: ModeResult[] = [];
  if (parts.has('room')) {
    for (const mode of modes) {
      console.log(`— ${mode} —`);
      results.push(await runMode(mode, settings, (line) => console.log(`  ${line}`)));
    }
  }
  const floods: RoomFloodResult[] = [];
  if (parts.has('flood')) {
    for (const mode of modes) {
      floods.push(await runRoomFlood(mode, { seconds: floodSeconds, flooders: 100, perSocketPerSecond: 160, honestMembers: 20 }, (line) => console.log(`  ${line}`)));
    }
  }
  const logins: AuthFloodRow[] = parts.has('auth') ? await runAuthFlood(authSeconds, (line) => console.log(`  ${line}`)) : [];
  let cluster: ClusterResult | null = null;
  if (parts.has('cluster')) {
    console.log('— cluster: nginx, two processes —');
    const sockets = intEnv('BENCH_CLUSTER_SOCKETS', 20_000, 2, 30_000);
    const beats = intEnv('BENCH_CLUSTER_BEATS', 3, 1, 60);
    cluster = await runCluster({ sockets, beats, signOnConcurrency: 64, joinConcurrency: 32 }, (line) => console.log(`  ${line}`));
  }
  const durationSeconds = (Date.now() - started) / 1000;

  const storeSection = storeCostSection(storeCosts, storeSettings, scaleRuns, machine.cpus);
  const scaleSection = (scaleRuns.length > 0 ? scaleMarkdown(scaleRuns, scale, machine, cluster) : '') + storeSection;
  if (scaleRuns.length > 0) console.log(`\nGoals (issue 10), ${scale.members} members:\n${goalsConsole(goalRows(scaleRuns, scale, cluster))}`);
  if (storeSection) console.log(`\n${storeSection}`);
  const resultPath = process.env.BENCH_RESULT_JSON;
  if (resultPath && scaleRuns.length > 0) {
    const path = resolve(resultPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ settings: scale, machine, runs: scaleRuns, goals: goalRows(scaleRuns, scale, cluster), storeCosts }, null, 2));
    console.log(`wrote ${path}`);
  }
  const discussion = results.length > 0 ? limits(results, machine) : '';
  if (results.length > 0) console.log(`\n${consoleTable(results)}\n\n${discussion.replace(/\*\*/g, '')}`);
  const attack = [roomFloodSection(floods), authFloodSection(logins, authSeconds), clusterSection(cluster)].filter(Boolean).join('\n');
  if (attack) console.log(`\n${attack}`);

  if (process.env.BENCH_WRITE_DOCS !== '0') {
    const doc = markdown(results, { machine, command: commandLine(), date: new Date().toISOString(), durationSeconds }, discussion, attack, scaleSection);
    const path = join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    writeFileSync(path, `${doc.trimEnd()}\n${sectionsOfOtherScripts(path)}`);
    console.log(`\nwrote ${path} (${Math.round(durationSeconds)} s)`);
  }
  clearTimeout(deadline);
}

/**
 * The part of docs/BENCHMARKS.md that other scripts' figures fill by hand
 * (bench/insights-scale.ts…): everything from OTHER_SCRIPTS_MARKER on, kept
 * as it is when this run rewrites the rest.
 */
function sectionsOfOtherScripts(path: string): string {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = current.indexOf(OTHER_SCRIPTS_MARKER);
  return at < 0 ? `\n${OTHER_SCRIPTS_MARKER}\n` : `\n${current.slice(at)}`;
}

main().catch((err) => {
  console.error('bench failed:', err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
