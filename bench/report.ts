/**
 * Turns the bench's measurements into a console table and docs/BENCHMARKS.md.
 * Nothing here is asserted: the figures are what this run measured.
 */
import type { Machine } from './proc.ts';
import type { ModeResult, PhaseLoad, ThreadTimes } from './run-mode.ts';
import { fmt, mib, ms, outcomeText, pct, triple } from './stats.ts';

type Row = [label: string, ...cells: string[]];

export function rows(results: ModeResult[]): Row[] {
  const each = (f: (r: ModeResult) => string): string[] => results.map(f);
  const cpu = ({ cpu: c }: PhaseLoad) =>
    `${pct(c.server)} / ${Number.isFinite(c.redis) ? pct(c.redis) : 'n/a'} / ${pct(c.clients)} / ${pct(c.others)}`;
  const thread = (t: ThreadTimes | null) => (t ? `${pct(t.onCpu)} / ${pct(t.runqueue)} / ${pct(t.disk)} / ${pct(t.idle)}` : 'n/a');
  return [
    ['members connected and joined', ...each((r) => `${fmt(r.members)} (${outcomeText(r.join.outcomes)})`)],
    ['client worker processes', ...each((r) => fmt(r.workers))],
    ['server start (spawn → listening)', ...each((r) => ms(r.serverStartMs))],
    ['shop SSO sign-ons (HTTP exchange)', ...each((r) => `${fmt(r.signOn.perSecond)} /s`)],
    ['**join** throughput (connect + `stream:join` ack)', ...each((r) => `${fmt(r.join.perSecond)} /s (${fmt(r.join.wallMs / 1000, 1)} s)`)],
    ['connect p50 / p95 / p99', ...each((r) => triple(r.join.connect))],
    ['`stream:join` ack p50 / p95 / p99', ...each((r) => triple(r.join.ack))],
    ['CPU during joins: server / redis / clients / others', ...each((r) => cpu(r.join.load))],
    ['**heartbeats** offered', ...each((r) => `${fmt(r.beat.offeredPerSecond)} /s for ${r.beat.seconds} s`)],
    ['heartbeat acks per second', ...each((r) => `${fmt(r.beat.acksPerSecond)} /s`)],
    ['heartbeat ack p50 / p95 / p99', ...each((r) => triple(r.beat.ack))],
    ['heartbeat ack max', ...each((r) => ms(r.beat.ack.max))],
    ['heartbeat replies', ...each((r) => outcomeText(r.beat.outcomes))],
    ['client send lag p99 / max', ...each((r) => `${ms(r.beat.sendLag.p99)} / ${ms(r.beat.sendLag.max)}`)],
    ['CPU during heartbeats: server / redis / clients / others', ...each((r) => cpu(r.beat.load))],
    ['server main thread during heartbeats: on CPU / awaiting CPU / disk / idle', ...each((r) => thread(r.beat.load.serverThread))],
    ['**like → `points`**, one member alone, p50 / p95 / p99', ...each((r) => triple(r.probe.points))],
    ['like ack, one member alone, p50 / p95 / p99', ...each((r) => triple(r.probe.ack))],
    ['**like bursts** (every member at once, per round)', ...each((r) => `${r.likes.rounds} rounds, ${fmt(r.likes.sent)} likes`)],
    ['interaction acks per second', ...each((r) => `${fmt(r.likes.acksPerSecond)} /s`)],
    ['like ack in a burst p50 / p95 / p99', ...each((r) => triple(r.likes.ack))],
    ['like → `points` in a burst p50 / p95 / p99', ...each((r) => triple(r.likes.points))],
    ['like replies; `points` missing', ...each((r) => `${outcomeText(r.likes.outcomes)}; ${fmt(r.likes.missingPoints)}`)],
    ['CPU during bursts: server / redis / clients / others', ...each((r) => cpu(r.likes.load))],
    ['server main thread during bursts: on CPU / awaiting CPU / disk / idle', ...each((r) => thread(r.likes.load.serverThread))],
    ['redis-server main thread during bursts: on CPU / awaiting CPU / disk / idle', ...each((r) => thread(r.likes.load.redisThread))],
    ['**server RSS** before joins', ...each((r) => mib(r.memory.idle.rssKiB))],
    ['server RSS after joins', ...each((r) => mib(r.memory.afterJoins.rssKiB))],
    ['server RSS at the end', ...each((r) => mib(r.memory.end.rssKiB))],
    ['server RSS peak (VmHWM)', ...each((r) => mib(r.memory.end.hwmKiB))],
    ['server RSS per joined member', ...each((r) => `${fmt((r.memory.afterJoins.rssKiB - r.memory.idle.rssKiB) / r.members, 1)} KiB`)],
    ['redis-server RSS at the end', ...each((r) => (r.redisRssBytes === null ? 'n/a' : mib(r.redisRssBytes / 1024)))],
    ['server exit code after SIGTERM (drain)', ...each((r) => String(r.serverExitCode))],
    ['server warnings and errors logged', ...each((r) => (r.serverWarnings.length === 0 ? 'none' : `${r.serverWarnings.length}: ${messageOf(r.serverWarnings[0]!)}`))],
  ];
}

/** The `msg` of a JSON log line (the line itself if it is not JSON). */
export function messageOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? `“${parsed.msg}”` : line.slice(0, 120);
  } catch {
    return line.slice(0, 120);
  }
}

export function consoleTable(results: ModeResult[]): string {
  const header: Row = ['', ...results.map((r) => r.mode)];
  const body = rows(results).map(([label, ...cells]): Row => [label.replace(/\*\*|`/g, ''), ...cells]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: Row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(results: ModeResult[]): string {
  const header = `| | ${results.map((r) => r.mode).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---').join('|')}|`;
  return [header, rule, ...rows(results).map(([label, ...cells]) => `| ${label} | ${cells.join(' | ')} |`)].join('\n');
}

const CORE_BOUND = 80;
const NOTABLE = 20;

/** The main reason a phase went no faster, read from where the time went. */
export function boundBy(load: PhaseLoad, machine: Machine, mode: string): string {
  const { cpu, serverThread: t, redisThread: rt } = load;
  const sharing =
    `the ${machine.cpus} cores were shared with the client workers (${pct(cpu.clients)})` +
    (Number.isFinite(cpu.redis) ? `, redis-server (${pct(cpu.redis)})` : '') +
    ` and other processes (${pct(cpu.others)})`;
  const busy = t.onCpu + t.runqueue;
  if (t.disk >= 15 && busy + t.disk >= 85 && mode === 'embedded')
    return (
      `the server's main thread was never idle: on a CPU ${pct(t.onCpu)}, waiting for one ${pct(t.runqueue)}, in disk wait ${pct(t.disk)} — ` +
      `better-sqlite3 commits each write transaction with an fsync (synchronous = FULL) on the event loop (this disk's fsync p50 is ${ms(machine.fsync.p50)}), ` +
      `so one event loop doing the work and waiting on the disk is the limit`
    );
  if (busy >= 85)
    return (
      `the server's one event loop was the limit: its main thread was on a CPU ${pct(t.onCpu)} of the time` +
      (t.runqueue >= 10 ? ` and runnable but waiting for one ${pct(t.runqueue)}, as ${sharing}` : '')
    );
  if (t.runqueue >= NOTABLE) return `the server's main thread waited for a CPU ${pct(t.runqueue)} of the time (on one ${pct(t.onCpu)}): ${sharing}`;
  if (rt && rt.disk >= NOTABLE)
    return `redis-server's main thread sat in disk wait ${pct(rt.disk)} of the time (AOF appendfsync always, fsync p50 ${ms(machine.fsync.p50)}) while the server's was on a CPU ${pct(t.onCpu)}`;
  if (cpu.clients >= CORE_BOUND)
    return `the client side was the limit: the workers used ${pct(cpu.clients)} of a core while the server's main thread was on a CPU only ${pct(t.onCpu)}`;
  return (
    `no single resource was saturated (server main thread on a CPU ${pct(t.onCpu)}, waiting for one ${pct(t.runqueue)}, in disk wait ${pct(t.disk)}, ` +
    `client workers ${pct(cpu.clients)}): the figure is bound by the round trips each request waits on more than by any one core`
  );
}

/** What limited this run, said from what it measured: throughput against offer, where the main threads' time went. */
export function limits(results: ModeResult[], machine: Machine): string {
  const parts: string[] = [];
  for (const r of results) {
    const b = r.beat;
    const kept = b.acksPerSecond >= 0.95 * b.offeredPerSecond && b.outcomes.ok === b.sent;
    const beatText = kept
      ? `heartbeats kept up with the offered ${fmt(b.offeredPerSecond)}/s (p99 ${ms(b.ack.p99)}) with the server's main thread on a CPU ${pct(b.load.serverThread.onCpu)} of the time, so ${fmt(b.acksPerSecond)} acks/s is the offer, not a ceiling`
      : `heartbeats fell behind the offered ${fmt(b.offeredPerSecond)}/s (${fmt(b.acksPerSecond)} acks/s, p99 ${ms(b.ack.p99)}); ${boundBy(b.load, machine, r.mode)}`;
    const lag = b.sendLag.p99 >= 50 ? ` (the client itself emitted late: send lag p99 ${ms(b.sendLag.p99)})` : '';
    const joinText = `joins (${fmt(r.join.perSecond)}/s): ${boundBy(r.join.load, machine, r.mode)}`;
    const burstText = `like bursts (${fmt(r.likes.acksPerSecond)} acks/s): ${boundBy(r.likes.load, machine, r.mode)}`;
    const others = Math.max(r.join.load.cpu.others, b.load.cpu.others, r.likes.load.cpu.others);
    const noise =
      others >= NOTABLE
        ? ` Other processes on the machine used up to ${pct(others)} of a core during these phases, so this mode's figures are lower than a quiet machine would give.`
        : '';
    const exit =
      r.serverExitCode === 0
        ? ''
        : ` The server exited with code ${r.serverExitCode} after SIGTERM instead of 0: the drain failed (the bench printed its output).`;
    parts.push(`**${r.mode}**: ${joinText}; ${beatText}${lag}; ${burstText}.${noise}${exit}`);
  }
  const clients = results.map((r) => `${pct(r.likes.load.cpu.clients)} (${r.mode})`).join(', ');
  parts.push(
    `Throughout, the load generator runs on the same ${machine.cpus} cores as the server ` +
      `(the client workers used ${clients} of a core in the bursts, one worker per 4,000 sockets, each one core at most), ` +
      `so every figure is for server and clients together on this machine, over loopback.`,
  );
  return parts.join(' ');
}

export interface ReportContext {
  machine: Machine;
  command: string;
  date: string;
  durationSeconds: number;
}

/** The whole of docs/BENCHMARKS.md; `attack` is the under-attack sections (attack-report.ts), appended as they are. */
/** `scale` is the scale part's section (scale-report.ts), placed first after the machine. */
export function markdown(results: ModeResult[], ctx: ReportContext, discussion: string, attack: string, scale = ''): string {
  const m = ctx.machine;
  return `# Benchmarks

Measured by \`bench/live-room.bench.ts\`; this file is rewritten by every run.
The figures are what one run on the machine below measured, not guarantees.

## Machine and run

| | |
|---|---|
| CPU | ${m.cpus} × ${m.model} |
| memory | ${m.memory} |
| OS | ${m.kernel} |
| Node | ${m.node} |
| redis-server | ${m.redis} (private instance on 127.0.0.1, AOF with \`appendfsync always\`) |
| temp dir (DATA_DIR, redis dir) | ${m.tmpFilesystem}; 4 KiB write + fsync p50 / p95 / max ${ms(m.fsync.p50)} / ${ms(m.fsync.p95)} / ${ms(m.fsync.max)} |
| command | \`${ctx.command}\` |
| date | ${ctx.date} |
| bench duration | ${fmt(ctx.durationSeconds)} s |

${scale}${results.length > 0 ? roomHowItRuns(m) : ''}${results.length > 0 ? `## Figures\n\n${markdownTable(results)}\n\n## What limits these numbers\n\n${discussion}\n` : ''}
${attack}`;
}

/** How the live-room part runs (only when it ran). */
function roomHowItRuns(m: Machine): string {
  return `## How the live-room part runs

For each mode the bench starts the real server as a child process
(\`node --import tsx server/main.ts\`, via \`test/support/server-process.ts\`) on a
temp \`DATA_DIR\` — in Redis mode against a private \`redis-server\` from
\`test/support/redis-server.ts\`, never the system one — creates and starts a
show, signs members on through shop SSO (\`POST /api/auth/exchange\`), and
spreads their Socket.IO connections (\`/live\`, websocket transport) over
client worker processes (one per 4,000 sockets). Settings come from the
environment: \`BENCH_MEMBERS\` (1000), \`BENCH_MODES\` (embedded,redis),
\`BENCH_BEAT_SECONDS\` (10), \`BENCH_LIKE_ROUNDS\` (5), \`BENCH_PROBE_LIKES\` (50),
\`BENCH_WORKERS\`, \`BENCH_JOIN_CONCURRENCY\` (32); \`BENCH_WRITE_DOCS=0\` prints
without rewriting this file. Then, in order:

1. **join**: each member connects with its token and sends \`stream:join\`
   (\`BENCH_JOIN_CONCURRENCY\` connections opening at once per worker);
2. **heartbeats**: every member sends \`watch:heartbeat\` (visible, playing)
   once per second, the sends spread evenly over each second — an open-loop
   offered rate of N beats/s — for \`BENCH_BEAT_SECONDS\`; latency is emit →
   ack on the client; *send lag* is how late the client itself emitted;
3. **like probe**: one member likes alone, one like at a time — the unloaded
   like → \`points\` time;
4. **like bursts**: every member sends one \`interact\` like at once, the round
   ends when every ack and every \`points\` event has arrived; interaction
   acks/s is all acks over the time from the first send to the last ack.

The bench raises \`like.maxPerStream\` (via \`PUT /api/rules\`) to the number of
likes a member sends, so every like takes the full award path (idempotency
key, ledger entry, balance, \`points\` push) rather than the cheaper capped
reply. Server memory is \`VmRSS\`/\`VmHWM\` from \`/proc/<pid>/status\` of the
server process. CPU shares are CPU time over the phase's wall time (100 % = one
core; the machine has ${m.cpus * 100} %): the server and redis-server from
\`/proc/<pid>/stat\`, the clients as the workers report it, *others* is the
machine's busy time (\`/proc/stat\`) minus all of those and the bench itself —
other work on the same machine. The main-thread rows say where the server's
(and redis-server's) main thread spent the phase: on a CPU, and runnable but
waiting for a CPU, from \`/proc/<pid>/task/<pid>/schedstat\`, disk wait from
sampling its state (\`D\`) every 2 ms, idle the rest. The server is stopped with
SIGTERM at the end (a full drain).

`;
}
