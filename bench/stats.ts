/**
 * Small numeric helpers for the bench: nearest-rank percentiles, rates, and
 * the formatting every table cell goes through.
 */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles; an empty sample gives NaN everywhere but `n`. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

/** Events per second over a span in milliseconds. */
export function perSecond(count: number, spanMs: number): number {
  return spanMs > 0 ? (count * 1000) / spanMs : NaN;
}

export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds: one decimal below 10 ms, whole above. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${fmt(value, value < 10 ? 1 : 0)} ms` : '–';
}

export function mib(kib: number): string {
  return Number.isFinite(kib) ? `${fmt(kib / 1024, 1)} MiB` : '–';
}

export function pct(value: number): string {
  return Number.isFinite(value) ? `${fmt(value, 0)} %` : '–';
}

/** "p50 / p95 / p99" of a sample, for one table cell. */
export function triple(s: Summary): string {
  return s.n === 0 ? '–' : `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
}

/** Adds the counts of `b` into `a`. */
export function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
  return a;
}

/** "ok 1000" or "ok 998, TIMEOUT 2". */
export function outcomeText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => (a === 'ok' ? -1 : b === 'ok' ? 1 : a.localeCompare(b)));
  return entries.length === 0 ? '–' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}
