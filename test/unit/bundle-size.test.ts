/**
 * The viewer room loads on phones over mobile data: its JavaScript (the entry
 * plus every chunk its HTML preloads) stays under 250 kB gzipped. Reads the
 * build that the global setup made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../server/http/web-pages.ts';

const LIMIT = 250 * 1024;

function scriptsOf(htmlFile: string): string[] {
  const html = readFileSync(join(WEB_DIR, htmlFile), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)];
  return [...new Set(srcs.map((m) => m[1]!))];
}

describe('viewer room bundle', () => {
  it('stays under 250 kB gzipped, counting every script the page loads up front', () => {
    const scripts = scriptsOf('client/live.html');
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(WEB_DIR, src.replace(/^\//, '')))).length, 0);
    console.log(`viewer room JS: ${(gzipped / 1024).toFixed(1)} kB gzipped in ${scripts.length} files`);
    expect(gzipped).toBeLessThan(LIMIT);
  });
});
