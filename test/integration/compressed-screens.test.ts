/**
 * The screens go out compressed (issue 10: pages that load fast on a phone):
 * the build writes a brotli and a gzip copy beside each file
 * (build/precompress.ts) and the server sends the one the browser accepts,
 * byte-identical to the original once decompressed, with `Vary:
 * Accept-Encoding`; hashed assets are cached for a year, pages revalidated.
 * Raw HTTP (node:http), because fetch would decompress behind our back.
 * Needs the web build the global setup makes.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_BYTES } from '../../build/precompress.ts';
import { WEB_DIR } from '../../server/http/web-pages.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(url: string, acceptEncoding?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The viewer room's page and everything it loads up front (its scripts, preloads and stylesheets). */
function viewerRoomFiles(): string[] {
  const html = readFileSync(join(WEB_DIR, 'client/live.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

describe('compressed screens', () => {
  let running: RunningApp;
  let files: string[];

  beforeAll(async () => {
    running = await startApp();
    files = viewerRoomFiles();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('sends every asset of the viewer room as brotli when the browser takes it, identical once decompressed', async () => {
    expect(files.length).toBeGreaterThan(1);
    let raw = 0;
    let onTheWire = 0;
    for (const file of files) {
      const original = readFileSync(join(WEB_DIR, file));
      const reply = await rawGet(`${running.url}/${file}`, 'gzip, deflate, br');
      expect(reply.status, file).toBe(200);
      if (original.length < MIN_BYTES) {
        // A chunk this small gains nothing from a second copy: it goes as it is.
        expect(reply.headers['content-encoding'], file).toBeUndefined();
        expect(reply.body.equals(original), file).toBe(true);
        raw += original.length;
        onTheWire += reply.body.length;
        continue;
      }
      expect(reply.headers['content-encoding'], file).toBe('br');
      expect(reply.headers.vary, file).toMatch(/accept-encoding/i);
      expect(reply.headers['content-type'], file).toMatch(file.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(reply.headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(reply.body).equals(original), file).toBe(true);
      raw += original.length;
      onTheWire += reply.body.length;
    }
    console.log(`viewer room assets: ${(raw / 1024).toFixed(0)} KiB raw, ${(onTheWire / 1024).toFixed(0)} KiB as brotli`);
    expect(onTheWire).toBeLessThan(raw * 0.4);
  });

  it('sends gzip to a browser that takes gzip but not brotli, and the file as it is to one that takes neither', async () => {
    const file = files.find((f) => f.endsWith('.js'))!;
    const original = readFileSync(join(WEB_DIR, file));
    const gzip = await rawGet(`${running.url}/${file}`, 'br;q=0, gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    for (const acceptEncoding of [undefined, 'identity']) {
      const plain = await rawGet(`${running.url}/${file}`, acceptEncoding);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body.equals(original)).toBe(true);
    }
  });

  it('sends the pages compressed too, revalidated on every visit', async () => {
    const original = readFileSync(join(WEB_DIR, 'client/live.html'));
    const reply = await rawGet(`${running.url}/live/some-show`, 'br');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toMatch(/text\/html/);
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(reply.body).equals(original)).toBe(true);
  });

  it('serves only files the build made: no path outside the assets, compressed or not', async () => {
    const escape = await rawGet(`${running.url}/assets/..%2Fclient%2Flive.html`, 'br');
    expect(escape.status).toBe(404);
    expect(escape.headers['content-encoding']).toBeUndefined();
  });
});
