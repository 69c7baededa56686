/**
 * The storecost part's section of docs/BENCHMARKS.md: what one award costs the
 * store alone, and — set against bare Socket.IO's CPU per event in the same
 * run — how much of the machine the goals' rates would need for the store
 * alone. The arithmetic is shown, not asserted.
 */
import type { ScaleResult } from './scale-run.ts';
import type { StoreCostResult, StoreCostSettings } from './store-cost.ts';
import { fmt } from './stats.ts';

/** The closed-loop goals of issue 10 as fractions of bare's acks/s. */
const GOALS = { heartbeat: { phase: 'heartbeats', ratio: 0.5 }, like: { phase: 'likes', ratio: 0.4 } } as const;

function bareRate(scale: ScaleResult[], phase: string): number {
  const bare = scale.find((r) => r.target === 'bare');
  return bare?.phases.find((p) => p.name === phase)?.acksPerSecond ?? NaN;
}

/** Cores (of the machine) the store alone would take at the goal's rate: µs per award × awards per second. */
function coresAtGoal(micros: number, rate: number): string {
  return Number.isFinite(rate) && Number.isFinite(micros) ? `${fmt((micros * rate) / 1e6, 2)} cores` : '–';
}

export function storeCostSection(results: StoreCostResult[], s: StoreCostSettings, scale: ScaleResult[], cpus: number): string {
  if (results.length === 0) return '';
  const rows = results.flatMap((r) =>
    r.paths.map((p) => {
      const goal = GOALS[p.path];
      const rate = bareRate(scale, goal.phase) * goal.ratio;
      // Embedded: the engine's own time, spent on the server's event loop. Redis: redis-server's time (its one thread).
      const storeMicros = r.mode === 'embedded' ? p.microsPerCall : p.redisMicrosPerCall ?? NaN;
      const inRedis = p.redisMicrosPerCall === null ? 'n/a' : `${fmt(p.redisMicrosPerCall, 1)} µs`;
      return `| ${r.mode} | ${p.path} | ${fmt(p.calls)} | ${fmt(p.awards / p.calls, 2)} | ${fmt(p.microsPerCall, 1)} µs | ${inRedis} | ${Number.isFinite(rate) ? `${fmt(rate)} /s → ${coresAtGoal(storeMicros, rate)}` : 'scale part not run'} |`;
    }),
  );
  const embedded = results.find((r) => r.mode === 'embedded');
  const statements = embedded
    ? embedded.statements
        .slice(0, 10)
        .map((st) => `| \`${st.sql.length > 90 ? `${st.sql.slice(0, 87)}…` : st.sql}\` | ${fmt(st.calls)} | ${fmt(st.micros, 1)} µs |`)
        .join('\n')
    : '';
  return `## What an award costs the store (issue 10)

The \`storecost\` part runs each mode's engine alone in the bench's process —
no socket, no Socket.IO, no client — through the two award paths the closed
loops exercise: ${fmt(s.members)} members, ${s.beats} heartbeats each a second apart
(the scale part's rules: each beat after the first pays one watch award) and
${s.likes} paid likes each, 256 calls in flight. *Per call* is the wall time
per call in this process: in embedded mode that is the engine's work (the
SQLite statements and the rule deciding), which the server does on its event loop; in Redis mode it is the client's side (building
the command, reading the reply) while the scripts run in redis-server, whose
own time \`INFO commandstats\` gives. The last column multiplies the store's
time per award (embedded: per call; Redis: in redis-server) by the goal's rate
(0.5× bare's heartbeat acks/s, 0.4× its likes, from the scale part of this run):
the machine (${cpus} cores, shared with the clients) the store alone would need.

| mode | path | calls | awards per call | per call | in redis-server | goal's rate → store alone |
|---|---|---|---|---|---|---|
${rows.join('\n')}
${
  statements
    ? `
Embedded, the statements behind those calls, costliest first (each call's
reads and writes, inside the group commit's transaction; the COMMIT itself is
not a prepared statement and is not listed):

| statement | calls | per call |
|---|---|---|
${statements}
`
    : ''
}`;
}
