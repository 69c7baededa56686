import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath, viewerLink } from '../../client/host/logic/share.ts';

/** The modules a path paints, read back from its `M x y h w v1 h -w z` runs. */
function painted(path: string): Set<string> {
  const cells = new Set<string>();
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) cells.add(`${y},${x + i}`);
  }
  return cells;
}

describe('share the room', () => {
  it('links to the room route of the show on the given origin', () => {
    expect(viewerLink('https://live.example.tw', 's_1')).toBe('https://live.example.tw/live/s_1');
    expect(viewerLink('http://192.168.1.5:3000/', 'a b/c')).toBe('http://192.168.1.5:3000/live/a%20b%2Fc');
  });

  it('paints exactly the dark modules, one run per row segment', () => {
    const grid = ['#.#', '##.', '..#'];
    const path = qrPath(3, (r, c) => grid[r]![c] === '#');
    expect(path).toBe('M0 0h1v1h-1zM2 0h1v1h-1zM0 1h2v1h-2zM2 2h1v1h-1z');
  });

  it('draws a real QR code of the link module for module', () => {
    const { modules } = create(viewerLink('http://localhost:3000', 'stream-123'), { errorCorrectionLevel: 'M' });
    const cells = painted(qrPath(modules.size, (r, c) => !!modules.get(r, c)));
    let dark = 0;
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) {
        if (modules.get(r, c)) dark++;
        expect(cells.has(`${r},${c}`)).toBe(!!modules.get(r, c));
      }
    expect(cells.size).toBe(dark);
  });
});
