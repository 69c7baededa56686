/** Calendar days in a time zone, as 'YYYY-MM-DD' strings (they sort like dates). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Per zone, the last minute asked about and its day (see dayKey). */
const lastMinute = new Map<string, { minute: number; day: string }>();

/**
 * The calendar day that `atMs` falls on in `timeZone`. Every event that earns
 * asks this, and Intl's formatting is the slow part, so the answer is kept
 * per zone for the minute it was asked in: no zone's day (offsets are whole
 * minutes, switched at whole minutes) changes within one.
 */
export function dayKey(atMs: number, timeZone: string): string {
  const minute = Math.floor(atMs / 60_000);
  const known = lastMinute.get(timeZone);
  if (known?.minute === minute) return known.day;
  const parts = formatterFor(timeZone).formatToParts(new Date(atMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  lastMinute.set(timeZone, { minute, day });
  return day;
}

/** `day` moved by `days` calendar days (negative goes back). Zone-free: pure date arithmetic. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;

/**
 * The UTC calendar day of `atMs` as 'YYYY-MM-DD': the one day representation
 * of both engines' earned-per-day buckets (SQLite `earned_days.day`, Redis
 * `earnedDays` hash fields). Days compare as strings, so "from day X on" is a
 * plain `>=` in TypeScript, SQL and Lua alike. Times up to the end of year 9999
 * (engine-args.ts refuses later ones) keep the four-digit year that makes the
 * string order the date order.
 */
export function utcDay(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}

/** The last time whose UTC day is still 'YYYY-MM-DD' (9999-12-31T23:59:59.999Z). */
export const MAX_DAY_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The instant local midnight begins `day` in `timeZone`. The zone's offset is
 * read at the UTC midnight of that date and checked once more at the answer
 * (an offset change that day moves it), which is exact for every zone whose
 * offset does not change at midnight itself.
 */
export function localMidnight(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  let at = utcMidnight - offsetMs(utcMidnight, timeZone);
  at = utcMidnight - offsetMs(at, timeZone);
  return at;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `atMs`. */
function offsetMs(atMs: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(atMs)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(atMs / 1000) * 1000;
}
