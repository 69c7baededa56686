/**
 * Pure geometry for the KPI charts (unit-tested): one step along x per
 * interval, y from zero to a round top; a missing value (a rate without a
 * denominator) breaks the line rather than dropping to zero.
 */
import { niceCeiling } from '../studio/chart-geometry.ts';

export interface Box {
  width: number;
  height: number;
}

export interface PlotPoint {
  index: number;
  value: number;
  x: number;
  y: number;
}

/** Rates are shares 0–1: the axis stops at the first of these at or above the highest. */
const RATE_TOPS = [0.1, 0.2, 0.5, 1];

/** The axis maximum: a round share for rates, a round number (at least 10) for counts. */
export function axisTop(kind: 'count' | 'rate', values: readonly (number | null)[]): number {
  const high = Math.max(0, ...values.filter((v): v is number => v !== null));
  return kind === 'rate' ? (RATE_TOPS.find((top) => top >= high) ?? 1) : niceCeiling(high);
}

/** Where each known value sits: intervals spread edge to edge (a lone one in the middle), values clamped to the axis. */
export function plotPoints(values: readonly (number | null)[], top: number, box: Box): PlotPoint[] {
  const last = values.length - 1;
  const points: PlotPoint[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const x = last <= 0 ? box.width / 2 : (index / last) * box.width;
    const y = box.height - (Math.max(0, Math.min(value, top)) / top) * box.height;
    points.push({ index, value, x: round1(x), y: round1(y) });
  });
  return points;
}

/** An SVG path through the points, a new subpath after every gap. */
export function linePath(points: readonly PlotPoint[]): string {
  return points.map((p, i) => `${i > 0 && points[i - 1]!.index === p.index - 1 ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
}

/** The dots to draw: every point while there are few; among many (a year by day), only those no line passes through. */
export function dotsOf(points: readonly PlotPoint[], max = 60): PlotPoint[] {
  if (points.length <= max) return [...points];
  const at = new Set(points.map((p) => p.index));
  return points.filter((p) => !at.has(p.index - 1) && !at.has(p.index + 1));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
