/**
 * Part of `npm run bench`: a legitimate member's login time while 40 clients
 * flood the host-key login (issue 8; goal: within 2x of idle). Starts the real
 * server as a child process in embedded mode with the production password
 * cost (PASSWORD_COST 15) and TRUST_PROXY=loopback, so each request names its
 * client in X-Forwarded-For. Asserts nothing.
 *
 * Phases, each for BENCH_AUTH_SECONDS (default 5) with the member logging in
 * one login at a time from its own address, the flood from its own process
 * (auth-flood-worker.ts):
 *   idle          no flood;
 *   one address   40 concurrent wrong host keys, all from one address;
 *   many addresses 40 concurrent wrong host keys, each request from a new address
 *                  (a botnet: no per-address limit ever trips).
 * Each phase runs against the defaults ("protected") and against a server with
 * the per-address and per-account limits raised out of reach and 64 member
 * hashes in flight ("throttles off": what the limits add on top of a host-key
 * check that needs no hashing line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import type { AuthFloodCommand, AuthFloodReply } from './auth-flood-worker.ts';
import { runOneShot } from './one-shot-worker.ts';
import { summarize, type Summary } from './stats.ts';

const FLOOD = 40;
const PASSWORD = 'bench-password-123';

const CONFIGS: Record<string, Record<string, string>> = {
  protected: { PASSWORD_COST: '15', TRUST_PROXY: 'loopback', SIGNUPS_PER_ADDRESS_PER_HOUR: '10', PASSWORD_HASH_QUEUE: '32' },
  'throttles off': {
    PASSWORD_COST: '15',
    TRUST_PROXY: 'loopback',
    AUTH_FAILURES_PER_ACCOUNT_ADDRESS: '1000000',
    AUTH_FAILURES_PER_ADDRESS: '1000000',
    PASSWORD_HASHES_IN_FLIGHT: '64',
    PASSWORD_HASH_QUEUE: '1000000',
  },
};
type Phase = 'idle' | 'one address' | 'many addresses';

export interface AuthFloodRow {
  server: string;
  kind: Phase;
  login: Summary;
  /** Reply statuses of the member's logins and of the flood's requests. */
  outcomes: Map<number, number>;
  flood: Map<number, number>;
  floodPerSecond: number;
}

async function post(base: string, address: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The member logs in again and again, one login at a time, while the flood (its own process) runs. */
async function phase(server: ServerProcess, handle: string, kind: Phase, memberAddress: string, seconds: number) {
  const attacker =
    kind === 'idle'
      ? null
      : runOneShot<AuthFloodReply>(
          'auth-flood-worker.ts',
          { type: 'flood', url: server.url, addresses: kind === 'one address' ? 'one' : 'many', concurrency: FLOOD, seconds: seconds + 0.5 } satisfies AuthFloodCommand,
          seconds * 1000 + 60_000,
        );
  // The member starts once the flood is under way.
  if (attacker) await attacker.started.then(() => new Promise((r) => setTimeout(r, 500)));
  const until = performance.now() + seconds * 1000;
  const logins: number[] = [];
  const outcomes = new Map<number, number>();
  while (performance.now() < until) {
    const t = performance.now();
    const status = await post(server.url, memberAddress, '/auth/login', { handle, password: PASSWORD });
    outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
    if (status === 200) logins.push(performance.now() - t);
    else await new Promise((r) => setTimeout(r, 100));
  }
  const flood = attacker ? await attacker.done : { sent: 0, statuses: [] };
  return { kind, login: summarize(logins), outcomes, flood: new Map(flood.statuses), floodPerSecond: flood.sent / (seconds + 0.5) };
}

export async function runAuthFlood(seconds: number, log: (line: string) => void): Promise<AuthFloodRow[]> {
  const rows: AuthFloodRow[] = [];
  for (const [name, env] of Object.entries(CONFIGS)) {
    const dataDir = mkdtempSync(join(tmpdir(), 'front-row-bench-auth-'));
    const server = await startServerProcess({ dataDir, env: { ...env, LOG_LEVEL: 'error' }, startTimeoutMs: 60_000 });
    try {
      const handle = `bench${Date.now().toString(36)}`;
      const signup = await post(server.url, '10.1.0.1', '/auth/signup', { handle, password: PASSWORD });
      if (signup !== 201) throw new Error(`sign-up: ${signup}`);
      for (const [i, kind] of (['idle', 'one address', 'many addresses'] as Phase[]).entries()) {
        rows.push({ server: name, ...(await phase(server, handle, kind, `10.2.0.${i + 1}`, seconds)) });
        log(`login during host-key flood, ${name} / ${kind}: done`);
      }
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
