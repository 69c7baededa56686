/**
 * `npm start` builds the screens when needed: when dist/web is missing or any
 * source file of the UIs is newer than the last build.
 *
 * Except where the app must not write (issue 9): the Docker image builds the
 * screens at build time and runs read-only, so
 * - in production (NODE_ENV=production) an existing build is served as it is,
 *   without even walking the sources (a fast start);
 * - where dist/ cannot be written, an existing build is served (with a
 *   warning when its sources are newer), and a missing one is a clear error
 *   instead of a failed write halfway through a build.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEB_DIR } from './http/web-pages.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCES = ['client', 'overlay', 'shared', 'build', 'vite.config.ts'];
const STAMP = join(WEB_DIR, 'client/live.html');
/** What vite's build writes: dist/web, made inside dist/ (or dist/ itself, inside the app's directory). */
const OUT_PARENT = resolve(WEB_DIR, '..');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > built);
}

/** Whether this process may write the build: dist/web (when built), else the directory it would be made in. */
function canWriteBuild(): boolean {
  const target = [WEB_DIR, OUT_PARENT, ROOT].find((p) => existsSync(p))!;
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function buildWebIfStale(log: (msg: string) => void, warn: (msg: string) => void = log): Promise<void> {
  const built = existsSync(STAMP);
  if (built && process.env.NODE_ENV === 'production') return;
  if (!webBuildIsStale()) return;
  if (!canWriteBuild()) {
    if (!built) throw new Error(`the web screens are not built and ${OUT_PARENT} cannot be written: run \`npm run build\` first (the Docker image does it when it is built)`);
    warn('the web screens are older than their sources, but the app directory is read-only: serving the built ones (`npm run build` updates them)');
    return;
  }
  log('building the web screens (vite build)…');
  const { build } = await import('vite');
  // Vite takes NODE_ENV from the environment (React's build, the JSX transform):
  // under the test runner it is 'test', and the build made then is the one
  // `npm start` and the benchmarks serve afterwards — 120 KB of brotli for the
  // viewer room instead of 72. The screens are always built for production.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
