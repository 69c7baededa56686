/**
 * The real server as a child process (`server/main.ts`, started the way
 * `npm start` does), for what an in-process app cannot show: `kill -9` in the
 * middle of load, and several processes sharing one Redis and one DATA_DIR.
 *
 *   const server = await startServerProcess({ dataDir, redisUrl, redisPrefix });
 *   ...server.url...
 *   await server.kill('SIGKILL');      // crash: resolves once the process is gone
 *   const code = await server.stop();  // SIGTERM: drains, resolves with the exit code
 *   const again = await startServerProcess({ dataDir, port: server.port }); // same address: clients reconnect
 *
 * The process is `node --import tsx server/main.ts`, not the `tsx` CLI: the
 * CLI runs the server in a second, grandchild process and only relays
 * SIGINT/SIGTERM to it, so a SIGKILL sent to the CLI's pid would leave the
 * real server running, orphaned. Here `pid` is the server itself.
 *
 * The port is learned from the banner main.ts prints on start
 * ("Front Row is running (<mode> mode) on http://localhost:<port>").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_HOST_KEY, TEST_SSO_AUDIENCE, TEST_SSO_SECRET, TEST_WEBHOOK_SECRET } from './app-harness.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerProcessOptions {
  dataDir: string;
  redisUrl?: string;
  redisPrefix?: string;
  /** Port to listen on (default 0: any free port). A restarted server passes the port of the one it replaces. */
  port?: number;
  /** Extra variables (override the defaults above). */
  env?: Record<string, string>;
  /** How long to wait for the banner. */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  /** The run mode the banner announced ('embedded' | 'redis' | 'services'). */
  mode: string;
  /** Sends `signal`; resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (graceful drain); resolves with the exit code (SIGKILL after 20 s: null). */
  stop(): Promise<number | null>;
  /** The last output of the process, for failure messages. */
  output(): string;
  /** Every line the process wrote to stdout since it started (its JSON log lines), for tests that count them. */
  stdoutLines(): string[];
}

const BANNER = /Front Row is running \((\w+) mode\) on http:\/\/localhost:(\d+)/;
const KEEP_CHARS = 8_000;
const STOP_GRACE_MS = 20_000;

/** Every child still running, killed if the test worker exits without cleaning up. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const env: Record<string, string> = {
    // Only what node needs from the parent: no REDIS_URL or MONGODB_URI leaking in from the shell.
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    HOST_KEY: TEST_HOST_KEY,
    SHOP_SSO_SECRET: TEST_SSO_SECRET,
    SHOP_SSO_AUDIENCE: TEST_SSO_AUDIENCE,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PASSWORD_COST: '10',
    // Most tests sign many members up from 127.0.0.1 at once; the throttle tests (auth-throttle.test.ts) set their own limits.
    SIGNUPS_PER_ADDRESS_PER_HOUR: '1000000',
    PASSWORD_HASH_QUEUE: '1000000',
    // No test reaches the internet: v1 draws unless a test points LOTTERY_DRAND_URLS at its own relay (test/support/fake-drand.ts).
    LOTTERY_BEACON: 'none',
    FRONTROW_SKIP_WEB_BUILD: '1',
    LOG_LEVEL: 'warn',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.redisPrefix ? { REDIS_PREFIX: options.redisPrefix } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let stdout = '';
  let stderr = '';
  let allStdout = '';
  const keep = (s: string) => (s.length > KEEP_CHARS ? s.slice(-KEEP_CHARS) : s);
  const output = () => `--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`;

  const banner = new Promise<{ mode: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print its banner within ${options.startTimeoutMs ?? 30_000} ms\n${output()}`));
    }, options.startTimeoutMs ?? 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout = keep(stdout + chunk.toString());
      allStdout += chunk.toString();
      const m = BANNER.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ mode: m[1]!, port: Number(m[2]) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr = keep(stderr + chunk.toString())));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not spawn the server: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal})\n${output()}`));
    });
  });
  const { mode, port } = await banner;

  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    mode,
    kill,
    output,
    stdoutLines: () => allStdout.split('\n').filter((line) => line !== ''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        await kill('SIGTERM');
      } finally {
        clearTimeout(force);
      }
      return child.exitCode;
    },
  };
}
