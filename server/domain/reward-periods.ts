/**
 * The calendar period a redemption counts in, for a per-period limit
 * (issue 13): the local day, the week starting Monday, or the month, in the
 * rules' time zone — so "2 a week" resets at local midnight on Monday for the
 * seller's audience, not at UTC midnight. Keys sort like the periods.
 */
import type { LimitPeriod } from '../../shared/rewards.ts';
import { addDays, dayKey } from './time.ts';

export function periodKey(atMs: number, timeZone: string, period: LimitPeriod): string {
  const day = dayKey(atMs, timeZone);
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  // The day's weekday needs no zone: 'YYYY-MM-DD' read as a UTC date is that calendar date.
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
