/** The birthday gift's form and the points-expiry line: calendar and formatting rules. Pure. */
import type { Locale } from '../../common/i18n.ts';

/** A birthday may change again once its last setting is this old (the server's rule: PROTOCOL.md "Birthday gift"). */
export const BIRTHDAY_LOCK_MS = 365 * 86_400_000;

/** Days the month can have in some year: 29 for February, as the server accepts 29 February. */
export function daysInMonth(month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 31;
  return new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** The day kept when the month changes: the same, or the month's last day when it has fewer (31 → April 30). */
export function clampDay(month: number | null, day: number | null): number | null {
  if (day === null || month === null) return day;
  return Math.min(day, daysInMonth(month));
}

/** Twelve month names for the select, in the reader's language ("January" …, "1月" …). */
export function monthNames(locale: Locale): string[] {
  const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(Date.UTC(2024, i, 1)));
}

/** A birthday without its year, as the reader writes dates ("March 14", "3月14日"). */
export function formatBirthday(month: number, day: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, month - 1, day));
}

/** A calendar date with its year, in the device's time zone ("May 14, 2025", "2025年5月14日"). */
export function formatDate(at: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** When a birthday given at `setAt` may change again. */
export function birthdayChangeableAt(setAt: number): number {
  return setAt + BIRTHDAY_LOCK_MS;
}
