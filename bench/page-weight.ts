/**
 * The viewer room's weight on a first visit (issue 10: ≤ 150 KB over the
 * wire): the page and every script and stylesheet it names, fetched from the
 * running server as a phone's browser asks for them (Accept-Encoding: br,
 * gzip), counting the bytes of each body as sent — compressed when the server
 * compressed it. Headers are not counted (a few hundred bytes a file).
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface PageWeight {
  files: number;
  /** Bytes on the wire: the page and its assets as sent. */
  wireBytes: number;
  /** Bytes once decompressed (what the browser parses). */
  rawBytes: number;
}

function get(url: string): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decompressed(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

/** The viewer room of `streamId` on `baseUrl`; null when the server has no built screens to serve. */
export async function viewerRoomWeight(baseUrl: string, streamId: string): Promise<PageWeight | null> {
  const page = await get(`${baseUrl}/live/${encodeURIComponent(streamId)}`);
  if (page.status !== 200) return null;
  const text = decompressed(page.body, page.encoding).toString();
  const assets = [...new Set([...text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
  let wireBytes = page.body.length;
  let rawBytes = Buffer.byteLength(text);
  for (const path of assets) {
    const asset = await get(`${baseUrl}${path}`);
    if (asset.status !== 200) throw new Error(`viewer room asset ${path}: HTTP ${asset.status}`);
    wireBytes += asset.body.length;
    rawBytes += decompressed(asset.body, asset.encoding).length;
  }
  return { files: assets.length + 1, wireBytes, rawBytes };
}
