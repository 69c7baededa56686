/**
 * `npm start` builds the screens when needed: when dist/web is missing or any
 * source file of the UIs is newer than the last build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEB_DIR } from './http/web-pages.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCES = ['client', 'overlay', 'shared', 'vite.config.ts'];
const STAMP = join(WEB_DIR, 'client/live.html');

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

export async function buildWebIfStale(log: (msg: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('building the web screens (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
