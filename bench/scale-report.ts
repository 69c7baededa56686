/**
 * The scale part's report (issue 10): the goals table — each goal beside the
 * bare baseline, each Front Row mode and its ratio to bare in the same run,
 * met or not — the figures of every phase, and what limited them (the load
 * each phase measured, read by report.ts boundBy). Nothing is asserted here;
 * the CI smoke asserts from the JSON the bench writes.
 */
import { SOCKET_OPTIONS } from '../server/realtime/socket-options.ts';
import type { Machine } from './proc.ts';
import { boundBy, messageOf } from './report.ts';
import type { ClusterResult } from './cluster-run.ts';
import type { PageWeight } from './page-weight.ts';
import type { PhaseFigures, ScaleResult, ScaleSettings } from './scale-run.ts';
import { fmt, mib, ms, outcomeText, pct } from './stats.ts';

type Verdict = 'met' | 'not met' | 'n/a';

export interface GoalRow {
  measure: string;
  goal: string;
  bare: string;
  /** Per Front Row mode: the figure and its ratio to bare. */
  modes: { mode: string; value: string; ratio: string }[];
  verdict: Verdict;
}

const phaseOf = (r: ScaleResult, name: string): PhaseFigures | undefined => r.phases.find((p) => p.name === name);
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const times = (x: number) => (Number.isFinite(x) ? `${fmt(x, 2)}×` : '–');
const verdict = (checks: boolean[]): Verdict => (checks.length === 0 ? 'n/a' : checks.every(Boolean) ? 'met' : 'not met');

/** A throughput (or size) goal: figure of each mode, ratio to bare, met when every mode's ratio passes `ok`. */
function ratioRow(
  bare: ScaleResult | undefined,
  modes: ScaleResult[],
  measure: string,
  goal: string,
  figure: (r: ScaleResult) => number,
  text: (v: number) => string,
  ok: (ratio: number) => boolean,
  extra: (r: ScaleResult) => boolean = () => true,
): GoalRow {
  const base = bare ? figure(bare) : NaN;
  const cells = modes.map((r) => {
    const v = figure(r);
    return { mode: r.target, value: text(v), ratio: times(ratio(v, base)), pass: ok(ratio(v, base)) && extra(r) };
  });
  return { measure, goal, bare: bare ? text(base) : 'not run', modes: cells, verdict: bare ? verdict(cells.map((c) => c.pass)) : 'n/a' };
}

/** The longest /healthz answer of a run over the phases bare ran too, and its worst ratio to bare's in the same phase. */
function healthz(r: ScaleResult, bare: ScaleResult | undefined): { max: number; phase: string; worst: number; worstPhase: string } {
  let max = 0;
  let phase = '';
  let worst = NaN;
  let worstPhase = '';
  for (const p of r.phases) {
    if (p.healthzMaxMs > max) (max = p.healthzMaxMs), (phase = p.name);
    const b = bare && phaseOf(bare, p.name);
    const q = b ? ratio(p.healthzMaxMs, b.healthzMaxMs) : NaN;
    if (Number.isFinite(q) && !(worst >= q)) (worst = q), (worstPhase = p.name);
  }
  return { max, phase, worst, worstPhase };
}

export function goalRows(runs: ScaleResult[], s: ScaleSettings, cluster: ClusterResult | null = null): GoalRow[] {
  const bare = runs.find((r) => r.target === 'bare');
  const modes = runs.filter((r) => r.target !== 'bare');
  const perSec = (v: number) => `${fmt(v)} /s`;
  const lostOf = (r: ScaleResult) => r.phases.reduce((n, p) => n + p.lost, 0);
  const rows: GoalRow[] = [];
  rows.push({
    measure: `${fmt(s.members)} sockets connected and joined`,
    goal: 'all',
    bare: bare ? fmt(bare.connected) : 'not run',
    modes: modes.map((r) => ({ mode: r.target, value: fmt(r.connected), ratio: '' })),
    verdict: verdict(modes.map((r) => r.connected === r.members)),
  });
  rows.push({
    measure: 'sockets lost under any phase',
    goal: '0, both modes',
    bare: bare ? fmt(lostOf(bare)) : 'not run',
    modes: modes.map((r) => ({ mode: r.target, value: fmt(lostOf(r)), ratio: '' })),
    verdict: verdict(modes.map((r) => lostOf(r) === 0)),
  });
  const bareHealth = bare ? healthz(bare, undefined) : null;
  rows.push({
    measure: 'longest `/healthz` answer during a phase',
    goal: '≤ 2× bare’s in the same phase',
    bare: bareHealth ? `${ms(bareHealth.max)} (${bareHealth.phase})` : 'not run',
    modes: modes.map((r) => {
      const h = healthz(r, bare);
      return { mode: r.target, value: `${ms(h.max)} (${h.phase})`, ratio: h.worstPhase ? `${times(h.worst)} (${h.worstPhase})` : '–' };
    }),
    verdict: bare ? verdict(modes.map((r) => healthz(r, bare).worst <= 2)) : 'n/a',
  });
  rows.push(ratioRow(bare, modes, 'heartbeat award acks/s (closed loop)', '≥ 0.5× in both modes', (r) => phaseOf(r, 'heartbeats')?.acksPerSecond ?? NaN, perSec, (q) => q >= 0.5));
  rows.push(ratioRow(bare, modes, 'paid like acks/s (closed loop)', '≥ 0.4× in both modes', (r) => phaseOf(r, 'likes')?.acksPerSecond ?? NaN, perSec, (q) => q >= 0.4));
  const stormText = (r: ScaleResult) => (r.target === 'bare' ? '' : `, sold ${r.drop.soldByServer ?? '–'} of ${r.drop.stock}`);
  const storm = ratioRow(
    bare,
    modes,
    `drop storm claims/s (exactly ${fmt(s.dropStock)} of ${fmt(s.dropStock)} sold)`,
    '≥ 0.5×, exactly the stock sold',
    (r) => phaseOf(r, 'drop storm')?.answeredPerSecond ?? NaN,
    perSec,
    (q) => q >= 0.5,
    (r) => r.drop.exact,
  );
  storm.modes = storm.modes.map((c, i) => ({ ...c, value: c.value + stormText(modes[i]!) }));
  rows.push(storm);
  rows.push(ratioRow(bare, modes, 'connect + join rate', '≥ 0.7×', (r) => r.joinPerSecond, perSec, (q) => q >= 0.7));
  rows.push(ratioRow(bare, modes, 'server memory per socket', '≤ 1.3×', (r) => r.memoryPerSocketKiB, (v) => `${fmt(v, 1)} KiB`, (q) => q <= 1.3));
  rows.push(ratioRow(bare, modes, 'comment fan-out deliveries/s', '≥ 0.9×', (r) => phaseOf(r, 'comments')?.deliveriesPerSecond ?? NaN, perSec, (q) => q >= 0.9));
  rows.push({
    measure: `soak (${fmt(s.soakSeconds)} s at show-like rates)`,
    goal: 'memory growth < 10 % after warm-up; every award exact',
    bare: 'not run (nothing to award)',
    modes: modes.map((r) => ({ mode: r.target, value: r.soak ? soakText(r) : 'not run', ratio: '' })),
    verdict: verdict(modes.map((r) => r.soak !== null && r.soak.growthPercent < 10 && soakExact(r))),
  });
  if (cluster) rows.push(clusterRow(cluster, modes.map((r) => r.target)));
  rows.push({
    measure: 'viewer room over the wire (first visit)',
    goal: '≤ 150 KB',
    bare: 'n/a (no screens)',
    modes: modes.map((r) => ({ mode: r.target, value: r.viewerRoom ? weightText(r.viewerRoom) : 'not measured', ratio: '' })),
    verdict: verdict(modes.map((r) => r.viewerRoom !== null && r.viewerRoom.wireBytes <= VIEWER_ROOM_BUDGET_BYTES)),
  });
  return rows;
}

/** The issue's 150 KB, in bytes (KB = 1,000 bytes, as a network counts). */
const VIEWER_ROOM_BUDGET_BYTES = 150_000;

const weightText = (w: PageWeight) => `${fmt(w.wireBytes / 1000, 1)} KB in ${fmt(w.files)} files (${fmt(w.rawBytes / 1000, 1)} KB unpacked)`;

/** The cluster part's goal (Redis mode by nature): shown in the Redis column, the embedded one says n/a. */
function clusterRow(c: ClusterResult, modes: string[]): GoalRow {
  const exact = c.awards.mismatched === 0 && c.awards.lost === 0;
  const value = `${fmt(c.heldAtEnd)} of ${fmt(c.asked)} held; awards ${exact ? 'exact' : 'not exact'} (${fmt(c.awards.checked - c.awards.mismatched)} of ${fmt(c.awards.checked)} members)`;
  const cells = modes.map((mode) => ({ mode, value: mode === 'redis' ? value : 'n/a (Redis mode only)', ratio: '' }));
  return {
    measure: `two processes + nginx + Redis (cluster part)`,
    goal: `${fmt(c.asked)} sockets held, awards exact`,
    bare: 'not run',
    modes: cells,
    verdict: verdict([c.heldAtEnd === c.asked && exact]),
  };
}

export const soakExact = (r: ScaleResult) => r.soak !== null && r.soak.audit.exact === r.soak.audit.members && r.soak.audit.members === r.connected;

function soakText(r: ScaleResult): string {
  const s = r.soak!;
  const a = s.audit;
  const exact = a.exact === a.members ? `all ${fmt(a.members)} balances exact` : `${fmt(a.exact)} of ${fmt(a.members)} exact (${fmt(a.wrong)} wrong, ${fmt(a.unsure)} with unanswered events)`;
  return `growth ${fmt(s.growthPercent, 1)} %; ${exact}`;
}

export function goalsMarkdown(rows: GoalRow[]): string {
  const modes = rows[0]?.modes.map((m) => m.mode) ?? [];
  const header = `| measure | goal | bare | ${modes.map((m) => `${m} | ratio`).join(' | ')} | met? |`;
  const rule = `|---|---|---|${modes.map(() => '---|---').join('|')}|---|`;
  const body = rows.map(
    (r) => `| ${r.measure} | ${r.goal} | ${r.bare} | ${r.modes.map((m) => `${m.value} | ${m.ratio}`).join(' | ')} | ${r.verdict === 'not met' ? '**not met**' : r.verdict} |`,
  );
  return [header, rule, ...body].join('\n');
}

export function goalsConsole(rows: GoalRow[]): string {
  return rows
    .map((r) => `${r.verdict.padEnd(8)} ${r.measure.replace(/`/g, '')} (${r.goal}): bare ${r.bare}; ${r.modes.map((m) => `${m.mode} ${m.value}${m.ratio ? ` = ${m.ratio}` : ''}`).join('; ')}`)
    .join('\n');
}

/** Every phase of every target: throughput, ack times, /healthz, losses, replies. */
function phaseTable(runs: ScaleResult[]): string {
  const names = [...new Set(runs.flatMap((r) => r.phases.map((p) => p.name)))];
  const header = `| phase | ${runs.map((r) => r.target).join(' | ')} |`;
  const rule = `|---|${runs.map(() => '---').join('|')}|`;
  const cell = (p: PhaseFigures | undefined) => {
    if (!p) return 'not run';
    const rate = p.name === 'drop storm' ? `${fmt(p.answeredPerSecond)} replies/s` : p.name === 'join' ? `${fmt(p.acksPerSecond)} joins/s` : `${fmt(p.acksPerSecond)} ok acks/s`;
    const fan = p.deliveries > 0 ? `, ${fmt(p.deliveriesPerSecond)} deliveries/s` : '';
    const ack = p.ack.n > 0 ? `; ack p50/p99 ${ms(p.ack.p50)} / ${ms(p.ack.p99)}` : '';
    return `${rate}${fan}${ack}; /healthz max ${ms(p.healthzMaxMs)}${p.healthzFailures ? ` (${p.healthzFailures} failed)` : ''}; lost ${fmt(p.lost)}; ${outcomeText(p.outcomes)}`;
  };
  return [header, rule, ...names.map((n) => `| ${n} | ${runs.map((r) => cell(phaseOf(r, n))).join(' | ')} |`)].join('\n');
}

/** Socket.IO drops a socket whose pong is later than pingInterval + pingTimeout (both servers' settings). */
const PING_DEADLINE_MS = SOCKET_OPTIONS.pingInterval + SOCKET_OPTIONS.pingTimeout;

/** Sockets lost in a phase, and whose event loop the measurements point at. */
function lostText(p: PhaseFigures): string {
  if (p.lost === 0) return '';
  const who =
    p.healthzMaxMs >= PING_DEADLINE_MS / 2
      ? `the server's loop stalled (/healthz took up to ${ms(p.healthzMaxMs)})`
      : `the server still answered /healthz within ${ms(p.healthzMaxMs)}, so the clients' loops (or the machine) starved the pings`;
  return ` — **${fmt(p.lost)} sockets lost** to ping timeouts: ${who}`;
}

/**
 * The server's CPU per event it answered (ok or refused) in the closed loops:
 * what each event cost, whatever limited the phase. Bare's is Socket.IO's own
 * floor (parse, ack, write); the store-cost part says how much of Front Row's
 * is the award's writes.
 */
function cpuPerEvent(runs: ScaleResult[]): string {
  const bare = runs.find((r) => r.target === 'bare');
  const micros = (r: ScaleResult, name: string) => {
    const p = phaseOf(r, name);
    // cpu.server is % of one core over the phase: a core-second per second is 100.
    return p && p.answeredPerSecond > 0 ? ((p.load.cpu.server / 100) * 1e6) / p.answeredPerSecond : NaN;
  };
  const cell = (r: ScaleResult, name: string) => {
    const v = micros(r, name);
    const q = bare && r !== bare ? ratio(v, micros(bare, name)) : NaN;
    return `${r.target} ${Number.isFinite(v) ? `${fmt(v)} µs` : '–'}${Number.isFinite(q) ? ` (${times(q)})` : ''}`;
  };
  const phases = ['heartbeats', 'likes'].map((name) => `${name}: ${runs.map((r) => cell(r, name)).join(', ')}`);
  return `- **Server CPU per answered event** (CPU time over replies, ok or refused): ${phases.join('; ')}.`;
}

/** What limited each figure: per target and phase, where the server's time went (report.ts boundBy). */
export function scaleLimits(runs: ScaleResult[], machine: Machine): string {
  const lines = runs.map((r) => {
    const phases = r.phases.map((p) => `${p.name}: ${boundBy(p.load, machine, r.target)}${lostText(p)}`).join('; ');
    const cpu = r.phases.map((p) => `${p.name} ${pct(p.load.cpu.server)}`).join(', ');
    return `- **${r.target}** (server CPU, % of one core: ${cpu}) — ${phases}.`;
  });
  return [
    ...lines,
    cpuPerEvent(runs),
    `- Throughout, ${runs[0] ? fmt(runs[0].workers) : '–'} client worker process(es) (≤ 2,500 sockets each) ran on the same ${machine.cpus} cores as the server, over loopback: every ratio compares server + clients on this machine, and the clients' share is in each phase's CPU figures.`,
  ].join('\n');
}

/** Per Front Row run: its logged warnings and errors grouped by message, so a refusal storm's cause is on the page. */
function warningsText(runs: ScaleResult[]): string {
  return runs
    .filter((r) => r.target !== 'bare')
    .map((r) => {
      if (r.serverWarnings.length === 0) return `${r.target}: none`;
      const byMessage = new Map<string, number>();
      for (const message of r.serverWarnings.map(messageOf)) byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
      const kinds = [...byMessage].sort((a, b) => b[1] - a[1]);
      return `${r.target}: ${fmt(r.serverWarnings.length)} — ${kinds
        .slice(0, 3)
        .map(([message, n]) => `${fmt(n)} × ${message.slice(0, 160)}`)
        .join('; ')}${kinds.length > 3 ? `; ${fmt(kinds.length - 3)} other kinds` : ''}`;
    })
    .join('; ');
}

export function scaleMarkdown(runs: ScaleResult[], s: ScaleSettings, machine: Machine, cluster: ClusterResult | null = null): string {
  const rows = goalRows(runs, s, cluster);
  const memory = runs.map((r) => `${r.target} ${mib(r.rssBeforeKiB)} → ${mib(r.rssAfterKiB)}`).join('; ');
  const soaks = runs
    .filter((r) => r.soak)
    .map((r) => {
      const k = r.soak!;
      const series = k.rss.map(([sec, kib]) => `${fmt(sec)} s ${fmt(kib / 1024)}`).join(', ');
      return `- **${r.target}**: RSS (MiB) ${series}; soak drop ${k.drop ? `${k.drop.sold} of ${k.drop.stock} sold` : 'not made'}; lottery ${k.lottery ? `${k.lottery.entries} entries, ${k.lottery.winners} winners drawn` : 'not made'}; audit: ${fmt(k.audit.serverPoints)} points on the server, ${fmt(k.audit.ackedPoints)} acked${k.audit.examples.length ? ` (e.g. ${k.audit.examples.join('; ')})` : ''}.`;
    })
    .join('\n');
  return `## ${fmt(s.members)} members against bare Socket.IO (issue 10)

Bare Socket.IO first, then each Front Row mode, in one run, with the same
client workers. Ratios are Front Row / bare in this run.

${goalsMarkdown(rows)}

${cluster ? 'The two-process row is the cluster part of this run (its own section below).' : 'Two processes behind nginx: not run in this run (`BENCH_PARTS=…,cluster`).'}
The viewer room's weight is its page and every script and stylesheet it names,
fetched from the server as a phone asks for them (\`Accept-Encoding: br, gzip\`),
bodies as sent (bench/page-weight.ts).

### What limited each figure

${scaleLimits(runs, machine)}

### Phases

${phaseTable(runs)}

Server RSS before → after the joins: ${memory}.

Server warnings and errors logged over each run (the three commonest
messages, each with how many times it was logged): ${warningsText(runs)}.

${soaks ? `Soak:\n\n${soaks}\n` : ''}
### How the scale part runs

\`BENCH_PARTS=scale\` (part of the default set). Members: \`BENCH_SCALE_MEMBERS\`
(${fmt(s.members)}), signed on through shop SSO (Front Row) and spread over
client worker processes of at most 2,500 websocket sockets
(\`bench/scale-worker.ts\`), joined to one live show. Each phase lasts
\`BENCH_SCALE_PHASE_SECONDS\` (${s.phaseSeconds} s); meanwhile \`/healthz\` is polled
one request at a time (the longest answer is kept) and every socket that
disconnects is counted. The baseline, \`bench/bare-server.ts\`, is Socket.IO 4.8
with Front Row's event names on \`/live\`, answering each \`{ ok: true }\`, joining
the room on \`stream:join\` and broadcasting comments to it, with Front Row's
ping settings and \`maxHttpBufferSize\`; it takes any token.

1. **join**: connect + \`stream:join\` (\`BENCH_JOIN_CONCURRENCY\` at once per
   worker); server RSS before and after gives memory per socket;
2. **heartbeats**, closed loop: each socket sends its next beat when the ack
   arrives; replies split into awarded, credited only, nothing (a socket's
   first beat starts the clock and credits nothing) and refusals;
3. **likes**, closed loop, every one paid (\`like.maxPerStream\` raised);
4. **comments**: \`BENCH_SCALE_COMMENTERS\` (${fmt(s.commenters)}) members comment,
   each sending the next once its own came back through the room (or after
   \`retryAfterMs\` when refused); deliveries are counted at every receiver;
5. **drop storm**: one drop of \`BENCH_SCALE_DROP\` (${fmt(s.dropStock)}) units
   open to all; every member claims once at the same moment; the units sold are
   read back from \`GET /api/drops/:id\`; claims/s counts every reply (sold or
   \`SOLD_OUT\`);
6. **soak** (Front Row only; bare has nothing to award): \`BENCH_SOAK_SECONDS\`
   (${fmt(s.soakSeconds)}) at show-like rates — a beat per member every 15 s, a
   like burst every 30 s, a comment every 4 s from each commenter, a drop (one
   member in ten claims) at 30 %, a lottery opened at 50 % (every member enters)
   and drawn at 80 %; server RSS every 10 s, growth measured floor to floor —
   the lowest RSS of the last fifth against the lowest of 20–40 % (one sample
   lands anywhere on the garbage collector's saw-tooth); at the end every member's balance
   (\`GET /api/me\`) is held to the sum of the awards acked to it.

For the closed-loop phases Front Row runs with \`SOCKET_BUDGET_SCALE=1000\`
(config.ts) and rules \`watch.heartbeatSeconds\` 1, \`watch.everySeconds\` 1 (the
least the rules take: each beat credits the time since the previous one, and
each whole second of watch time awards),
\`like.maxPerStream\` 1,000,000 and \`comment.roomPerSecond\` 1,000 (its maximum);
for the soak \`heartbeatSeconds\` 15 and \`everySeconds\` 60. A commenter is still
held to 5 comments per 10 s (moderation-service.ts COMMENT_FLOOD, a constant):
${fmt(s.commenters)} commenters offer at most ${fmt(s.commenters / 2)} comments/s, ${fmt((s.commenters / 2) * s.members)} deliveries/s
here — when bare delivered more than that, the limit, not the server, set
Front Row's fan-out figure (its \`RATE_LIMITED\` replies are in the phase table).
`;
}
