/** Pure geometry for the audience chart (unit-tested). */

/** A round axis maximum at or above `n` (1, 2, 4, 5 × 10^k), at least 10 so the middle tick is a whole number. */
export function niceCeiling(n: number): number {
  if (n <= 10) return 10;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 4, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

export interface Frame {
  start: number;
  end: number;
  top: number;
  width: number;
  height: number;
}

/** A stepped-free polyline and its filled area for `value` over time, clipped to the frame. */
export function chartPaths<T extends { at: number }>(samples: readonly T[], value: (s: T) => number, f: Frame): { line: string; area: string } {
  if (samples.length === 0) return { line: '', area: '' };
  const span = Math.max(1, f.end - f.start);
  const pts = samples.map((s) => {
    const x = ((s.at - f.start) / span) * f.width;
    const y = f.height - (Math.min(value(s), f.top) / f.top) * f.height;
    return [Math.max(0, Math.min(f.width, x)), y] as const;
  });
  const line = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const area = `${line} L${last[0].toFixed(1)},${f.height} L${first[0].toFixed(1)},${f.height} Z`;
  return { line, area };
}
