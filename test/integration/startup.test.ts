/**
 * The README's start command, as a person runs it: `npm start` with nothing
 * configured prints the generated host key and the URL; that key works; a
 * restart does not print a new one; SIGTERM drains and exits 0; a bad
 * environment variable stops it at once with one message naming it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/clients.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'frontrow-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  // A failed assertion must not leave a server running behind the suite.
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL'); // the whole group: npm, tsx and the server
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  /** exit code, or the signal that ended npm (npm re-raises the signal it forwarded); after every process holding its output ended */
  exited: Promise<number | string | null>;
}

function npmStart(env: Record<string, string>): Started {
  const { REDIS_URL: _r, MONGODB_URI: _m, HOST_KEY: _h, PORT: _p, ...inherited } = process.env;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: process.cwd(),
    env: { ...inherited, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PASSWORD_COST: '10', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so cleanup can take down npm's children too
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => out, exited };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = started.output().match(pattern);
    if (m) return m;
    if (Date.now() > deadline || started.child.exitCode !== null) throw new Error(`never printed ${pattern}:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start', () => {
  let hostKey = '';

  it('prints the host key once and the URL, serves health, drains on SIGTERM', async () => {
    const first = npmStart({});
    const [, url] = await waitFor(first, /running \(embedded mode\) on (http:\/\/\S+)/);
    hostKey = (await waitFor(first, /HOST KEY\s+(hk_\S+)/))[1]!;
    expect((await api(url!, 'GET', '/healthz')).body).toEqual({ ok: true });
    expect((await api(url!, 'GET', '/readyz')).status).toBe(200);
    expect((await api(url!, 'POST', '/api/auth/host', { hostKey })).status).toBe(200);
    first.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await first.exited);
    // The server itself finished draining (npm forwards the signal to it).
    expect(first.output()).toMatch(/"msg":"draining"[\s\S]*"msg":"stopped"/);
  });

  it('keeps the same host key across restarts without printing it again', async () => {
    const second = npmStart({});
    const [, url] = await waitFor(second, /running \(embedded mode\) on (http:\/\/\S+)/);
    expect(second.output()).not.toMatch(/HOST KEY/);
    expect((await api(url!, 'POST', '/api/auth/host', { hostKey })).status).toBe(200);
    expect((await api(url!, 'POST', '/api/auth/host', { hostKey: 'hk_guessing-is-not-enough' })).status).toBe(401);
    second.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await second.exited);
    expect(second.output()).toMatch(/"msg":"stopped"/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ HOST_KEY: 'short' }, /HOST_KEY/],
    [{ MONGODB_URI: 'mongodb://127.0.0.1:27017/x' }, /MONGODB_URI needs REDIS_URL/],
  ])('refuses a bad environment %o with one clear message', async (env, pattern) => {
    const bad = npmStart(env as Record<string, string>);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(pattern);
    expect(bad.output().trim().split('\n').filter((l) => l.includes('front-row:'))).toHaveLength(1);
  });
});
