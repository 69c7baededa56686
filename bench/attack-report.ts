/**
 * The "under attack" part of docs/BENCHMARKS.md (issue 8): the room flood and
 * the login during a host-key flood, each beside its own quiet baseline.
 */
import type { AuthFloodRow } from './auth-flood.ts';
import type { RoomFloodResult, RoomSide } from './room-flood.ts';
import { fmt, ms, outcomeText, triple } from './stats.ts';

const statuses = (map: Map<number, number>) =>
  [...map].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ') || '–';

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function side(label: string, s: RoomSide): string[] {
  return [label, triple(s.beatAck), outcomeText(s.beatOutcomes), triple(s.healthz), `${fmt(s.eventsPerMemberPerSecond)}/s; ${fmt(s.observerCpu)} %`];
}

export function roomFloodSection(results: RoomFloodResult[]): string {
  if (results.length === 0) return '';
  const s = results[0]!.settings;
  const rows = results.flatMap((r) => {
    const a = r.attack;
    const rate = (a.sent * 1000) / a.wallMs;
    return [
      side(`${r.mode}, quiet`, r.quiet),
      side(`${r.mode}, flooded`, r.flooded),
      [
        `${r.mode}, the flood itself`,
        `${fmt(a.sent)} events sent (${fmt(rate)}/s)`,
        `${outcomeText(a.outcomes)}; ${fmt(a.disconnects)} connections cut (and reopened)`,
        `attacker CPU ${fmt((a.cpuMs / a.wallMs) * 100)} % of a core`,
        '',
      ],
    ];
  });
  return `## The room under a flood

${s.flooders} member sockets (each its own account, signed on through shop SSO)
join a live show and send heartbeats, likes and comments in turn at
${s.perSocketPerSecond} events/s each, without waiting for acks — the attack of
issue 8, from its own process — and reconnect whenever the server cuts them.
Meanwhile ${s.honestMembers} honest members beat once a second
(\`heartbeatSeconds\` 1) and \`/healthz\` is polled one request at a time every
${50} ms. Each mode runs a quiet phase and then a flooded one,
${s.seconds} s each, against the same server.

${table(['mode, phase', 'honest heartbeat ack p50 / p95 / p99', 'honest replies', '`/healthz` p50 / p95 / p99', 'room events per honest member; CPU of their process'], rows)}

Server warnings and errors over each run (besides one per flooder cut off):
${results.map((r) => `${r.mode}: ${r.serverWarnings.length === 0 ? 'none' : r.serverWarnings.map((w) => `\`${w.slice(0, 300)}\``).join('; ')}`).join('; ')}.
`;
}

export function authFloodSection(rows: AuthFloodRow[], seconds: number): string {
  if (rows.length === 0) return '';
  const idle = rows.find((r) => r.server === 'protected' && r.kind === 'idle')?.login.p50 ?? NaN;
  const worst = Math.max(...rows.filter((r) => r.server === 'protected' && r.kind !== 'idle').map((r) => r.login.p50));
  const body = rows.map((r) => [
    r.server,
    r.kind,
    triple(r.login),
    statuses(r.outcomes),
    `${fmt(r.floodPerSecond)}/s`,
    statuses(r.flood),
  ]);
  return `## A login during a host-key flood

Embedded mode, production password cost (\`PASSWORD_COST\` 15), \`TRUST_PROXY\`
loopback so each request names its address in \`X-Forwarded-For\`. A member logs
in over and over, one login at a time, from its own address, for ${seconds} s per
phase: with no flood; while 40 clients send wrong host keys as fast as they get
answers from **one address**; and from **a new address on every request** (a
botnet: no per-address limit trips). The flood runs in its own process. A wrong
host key costs the server a constant-time SHA-256 and the HTTP handling, no
hashing on the thread pool (docs/DECISIONS.md, Identity). *protected* is the
server with its defaults; *throttles off* raises the per-address and
per-account limits out of reach and lets 64 member hashes run at once, to show
what the limits add on top of that.

${table(['server', 'flood', 'member login p50 / p95 / p99', 'member replies', 'flood requests', 'flood replies'], body)}

With its defaults the member's login p50 under the worst flood was
${ms(worst)} against ${ms(idle)} idle: **${fmt(worst / idle, 1)}×** (goal: within 2×).
`;
}
