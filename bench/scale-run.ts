/**
 * The scale part of `npm run bench` (issue 10), one target per call: the bare
 * Socket.IO baseline (bare-server.ts) or Front Row in one run mode (the real
 * server as a child process, a private redis-server in Redis mode). The same
 * clients every time: members in scale-worker.ts processes of at most 2,500
 * sockets. Phases, each with /healthz polled and lost sockets counted:
 * join, closed-loop heartbeats, closed-loop paid likes, comment fan-out, a
 * drop storm, then (Front Row only) the soak at show-like rates, RSS sampled,
 * ending with every member's balance held to the awards acked.
 * Everything started here is stopped here, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, hostToken, liveShow, ssoMember } from '../test/support/clients.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { memoryOf } from './proc.ts';
import type { MemberCredential, Outcomes } from './protocol.ts';
import { phaseMeter, redisFacts, type PhaseLoad, type Processes } from './run-mode.ts';
import type { ScaleAudit, ScaleJoined, ScalePhaseReply } from './scale-protocol.ts';
import { mergeCounts, perSecond, summarize, type Summary } from './stats.ts';
import { startWorkers, type Worker, type WorkerPool } from './worker-pool.ts';

export type Target = 'bare' | 'embedded' | 'redis';

export interface ScaleSettings {
  members: number;
  phaseSeconds: number;
  soakSeconds: number;
  /** Units of the drop-storm drop. */
  dropStock: number;
  commenters: number;
  joinConcurrency: number;
  signOnConcurrency: number;
}

export const SOCKETS_PER_WORKER = 2_500;
/**
 * Front Row's per-member socket budgets (domain/budget.ts) are for honest
 * phones; a closed loop sends as fast as acks come back. The scale part starts
 * the server with SOCKET_BUDGET_SCALE (config.ts, the knob load harnesses use)
 * so no budget refuses an event and each one takes the full award path.
 */
export const SCALE_BUDGET = 1_000;

export interface PhaseFigures {
  name: string;
  wallMs: number;
  outcomes: Outcomes;
  acks: number;
  /** ok acks per second, first send → last ack. */
  acksPerSecond: number;
  /** Replies of any kind (ok or refused) per second, first send → last reply: the drop storm's claims/s. */
  answeredPerSecond: number;
  ack: Summary;
  /** Longest /healthz answer during the phase (ms); a failed poll counts as its time to fail. */
  healthzMaxMs: number;
  healthzFailures: number;
  lost: number;
  deliveries: number;
  deliveriesPerSecond: number;
  load: PhaseLoad;
}

export interface SoakFigures {
  seconds: number;
  /** RSS every 10 s (a soak under 100 s: ten times): [seconds since the soak began, KiB]. */
  rss: [number, number][];
  /** RSS growth from the first sample after warm-up (the first 20 %) to the last, % of the first. */
  growthPercent: number;
  drop: { stock: number; sold: number } | null;
  lottery: { entries: number; winners: number } | null;
  audit: Omit<ScaleAudit, 'type'>;
}

export interface ScaleResult {
  target: Target;
  members: number;
  connected: number;
  workers: number;
  joinOutcomes: Outcomes;
  joinPerSecond: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  memoryPerSocketKiB: number;
  phases: PhaseFigures[];
  drop: { stock: number; okAcks: number; soldByServer: number | null; exact: boolean };
  soak: SoakFigures | null;
  serverWarnings: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ACK_TIMEOUT_MS = 30_000;

/** /healthz polled one request at a time every 50 ms until stopped; the longest answer. */
function pollHealth(url: string) {
  let stopped = false;
  let max = 0;
  let failures = 0;
  const running = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      max = Math.max(max, performance.now() - t);
      await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return { max, failures };
  };
}

interface Target_ {
  url: string;
  pid: number;
  redisPid: number | null;
  stop(): Promise<string[]>;
}

function startBare(): Promise<Target_> {
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

async function startFrontRow(mode: 'embedded' | 'redis', dataDir: string, redis: RedisServer | undefined): Promise<{ target: Target_; server: ServerProcess }> {
  const server = await startServerProcess({
    dataDir,
    ...(redis ? { redisUrl: redis.url, redisPrefix: 'bench:' } : {}),
    env: { SOCKET_BUDGET_SCALE: String(SCALE_BUDGET) },
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
function loadRules(rules: any) {
  return {
    ...rules,
    watch: { ...rules.watch, heartbeatSeconds: 1, everySeconds: 1 },
    like: { ...rules.like, maxPerStream: 1_000_000 },
    comment: { ...rules.comment, roomPerSecond: 1000 },
  };
}

/** Show-like rules for the soak: beats every 15 s, an award per minute of watch time. */
function soakRules(rules: any) {
  return { ...loadRules(rules), watch: { ...rules.watch, heartbeatSeconds: 15, everySeconds: 60 } };
}

async function putRules(url: string, host: string, rules: unknown): Promise<void> {
  const put = await api(url, 'PUT', '/api/rules', rules, host);
  if (put.status !== 200) throw new Error(`PUT /api/rules: ${put.status} ${JSON.stringify(put.body)}`);
}

async function signOn(url: string, n: number, concurrency: number): Promise<MemberCredential[]> {
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

function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, k) => items.filter((_, i) => i % parts === k));
}

/** Runs one phase on every worker with /healthz polled and the load metered; folds the replies. */
async function phase(
  name: string,
  workers: Worker[],
  t: Target_,
  command: (w: Worker, k: number) => Promise<ScalePhaseReply>,
): Promise<PhaseFigures> {
  const meter = phaseMeter({ serverPid: t.pid, redisPid: t.redisPid } satisfies Processes);
  const health = pollHealth(t.url);
  const started = performance.now();
  const replies = await Promise.all(workers.map(command));
  const wallMs = performance.now() - started;
  const load = meter(replies.map((r) => r.cpu));
  const h = await health();
  const first = Math.min(...replies.map((r) => r.firstSendAt).filter(Number.isFinite));
  const last = Math.max(...replies.map((r) => r.lastAckAt).filter(Number.isFinite));
  const acks = replies.reduce((s, r) => s + r.acks, 0);
  const deliveries = replies.reduce((s, r) => s + r.deliveries, 0);
  const dFirst = Math.min(...replies.map((r) => r.firstDeliveryAt).filter(Number.isFinite));
  const dLast = Math.max(...replies.map((r) => r.lastDeliveryAt).filter(Number.isFinite));
  return {
    name,
    wallMs,
    outcomes: replies.reduce((acc, r) => mergeCounts(acc, r.outcomes), {} as Outcomes),
    acks,
    acksPerSecond: perSecond(acks, last - first),
    answeredPerSecond: perSecond(
      replies.reduce((n, r) => n + r.answered, 0),
      Math.max(...replies.map((r) => r.lastAnswerAt).filter(Number.isFinite)) - first,
    ),
    ack: summarize(replies.flatMap((r) => r.ackSample)),
    healthzMaxMs: h.max,
    healthzFailures: h.failures,
    lost: replies.reduce((s, r) => s + r.lost, 0),
    deliveries,
    deliveriesPerSecond: deliveries > 0 ? perSecond(deliveries, dLast - dFirst) : NaN,
    load,
  };
}

export async function runScale(target: Target, s: ScaleSettings, log: (line: string) => void): Promise<ScaleResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-scale-'));
  let redis: RedisServer | undefined;
  let t: Target_ | undefined;
  let pool: WorkerPool | undefined;
  let serverWarnings: string[] = [];
  try {
    if (target === 'redis') redis = await startRedisServer();
    const frontRow = target === 'bare' ? null : await startFrontRow(target, dataDir, redis);
    t = frontRow?.target ?? (await startBare());
    log(`${target}: server pid ${t.pid} on ${t.url}`);

    let host = '';
    let streamId = 'bare-show';
    let members: MemberCredential[];
    let rules: any = null;
    if (frontRow) {
      host = await hostToken(t.url);
      rules = (await api(t.url, 'GET', '/api/rules')).body.rules;
      await putRules(t.url, host, loadRules(rules));
      streamId = await liveShow(t.url, host, 'Scale show');
      const signOnStart = performance.now();
      members = await signOn(t.url, s.members, s.signOnConcurrency);
      log(`${target}: ${s.members} members signed on through shop SSO in ${Math.round(performance.now() - signOnStart)} ms`);
    } else {
      members = Array.from({ length: s.members }, (_, i) => ({ token: `bare-${i}`, memberId: `bare-${i}` }));
    }

    pool = await startWorkers(REPO_ROOT, Math.ceil(s.members / SOCKETS_PER_WORKER), 'scale-worker.ts');
    const { workers } = pool;
    const shares = split(members, workers.length);
    const phaseMs = s.phaseSeconds * 1000;
    const deadline = (seconds: number) => seconds * 1000 + ACK_TIMEOUT_MS + 60_000;

    // 1. connect + join
    const rssBeforeKiB = memoryOf(t.pid).rssKiB;
    let joined: ScaleJoined[] = [];
    const joinPhase = await phase('join', workers, t, async (w, k) => {
      const started = performance.now();
      const reply = await w.request<ScaleJoined>(
        { type: 'join', url: t!.url, streamId, members: shares[k]!, concurrency: s.joinConcurrency, timeoutMs: ACK_TIMEOUT_MS },
        120_000 + s.members * 30,
      );
      joined[k] = reply;
      const at = performance.timeOrigin + performance.now();
      return {
        type: 'phase', outcomes: reply.outcomes, acks: reply.connected, answered: reply.connected, lastAnswerAt: at, ackSample: [], firstSendAt: performance.timeOrigin + started, lastAckAt: at,
        lost: 0, connected: reply.connected, deliveries: 0, firstDeliveryAt: NaN, lastDeliveryAt: NaN, cpu: reply.cpu,
      };
    });
    const connected = joined.reduce((n, r) => n + r.connected, 0);
    await sleep(1_000); // let the joins' garbage settle before reading memory
    const rssAfterKiB = memoryOf(t.pid).rssKiB;
    log(`${target}: joined ${connected}/${s.members} (${Math.round(joinPhase.acksPerSecond)}/s), RSS ${Math.round(rssBeforeKiB / 1024)} → ${Math.round(rssAfterKiB / 1024)} MiB`);
    if (connected === 0) throw new Error(`no member could join: ${JSON.stringify(joinPhase.outcomes)}`);

    const phases: PhaseFigures[] = [joinPhase];
    const report = (p: PhaseFigures) => {
      phases.push(p);
      const extra = p.deliveries > 0 ? `, ${Math.round(p.deliveriesPerSecond)} deliveries/s` : '';
      log(`${target}: ${p.name}: ${Math.round(p.acksPerSecond)} acks/s${extra}, healthz max ${Math.round(p.healthzMaxMs)} ms, lost ${p.lost}; ${JSON.stringify(p.outcomes)}`);
    };
    // 2. closed-loop heartbeats; 3. closed-loop paid likes
    for (const kind of ['beat', 'like'] as const) {
      await sleep(500);
      report(await phase(kind === 'beat' ? 'heartbeats' : 'likes', workers, t, (w) =>
        w.request({ type: 'loop', kind, streamId, seconds: s.phaseSeconds, ackTimeoutMs: ACK_TIMEOUT_MS }, deadline(s.phaseSeconds))));
    }
    // 4. comment fan-out: commenters spread over the workers
    await sleep(500);
    const perWorker = split(Array.from({ length: Math.min(s.commenters, connected) }), workers.length).map((a) => a.length);
    report(await phase('comments', workers, t, (w, k) =>
      w.request({ type: 'comment', streamId, seconds: s.phaseSeconds, commenters: perWorker[k]!, ackTimeoutMs: ACK_TIMEOUT_MS }, deadline(s.phaseSeconds))));

    // 5. drop storm: one drop open to all, every member claims once at the same moment
    await sleep(500);
    let dropId = 'bare-drop';
    if (frontRow) {
      const created = await api(t.url, 'POST', `/api/streams/${streamId}/drops`, { title: 'Storm', priceCents: 100_00, stock: s.dropStock }, host);
      if (created.status !== 201) throw new Error(`create drop: ${created.status} ${JSON.stringify(created.body)}`);
      dropId = created.body.drop.id;
    }
    const startAt = Date.now() + 1_000;
    const storm = await phase('drop storm', workers, t, (w) => w.request({ type: 'claim', dropId, startAt, ackTimeoutMs: ACK_TIMEOUT_MS }, deadline(5)));
    report(storm);
    let soldByServer: number | null = null;
    if (frontRow) {
      const d = (await api(t.url, 'GET', `/api/drops/${dropId}`)).body.drop;
      soldByServer = d.reserved + d.confirmed;
      log(`${target}: drop after the storm: remaining ${d.remaining}, reserved ${d.reserved}, confirmed ${d.confirmed}, status ${d.status}`);
    }
    const drop = {
      stock: s.dropStock,
      okAcks: storm.outcomes.ok ?? 0,
      soldByServer,
      exact: soldByServer === s.dropStock && storm.outcomes.ok === s.dropStock,
    };

    // 6. soak at show-like rates (Front Row only)
    let soak: SoakFigures | null = null;
    if (frontRow && s.soakSeconds > 0) {
      await putRules(t.url, host, soakRules(rules));
      soak = await runSoak(t, workers, streamId, host, s, report, log);
    }
    return {
      target,
      members: s.members,
      connected,
      workers: workers.length,
      joinOutcomes: joinPhase.outcomes,
      joinPerSecond: joinPhase.acksPerSecond,
      rssBeforeKiB,
      rssAfterKiB,
      memoryPerSocketKiB: (rssAfterKiB - rssBeforeKiB) / connected,
      phases,
      drop,
      soak,
      serverWarnings,
    };
  } finally {
    await pool?.close().catch((err) => log(`closing workers: ${err}`));
    if (t) serverWarnings.push(...(await t.stop()));
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The soak: workers at show-like rates; here RSS every 10 s, a drop at 30 %, a lottery opened at 50 % and drawn at 80 %; then the audit. */
async function runSoak(
  t: Target_,
  workers: Worker[],
  streamId: string,
  host: string,
  s: ScaleSettings,
  report: (p: PhaseFigures) => void,
  log: (line: string) => void,
): Promise<SoakFigures> {
  const soakMs = s.soakSeconds * 1000;
  const start = performance.now();
  const rss: [number, number][] = [];
  const sample = () => rss.push([(performance.now() - start) / 1000, memoryOf(t.pid).rssKiB]);
  sample();
  // Every 10 s; a short soak (the CI smoke) samples ten times all the same.
  const sampler = setInterval(sample, Math.min(10_000, soakMs / 10));
  const dropStock = Math.max(1, Math.round(s.dropStock / 10));
  let dropId: string | null = null;
  let lotteryId: string | null = null;
  const at = (fraction: number, f: () => Promise<void>) =>
    sleep(soakMs * fraction).then(f).catch((err) => log(`${t.url}: soak event failed: ${err}`));
  const events = Promise.all([
    at(0.3, async () => {
      const r = await api(t.url, 'POST', `/api/streams/${streamId}/drops`, { title: 'Soak drop', priceCents: 50_00, stock: dropStock }, host);
      if (r.status !== 201) throw new Error(`create drop: ${r.status} ${JSON.stringify(r.body)}`);
      dropId = r.body.drop.id;
    }),
    at(0.5, async () => {
      const r = await api(t.url, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Soak lottery', prize: 'A tea set', winners: 3 }, host);
      if (r.status !== 201) throw new Error(`create lottery: ${r.status} ${JSON.stringify(r.body)}`);
      lotteryId = r.body.lottery.id;
    }),
  ]);
  const drawn = at(0.8, async () => {
    await events;
    if (!lotteryId) return;
    const r = await api(t.url, 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    if (r.status !== 200) throw new Error(`draw: ${r.status} ${JSON.stringify(r.body)}`);
  });
  const soakPhase = await phase('soak', workers, t, (w) =>
    w.request(
      { type: 'soak', streamId, seconds: s.soakSeconds, beatEveryMs: 15_000, likeEveryMs: 30_000, commentEveryMs: 4_000, commenters: Math.ceil(s.commenters / workers.length), claimEvery: 10, enterWithinMs: Math.min(5_000, soakMs * 0.2), ackTimeoutMs: ACK_TIMEOUT_MS },
      s.soakSeconds * 1000 + ACK_TIMEOUT_MS + 60_000,
    ),
  );
  clearInterval(sampler);
  sample();
  await drawn;
  report(soakPhase);

  const warm = rss.find(([sec]) => sec >= s.soakSeconds * 0.2) ?? rss[0]!;
  const last = rss[rss.length - 1]!;
  let drop: SoakFigures['drop'] = null;
  if (dropId) {
    const d = (await api(t.url, 'GET', `/api/drops/${dropId}`)).body.drop;
    drop = { stock: dropStock, sold: d.reserved + d.confirmed };
  }
  let lottery: SoakFigures['lottery'] = null;
  if (lotteryId) {
    const l = (await api(t.url, 'GET', `/api/lotteries/${lotteryId}`)).body.lottery;
    lottery = { entries: l.entries, winners: l.winnerList?.length ?? 0 };
  }
  const audits = await Promise.all(workers.map((w) => w.request<ScaleAudit>({ type: 'audit', url: t.url, concurrency: 16 }, 120_000 + s.members * 50)));
  const audit = audits.reduce(
    (a, r) => ({
      members: a.members + r.members,
      exact: a.exact + r.exact,
      wrong: a.wrong + r.wrong,
      unsure: a.unsure + r.unsure,
      ackedPoints: a.ackedPoints + r.ackedPoints,
      serverPoints: a.serverPoints + r.serverPoints,
      examples: [...a.examples, ...r.examples].slice(0, 5),
    }),
    { members: 0, exact: 0, wrong: 0, unsure: 0, ackedPoints: 0, serverPoints: 0, examples: [] as string[] },
  );
  log(`soak: RSS ${rss.map(([, k]) => Math.round(k / 1024)).join(' ')} MiB; drop ${JSON.stringify(drop)}; lottery ${JSON.stringify(lottery)}; audit ${JSON.stringify(audit)}`);
  return { seconds: s.soakSeconds, rss, growthPercent: ((last[1] - warm[1]) / warm[1]) * 100, drop, lottery, audit };
}
