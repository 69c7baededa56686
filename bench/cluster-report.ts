/**
 * The cluster part's figures as a markdown section, "Two processes behind
 * nginx", for docs/BENCHMARKS.md (bench/cluster-run.ts measures them).
 */
import type { ClusterResult, PhaseFigures } from './cluster-run.ts';
import { fmt, mib, ms, outcomeText, triple } from './stats.ts';

const rate = (p: PhaseFigures) => `${fmt(p.perSecond)} /s over ${fmt(p.wallMs / 1000, 1)} s`;

export function clusterSection(r: ClusterResult | null): string {
  if (!r) return '';
  const held = (r.heldAtEnd / r.asked) * 100;
  const exact = r.awards.mismatched === 0 && r.awards.lost === 0;
  const rows: [string, string][] = [
    ['**sockets held at the end** / asked', `${fmt(r.heldAtEnd)} / ${fmt(r.asked)} (${fmt(held, 1)} %)`],
    ['joined sockets lost before the end, by reason', Object.keys(r.lost).length === 0 ? 'none' : outcomeText(r.lost)],
    ['per process after joins (a / b)', `${fmt(r.split.afterJoin[0])} / ${fmt(r.split.afterJoin[1])}`],
    ['per process at the end (a / b)', `${fmt(r.split.end[0])} / ${fmt(r.split.end[1])}`],
    ['client worker processes; nginx workers', `${r.workers}; ${r.nginxWorkers}`],
    ['shop SSO sign-ons through nginx', `${fmt(r.signOn.perSecond)} /s (${fmt(r.signOn.wallMs / 1000, 1)} s)`],
    ['joins (connect + `stream:join` ack)', `${rate(r.join)}; ${outcomeText(r.join.outcomes)}`],
    ['join p50 / p95 / p99', triple(r.join.ack)],
    [`heartbeat round (${r.beat.beats} per member, one a second)`, `${rate(r.beat)}; ${outcomeText(r.beat.outcomes)}`],
    ['heartbeat ack p50 / p95 / p99', triple(r.beat.ack)],
    ['like round (every member at once)', `${rate(r.like)}; ${outcomeText(r.like.outcomes)}`],
    ['like ack p50 / p95 / p99; max', `${triple(r.like.ack)}; ${ms(r.like.ack.max)}`],
    [
      '**awards exact** (balance = sum of acked awards)',
      `${exact ? 'yes' : 'no'}: ${fmt(r.awards.checked - r.awards.mismatched)} of ${fmt(r.awards.checked)} members, ${fmt(r.awards.ackedPoints)} points acked` +
        (r.awards.uncertain > 0
          ? `; ${fmt(r.awards.uncertain)} members had a reply of unknown outcome (OUTCOME_UNKNOWN or none), ${fmt(r.awards.lost)} of them below their acks`
          : '') +
        (r.awards.unanswered > 0 ? `; ${fmt(r.awards.unanswered)} emits never answered` : '') +
        (r.awards.firstMismatch ? `; first difference ${r.awards.firstMismatch}` : ''),
    ],
    ['server RSS at the end (a / b)', `${mib(r.rssKiB.a)} / ${mib(r.rssKiB.b)}`],
    ['nginx RSS (master + workers)', mib(r.rssKiB.nginx)],
    ['redis-server RSS', mib(r.rssKiB.redis)],
    ['server exit codes after SIGTERM', r.serverExitCodes.map(String).join(' / ')],
    ['server warnings and errors logged', r.serverWarnings.length === 0 ? 'none' : `${r.serverWarnings.length}: ${r.serverWarnings[0]!.slice(0, 160)}`],
    ['nginx errors logged', r.nginxErrors.length === 0 ? 'none' : `${r.nginxErrors.length}: ${r.nginxErrors[0]!.slice(0, 160)}`],
  ];
  return `## Two processes behind nginx

Debian's nginx running \`deploy/nginx.conf\` unchanged (its upstream and listen
includes written for 127.0.0.1) in front of two server processes in Redis mode
(\`TRUST_PROXY=1\`) sharing one private redis-server and one \`DATA_DIR\`.
Members sign on through nginx (shop SSO), then hold \`/live\` websockets
through it from client workers of at most 2,500 sockets; every member beats
and then likes. Each ack's award is summed per member and compared with the
balance the server stored, read back through nginx (a member with a reply of
unknown outcome, OUTCOME_UNKNOWN or no ack, may hold more than its acks said, never
less). The processes wait 5 s, not 500 ms, before taking a slow Redis for a
stalled one (\`REDIS_COMMAND_TIMEOUT_MS\`): the machine is shared. \`BENCH_CLUSTER_SOCKETS\`
sets the crowd (default 20,000), \`BENCH_CLUSTER_BEATS\` the heartbeats each.

| | |
|---|---|
${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}
`;
}
