/**
 * `npm run bench:auth`: a legitimate member's login time while 40 clients
 * flood the host-key login (issue 8; goal: within 2x of idle). Starts the real
 * server as a child process in embedded mode with the production password
 * cost (PASSWORD_COST 15) and TRUST_PROXY=loopback, so each request names its
 * client in X-Forwarded-For. Prints a table; asserts nothing.
 *
 * Phases, each for BENCH_AUTH_SECONDS (default 5) with the member logging in
 * one login at a time from its own address:
 *   idle          no flood;
 *   one address   40 concurrent wrong host keys, all from one address;
 *   many addresses 40 concurrent wrong host keys, each request from a new address
 *                  (a botnet: no per-address limit ever trips; only the bounded
 *                  hashing line protects the member).
 * Each phase runs against the defaults ("protected") and against a server with
 * the limits raised out of reach and 64 hashes in flight ("unprotected", what
 * the server did before issue 8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { fmt, ms, summarize } from './stats.ts';

const SECONDS = Number(process.env.BENCH_AUTH_SECONDS ?? 5);
const FLOOD = 40;
const PASSWORD = 'bench-password-123';

const CONFIGS: Record<string, Record<string, string>> = {
  protected: { PASSWORD_COST: '15', TRUST_PROXY: 'loopback', SIGNUPS_PER_ADDRESS_PER_HOUR: '10', PASSWORD_HASH_QUEUE: '32' },
  unprotected: {
    PASSWORD_COST: '15',
    TRUST_PROXY: 'loopback',
    AUTH_FAILURES_PER_ACCOUNT_ADDRESS: '1000000',
    AUTH_FAILURES_PER_ADDRESS: '1000000',
    PASSWORD_HASHES_IN_FLIGHT: '64',
    PASSWORD_HASH_QUEUE: '1000000',
  },
};
type Phase = 'idle' | 'one address' | 'many addresses';

async function post(base: string, address: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

const count = (map: Map<number, number>, status: number) => map.set(status, (map.get(status) ?? 0) + 1);
const text = (map: Map<number, number>) => [...map].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ') || '-';
let botnet = 0;
const botAddress = () => `10.${100 + ((++botnet >> 16) & 0xff)}.${(botnet >> 8) & 0xff}.${botnet & 0xff}`;

async function phase(server: ServerProcess, handle: string, kind: Phase, memberAddress: string) {
  const until = performance.now() + SECONDS * 1000;
  const flood = new Map<number, number>();
  let floodSent = 0;
  const floods =
    kind === 'idle'
      ? []
      : Array.from({ length: FLOOD }, async (_, i) => {
          while (performance.now() < until) {
            const from = kind === 'one address' ? '10.66.0.1' : botAddress();
            count(flood, await post(server.url, from, '/auth/host', { hostKey: `wrong-host-key-${i}-${floodSent++}` }));
          }
        });
  const logins: number[] = [];
  const outcomes = new Map<number, number>();
  // The member starts once the flood is under way.
  if (kind !== 'idle') await new Promise((r) => setTimeout(r, 500));
  while (performance.now() < until) {
    const t = performance.now();
    const status = await post(server.url, memberAddress, '/auth/login', { handle, password: PASSWORD });
    count(outcomes, status);
    if (status === 200) logins.push(performance.now() - t);
    else await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(floods);
  return { kind, login: summarize(logins), outcomes, flood, floodRate: floodSent / SECONDS };
}

async function main() {
  const rows: string[][] = [];
  for (const [name, env] of Object.entries(CONFIGS)) {
    const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-auth-'));
    const server = await startServerProcess({ dataDir, env: { ...env, LOG_LEVEL: 'error' }, startTimeoutMs: 60_000 });
    try {
      const handle = `bench${Date.now().toString(36)}`;
      const signup = await post(server.url, '10.1.0.1', '/auth/signup', { handle, password: PASSWORD });
      if (signup !== 201) throw new Error(`sign-up: ${signup}`);
      for (const [i, kind] of (['idle', 'one address', 'many addresses'] as Phase[]).entries()) {
        const r = await phase(server, handle, kind, `10.2.0.${i + 1}`);
        rows.push([name, r.kind, ms(r.login.p50), ms(r.login.p95), ms(r.login.max), text(r.outcomes), fmt(r.floodRate), text(r.flood)]);
        console.error(`${name} / ${kind}: done`);
      }
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const head = ['server', 'flood', 'login p50', 'login p95', 'login max', 'member replies', 'flood req/s', 'flood replies'];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

const deadline = setTimeout(() => {
  console.error('bench:auth: deadline passed');
  process.exit(1);
}, 5 * 60_000);
deadline.unref();
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
