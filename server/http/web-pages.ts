/**
 * Serves the built screens (dist/web, from `vite build`): hashed assets with
 * long caching, and each app's HTML for its client-side routes, each as the
 * brotli or gzip copy the build made when the browser takes it
 * (precompressed.ts).
 *
 * A missing asset is an ordinary event (an old page asking for the bundle of
 * the build before, a scanner): it answers a plain 404 and logs nothing — not
 * an error with the file's absolute path in the log.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import { precompressedIn } from './precompressed.ts';

export const WEB_DIR = resolve(import.meta.dirname, '../../dist/web');

const PAGES: Array<{ routes: string[]; file: string }> = [
  { routes: ['/', '/live/:streamId', '/verify/:lotteryId'], file: 'client/live.html' },
  { routes: ['/host', '/host/*rest'], file: 'client/host.html' },
  { routes: ['/overlay'], file: 'overlay/index.html' },
];

export function serveWebPages(app: Express, webDir = WEB_DIR): void {
  if (!existsSync(webDir)) return;
  const compressed = precompressedIn(webDir);
  // Hashed names: a file never changes under its name, so browsers keep it a year without asking again.
  app.use('/assets', (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && compressed.send(req, res, `assets${req.path}`, { 'cache-control': 'public, max-age=31536000, immutable' })) return;
    next();
  });
  app.use('/assets', express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }));
  app.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  for (const page of PAGES) {
    const file = join(webDir, page.file);
    for (const route of page.routes) {
      app.get(route, (req, res) => {
        if (compressed.send(req, res, page.file, { 'cache-control': 'no-cache' })) return;
        res.setHeader('cache-control', 'no-cache');
        res.sendFile(file);
      });
    }
  }
}
