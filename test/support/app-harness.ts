/**
 * Starts the real server in this test process (real HTTP, real Socket.IO,
 * real SQLite file, real Redis when given) on a free port, with a hand-moved
 * clock. Child-process servers (for SIGKILL) live in server-process.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startRedisServer } from './redis-server.ts';
import { SHARED_MACHINE_ENV } from './shared-machine.ts';
import { TestClock } from './test-clock.ts';

export const TEST_HOST_KEY = 'test-host-key-0123456789';
export const TEST_SSO_SECRET = 'test-shop-sso-secret-0123456789abcdef';
export const TEST_WEBHOOK_SECRET = 'test-shop-webhook-secret-0123456789abcdef';
/** Every test server expects this `aud` in shop assertions (a port-independent stand-in for the public URL). */
export const TEST_SSO_AUDIENCE = 'https://shop-sso.frontrow.test';

export interface RunningApp {
  app: App;
  url: string;
  clock: TestClock;
  dataDir: string;
  stop(): Promise<void>;
}

export interface AppOptions {
  redisUrl?: string;
  /** Share one data dir between apps (several processes on one host). */
  dataDir?: string;
  redisPrefix?: string;
  clock?: TestClock;
  env?: Record<string, string>;
}

export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'frontrow-app-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
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
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_PREFIX: options.redisPrefix ?? randomPrefix() } : {}),
    ...options.env,
  });
  const clock = options.clock ?? new TestClock();
  const app = createApp(config, createLogger(config.logLevel), clock.read);
  const { port } = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    clock,
    dataDir,
    async stop() {
      await app.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function randomPrefix(): string {
  return `t${Math.random().toString(36).slice(2, 10)}:`;
}

/**
 * One app in `mode`, for suites run in each mode (`describe.each`): Redis
 * mode brings its own redis-server, and stop() stops both. Shared-machine
 * limits apply, as CI runs many suites at once.
 */
export async function startAppIn(mode: 'embedded' | 'redis', options: Omit<AppOptions, 'redisUrl'> = {}): Promise<RunningApp> {
  const redis = mode === 'redis' ? await startRedisServer() : null;
  const running = await startApp({ ...options, env: { ...SHARED_MACHINE_ENV, ...options.env }, ...(redis ? { redisUrl: redis.url } : {}) });
  return {
    ...running,
    async stop() {
      await running.stop();
      await redis?.stop();
    },
  };
}
