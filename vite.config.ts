/**
 * Builds the three screens into dist/web, one entry each so the phone-first
 * viewer room never carries the dashboard's code:
 *   client/live.html   viewer room (/, /live/:streamId, /verify/:lotteryId)
 *   client/host.html   host dashboard (/host)
 *   overlay/index.html OBS browser source (/overlay)
 * JSX is compiled by Vite's built-in transform (automatic runtime). Every
 * compressible file gets a brotli and a gzip copy beside it (build/precompress.ts).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const root = import.meta.dirname;

const outDir = resolve(root, 'dist/web');

export default defineConfig({
  root,
  publicDir: false,
  plugins: [precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        live: resolve(root, 'client/live.html'),
        host: resolve(root, 'client/host.html'),
        overlay: resolve(root, 'overlay/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
