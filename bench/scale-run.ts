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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, hostToken, liveShow } from '../test/support/clients.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { REPO_ROOT } from '../test/support/server-process.ts';
import { memoryOf } from './proc.ts';
import { viewerRoomWeight, type PageWeight } from './page-weight.ts';
import type { MemberCredential, Outcomes } from './protocol.ts';
import { ACK_TIMEOUT_MS, phase, sleep, type PhaseFigures, type RunningTarget } from './scale-phase.ts';
import type { ScaleJoined } from './scale-protocol.ts';
import { runSoak, type SoakFigures } from './scale-soak.ts';
import { hostCall, loadRules, putRules, signOn, soakRules, startBare, startFrontRow } from './scale-targets.ts';
import { startWorkers, type WorkerPool } from './worker-pool.ts';

export type { PhaseFigures } from './scale-phase.ts';
export type { SoakFigures } from './scale-soak.ts';
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
  /** The viewer room's first visit as served by this server (Front Row only; null when not measured). */
  viewerRoom: PageWeight | null;
  phases: PhaseFigures[];
  drop: { stock: number; okAcks: number; soldByServer: number | null; exact: boolean };
  soak: SoakFigures | null;
  serverWarnings: string[];
}

function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, k) => items.filter((_, i) => i % parts === k));
}

export async function runScale(target: Target, s: ScaleSettings, log: (line: string) => void): Promise<ScaleResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-scale-'));
  let redis: RedisServer | undefined;
  let t: RunningTarget | undefined;
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
        120_000 + shares[k]!.length * 200,
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
      const created = await hostCall(t.url, 'POST', `/api/streams/${streamId}/drops`, { title: 'Storm', priceCents: 100_00, stock: s.dropStock }, host);
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

    // The viewer room's bytes on a first visit (Front Row only), on an idle server.
    const viewerRoom = frontRow ? await viewerRoomWeight(t.url, streamId) : null;

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
      viewerRoom,
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
