/**
 * The production start, as the Docker image runs it (issue 9): the screens are
 * built beforehand, the application is a read-only copy, and the server runs
 * as an unprivileged user who may write DATA_DIR only. `npm start`, with the
 * image's environment (NODE_ENV=production, npm's cache in the temp dir),
 * must serve /readyz and the pages without writing anything of its own, and
 * create DATA_DIR private (0700, database file 0600).
 *
 * There is no Docker here: root plays the image build (copy, build, chmod),
 * then the server runs as `nobody`. Not root: the copy is still read-only for
 * its owner, so the test runs as the current user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/sqlite/sqlite-database.ts';
import { TEST_HOST_KEY, TEST_SSO_SECRET, TEST_WEBHOOK_SECRET } from '../support/app-harness.ts';
import { REPO_ROOT } from '../support/server-process.ts';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const runAs = isRoot ? { uid: NOBODY, gid: NOBODY } : {};
const BANNER = /Front Row is running \(\w+ mode\) on http:\/\/localhost:(\d+)/;
/** What `COPY . .` brings that the server needs (the image also carries tests and docs; they are never read). */
const APP_PARTS = ['server', 'shared', 'client', 'overlay', 'package.json', 'tsconfig.json', 'vite.config.ts'];

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('production start: read-only app, unprivileged user, only DATA_DIR writable', () => {
  let root: string;
  let app: string;
  let dataDir: string;
  let child: ChildProcess | null = null;
  let output = '';
  let base: string;

  beforeAll(async () => {
    // "The image build": copy the app, build the screens (or take the ones already built), make it read-only.
    root = mkdtempSync(join(tmpdir(), 'frontrow-prod-'));
    chmodSync(root, 0o755); // mkdtemp makes 0700: the unprivileged user must be able to reach the app
    app = join(root, 'app');
    mkdirSync(app);
    for (const part of APP_PARTS) cpSync(join(REPO_ROOT, part), join(app, part), { recursive: true });
    symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(app, 'node_modules'));
    const built = join(REPO_ROOT, 'dist', 'web');
    if (existsSync(join(built, 'client', 'live.html'))) {
      cpSync(built, join(app, 'dist', 'web'), { recursive: true });
    } else {
      const vite = spawnSync(process.execPath, [join(app, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
        cwd: app,
        encoding: 'utf8',
      });
      expect(vite.status, vite.stderr).toBe(0);
    }
    // Sources that look newer than the build (copies and layers do not keep build order): a start that
    // still judged the build by mtimes would try to rebuild into the read-only copy and fail.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(app, 'client', 'live.html'), later, later);
    spawnSync('chmod', ['-R', 'a-w', app]);

    // Writable for the server user: only the parent of DATA_DIR (the server creates DATA_DIR itself), and a temp dir.
    const state = join(root, 'state');
    const tmp = join(root, 'tmp');
    for (const dir of [state, tmp]) {
      mkdirSync(dir, { mode: 0o700 });
      if (isRoot) chownSync(dir, NOBODY, NOBODY);
    }
    dataDir = join(state, 'data');

    child = spawn('npm', ['start'], {
      cwd: app,
      ...runAs,
      detached: true, // its own process group: npm, sh and node are stopped together
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: '/nonexistent', // like an account without a home: nothing may be written there
        TMPDIR: tmp,
        NODE_ENV: 'production',
        NPM_CONFIG_CACHE: join(tmp, '.npm'),
        NPM_CONFIG_UPDATE_NOTIFIER: 'false',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        HOST_KEY: TEST_HOST_KEY,
        SHOP_SSO_SECRET: TEST_SSO_SECRET,
        WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
        LOG_LEVEL: 'warn',
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 45 s\n${output}`)), 45_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = BANNER.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (code ${code})\n${output}`));
      });
    });
    base = `http://127.0.0.1:${port}`;
  }, 180_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    if (app) spawnSync('chmod', ['-R', 'u+w', app]);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the copy really is read-only for the server user', () => {
    const write = spawnSync('sh', ['-c', `touch "${join(app, 'written')}" && mkdir "${join(app, 'dist', 'new')}"`], { ...runAs, encoding: 'utf8' });
    expect(write.status).not.toBe(0);
    expect(existsSync(join(app, 'written'))).toBe(false);
  });

  it('serves /readyz and the screens', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    for (const page of ['/', '/host', '/overlay']) {
      const res = await fetch(`${base}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/text\/html/);
      expect(await res.text(), page).toMatch(/<script[^>]+src=/);
    }
  });

  it('keeps its data in DATA_DIR, created private', async () => {
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o600);
    if (isRoot) expect(statSync(join(dataDir, DATABASE_FILE)).uid).toBe(NOBODY);
    expect(output).not.toMatch(/building the web screens|EACCES|EROFS/);
  });
});
