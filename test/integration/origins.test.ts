/**
 * Secure by default at the edges (issue 9), against the real server as a child
 * process:
 *
 * - a page on another site can neither open a socket (polling or websocket
 *   handshake) nor call the API; the same site, an origin in ALLOWED_ORIGINS
 *   and clients that send no Origin (shop backends, OBS, tools) can;
 * - every screen carries the security headers: a CSP without inline script,
 *   no framing of /host and /live, the overlay framed by its own origin only
 *   and sending no referrer, nosniff everywhere, HSTS only over https behind a
 *   trusted proxy;
 * - a missing asset is a plain 404 and leaves no line in the log.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../server/http/web-pages.ts';
import { buildWebIfStale } from '../../server/web-build.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, hostToken } from '../support/clients.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const EVIL = 'http://evil.example';
const SHOP = 'https://shop.example';
const PUBLIC = 'https://frontrow.example';
type Transport = 'polling' | 'websocket';

/** Connects to /live as a guest, naming `origin` in the handshake (node clients send none unless told). */
function connectFrom(base: string, transport: Transport, origin?: string): Promise<Socket> {
  const socket = io(`${base}/live`, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function connects(base: string, transport: Transport, origin?: string): Promise<boolean> {
  try {
    (await connectFrom(base, transport, origin)).close();
    return true;
  } catch {
    return false;
  }
}

describe('origins, security headers and quiet static serving (child server)', () => {
  let dataDir: string;
  let server: ServerProcess;
  /** In this process: its banner would name PUBLIC_URL, not the port a child's caller learns it from. */
  let proxied: RunningApp;

  beforeAll(async () => {
    // The page checks need the built screens; a server-only run (FRONTROW_SKIP_WEB_BUILD=1) may not have them yet.
    if (!existsSync(join(WEB_DIR, 'client/live.html'))) await buildWebIfStale(() => undefined);
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-origins-'));
    [server, proxied] = await Promise.all([
      startServerProcess({ dataDir, env: { ALLOWED_ORIGINS: `${SHOP}, http://studio.example:8080`, LOG_LEVEL: 'info' } }),
      startApp({ env: { TRUST_PROXY: 'loopback', PUBLIC_URL: PUBLIC } }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), proxied?.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  describe('Socket.IO handshakes', () => {
    for (const transport of ['polling', 'websocket'] as const) {
      it(`refuses a foreign Origin over ${transport}; the same site, a listed origin and no Origin connect`, async () => {
        expect(await connects(server.url, transport, EVIL)).toBe(false);
        expect(await connects(server.url, transport, 'null')).toBe(false); // sandboxed frames, file: pages
        expect(await connects(server.url, transport, SHOP)).toBe(true);
        expect(await connects(server.url, transport, 'http://studio.example:8080')).toBe(true);
        expect(await connects(server.url, transport, 'http://studio.example')).toBe(false); // another port is another origin
        expect(await connects(server.url, transport, server.url)).toBe(true);
        expect(await connects(server.url, transport)).toBe(true);
        // PUBLIC_URL names the site when a proxy rewrites Host.
        expect(await connects(proxied.url, transport, PUBLIC)).toBe(true);
        expect(await connects(proxied.url, transport, SHOP)).toBe(false);
      });
    }

    it('answers a foreign polling handshake 403 without CORS headers, and a listed origin with them', async () => {
      const handshake = (origin: string) => fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
      const evil = await handshake(EVIL);
      expect(evil.status).toBe(403);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const shop = await handshake(SHOP);
      expect(shop.status).toBe(200);
      expect(shop.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(shop.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('the API', () => {
    const call = (path: string, init: RequestInit & { origin?: string } = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { ...(init.origin ? { origin: init.origin } : {}), ...(init.headers as Record<string, string>) } });

    it('refuses a foreign Origin with FORBIDDEN before any route runs', async () => {
      const read = await call('/api/time', { origin: EVIL });
      expect(read.status).toBe(403);
      expect(await read.json()).toMatchObject({ error: { code: 'FORBIDDEN', field: 'origin' } });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();

      // A cross-site "simple" POST (browsers send it without a preflight) changes nothing: no show is created.
      const token = await hostToken(server.url);
      const before = await api(server.url, 'GET', '/api/streams', undefined, token);
      const write = await call('/api/streams', {
        origin: EVIL,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'planted' }),
      });
      expect(write.status).toBe(403);
      const after = await api(server.url, 'GET', '/api/streams', undefined, token);
      expect(after.body).toEqual(before.body);
    });

    it('lets the same site and clients without Origin in, with no CORS headers', async () => {
      for (const origin of [server.url, undefined]) {
        const res = await call('/api/time', { origin });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('gives a listed origin CORS headers and answers its preflight', async () => {
      const res = await call('/api/time', { origin: SHOP });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(res.headers.get('vary')).toMatch(/origin/i);

      const preflight = await call('/api/me', {
        origin: SHOP,
        method: 'OPTIONS',
        headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('security headers', () => {
    const headersOf = async (base: string, path: string, extra: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { headers: extra });
      await res.arrayBuffer();
      return { status: res.status, get: (name: string) => res.headers.get(name) };
    };
    const directive = (csp: string | null, name: string) =>
      (csp ?? '')
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));

    it('the viewer room, the verify page and the dashboard: strict CSP, never framed', async () => {
      for (const path of ['/', '/live/some-show', '/verify/some-lottery', '/host', '/host/drops']) {
        const page = await headersOf(server.url, path);
        expect(page.status, path).toBe(200);
        const csp = page.get('content-security-policy');
        expect(directive(csp, 'script-src'), path).toBe("script-src 'self'");
        expect(directive(csp, 'default-src'), path).toBe("default-src 'self'");
        expect(directive(csp, 'object-src'), path).toBe("object-src 'none'");
        expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
        expect(directive(csp, 'frame-ancestors'), path).toBe("frame-ancestors 'none'");
        expect(page.get('x-frame-options'), path).toBe('DENY');
        expect(page.get('x-content-type-options'), path).toBe('nosniff');
        expect(page.get('referrer-policy'), path).toBe('same-origin');
        expect(page.get('strict-transport-security'), path).toBeNull();
      }
    });

    it('the overlay: framed by its own origin only, and no referrer (its URL carries the token)', async () => {
      const page = await headersOf(server.url, '/overlay?token=secret');
      expect(page.status).toBe(200);
      const csp = page.get('content-security-policy');
      expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'self'");
      expect(directive(csp, 'script-src')).toBe("script-src 'self'");
      expect(page.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(page.get('referrer-policy')).toBe('no-referrer');
      expect(page.get('x-content-type-options')).toBe('nosniff');
    });

    it('nosniff on assets and API answers too', async () => {
      for (const path of ['/api/time', '/assets/missing-bundle.js', '/healthz']) {
        expect((await headersOf(server.url, path)).get('x-content-type-options'), path).toBe('nosniff');
      }
    });

    it('HSTS only for https through a trusted proxy', async () => {
      // No TRUST_PROXY: anyone could claim X-Forwarded-Proto, so it is not believed.
      expect((await headersOf(server.url, '/host', { 'x-forwarded-proto': 'https' })).get('strict-transport-security')).toBeNull();
      // Behind a trusted proxy: https gets HSTS, plain http does not.
      const secure = await headersOf(proxied.url, '/host', { 'x-forwarded-proto': 'https' });
      expect(secure.get('strict-transport-security')).toMatch(/^max-age=31536000/);
      expect((await headersOf(proxied.url, '/host', { 'x-forwarded-proto': 'http' })).get('strict-transport-security')).toBeNull();
      expect((await headersOf(proxied.url, '/host')).get('strict-transport-security')).toBeNull();
    });
  });

  it('a missing asset is a plain 404 and logs nothing', async () => {
    const marker = `missing-${Date.now()}`;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/assets/${marker}-${i}.js`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('Not found');
    }
    // A directory and a path climbing out of assets/ are 404 too, not a redirect or a file.
    expect((await fetch(`${server.url}/assets`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${server.url}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
    // Stop the server (it logs at info) so everything it wrote has been read, then read it.
    expect(await server.stop()).toBe(0);
    const log = server.output();
    expect(log).toMatch(/"msg":"stopped"/); // the log was captured
    expect(log).not.toContain(marker);
    expect(log).not.toMatch(/"level":(40|50)/);
  });
});
