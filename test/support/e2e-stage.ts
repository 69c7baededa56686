/**
 * The stage most browser tests share: a server child process on a fresh data
 * dir and one headless Chromium, started before the file's tests and gone
 * after them. Read `stage.server` and `stage.browser` inside a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server-process.ts';

export interface Stage {
  server: ServerProcess;
  browser: Browser;
}

export function useServerAndBrowser(name: string, options: Omit<ServerProcessOptions, 'dataDir'> = {}): Stage {
  const stage = {} as Stage;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `frontrow-e2e-${name}-`));
    [stage.server, stage.browser] = await Promise.all([startServerProcess({ dataDir, ...options }), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await stage.browser?.close().catch(() => undefined);
    await stage.server?.stop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
  return stage;
}
