/**
 * The birthday gift (issue 13), as pure rules: when a member may change the
 * birthday they gave (once a year, so the gift cannot be collected monthly),
 * and whether a visit at a given time falls in their birthday month in the
 * rules' time zone — and for which year, so the ledger key
 * `birthday:<memberId>:<year>` makes it once per year whatever the visits.
 */
import { dayKey } from './time.ts';

export interface Birthday {
  month: number;
  day: number;
  /** When the member set it (epoch ms). */
  setAt: number;
}

/** A birthday may be changed once its last setting is this old. */
export const BIRTHDAY_LOCK_MS = 365 * 86_400_000;

/** null: the change is allowed (or the same date again, which changes nothing); 'locked': set too recently. */
export function birthdayChangeRefusal(current: Birthday | null, month: number, day: number, now: number): 'locked' | null {
  if (!current || (current.month === month && current.day === day)) return null;
  return now - current.setAt < BIRTHDAY_LOCK_MS ? 'locked' : null;
}

/**
 * A birthday must have been given this long before the gift: otherwise
 * setting one's birthday to the current month would pay at once.
 */
export const BIRTHDAY_NOTICE_MS = 30 * 86_400_000;

/** The year whose gift a visit at `now` collects, or null: outside the birthday month (in `timeZone`), or the birthday set too recently. */
export function birthdayGiftYear(birthday: Pick<Birthday, 'month' | 'setAt'> | null, now: number, timeZone: string): number | null {
  if (!birthday || now - birthday.setAt < BIRTHDAY_NOTICE_MS) return null;
  const [year, month] = dayKey(now, timeZone).split('-').map(Number) as [number, number];
  return month === birthday.month ? year : null;
}

/** Whether (month, day) is a calendar date some year has (29 February counts). */
export function isCalendarDate(month: number, day: number): boolean {
  return Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}
