/**
 * Serves the brotli or gzip copy the build made beside a file
 * (build/precompress.ts) to a browser that accepts it: the viewer room goes
 * out in a fraction of its bytes, and nothing is compressed at request time.
 * The copies are listed once, when the server starts (the build does not
 * change under a running server). Every answer of a compressible file says
 * `Vary: Accept-Encoding`, so a shared cache never hands brotli to a browser
 * that did not ask for it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Request, Response } from 'express';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

export interface Precompressed {
  /**
   * Sends `file` (relative to the build directory) compressed when a copy
   * exists and the request accepts it; returns false (and sends nothing) when
   * it should go out as it is. `headers` are set either way.
   */
  send(req: Request, res: Response, file: string, headers: Record<string, string>): boolean;
}

export function precompressedIn(webDir: string): Precompressed {
  const copies = new Set(listFiles(webDir).filter((f) => f.endsWith('.br') || f.endsWith('.gz')));
  return {
    send(req, res, file, headers) {
      const available = ENCODINGS.filter((e) => copies.has(file + e.suffix));
      if (available.length === 0) return false;
      res.vary('Accept-Encoding');
      // Our preference, not the header's order (browsers list gzip before br): the smallest the browser takes at all.
      const encoding = available.find((e) => req.acceptsEncodings(e.name) === e.name);
      if (!encoding) return false;
      res.set(headers);
      res.type(extname(file));
      res.setHeader('Content-Encoding', encoding.name);
      res.sendFile(join(webDir, file + encoding.suffix));
      return true;
    },
  };
}
