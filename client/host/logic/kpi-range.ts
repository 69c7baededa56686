/**
 * The stretch of time the programme's KPIs cover (issue 15, `GET
 * /api/insights/kpis`): local days in the rules' time zone as 'YYYY-MM-DD',
 * by day, week (from Monday) or month. By default the last 12 weeks, this
 * one included. Pure, unit-tested.
 */
import type { Locale } from '../../common/i18n.ts';
import type { Problem } from './problems.ts';

export const KPI_INTERVALS = ['day', 'week', 'month'] as const;
export type KpiInterval = (typeof KPI_INTERVALS)[number];

export interface KpiRange {
  from: string;
  to: string;
  interval: KpiInterval;
}

const DAY_MS = 86_400_000;
/** The server answers at most two years at a time. */
export const MAX_RANGE_DAYS = 731;
export const DEFAULT_WEEKS = 12;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const utcOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The local calendar day of `at` in `timeZone` (the device's when none). */
export function localDay(at: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(utcOf(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(utcOf(day)).getUTCDay() + 6) % 7));
}

/** Weekly, from the Monday eleven weeks before this week's to today in the shop's time zone: twelve rows. */
export function defaultKpiRange(now: number, timeZone?: string): KpiRange {
  const today = localDay(now, timeZone);
  return { from: addDays(mondayOf(today), -7 * (DEFAULT_WEEKS - 1)), to: today, interval: 'week' };
}

/** Why the server would refuse the range, on the field it would name; null when it is fine. */
export function kpiRangeProblem(range: KpiRange): { field: 'from' | 'to'; problem: Problem } | null {
  for (const field of ['from', 'to'] as const) {
    if (!DAY.test(range[field]) || Number.isNaN(utcOf(range[field]))) return { field, problem: { key: 'kpi.range.notADay' } };
  }
  if (range.from > range.to) return { field: 'from', problem: { key: 'kpi.range.fromAfterTo' } };
  if ((utcOf(range.to) - utcOf(range.from)) / DAY_MS > MAX_RANGE_DAYS) return { field: 'to', problem: { key: 'kpi.range.tooLong' } };
  return null;
}

export function kpisQuery(range: KpiRange): string {
  return new URLSearchParams({ from: range.from, to: range.to, interval: range.interval }).toString();
}

const dayFormat = (locale: Locale, options: Intl.DateTimeFormatOptions) => (day: string) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(utcOf(day));

/** An interval as a row or an axis names it: "Nov 23", "Nov 23 – Nov 29", "November 2026". */
export function intervalLabel(row: { from: string; until: string }, interval: KpiInterval, locale: Locale): string {
  if (interval === 'month') return dayFormat(locale, { year: 'numeric', month: 'long' })(row.from);
  const short = dayFormat(locale, { month: 'short', day: 'numeric' });
  return interval === 'day' ? short(row.from) : `${short(row.from)} – ${short(addDays(row.until, -1))}`;
}
