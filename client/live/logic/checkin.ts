/**
 * Check-in streaks. The server pays `points + min((streak − 1) × streakBonus, streakMax)`
 * and answers only the amount, so the streak is read back from it. Pure.
 */
import type { Rules } from '../../../shared/rules.ts';

export interface Streak {
  /** consecutive days including today (the lowest possible when `atLeast`) */
  days: number;
  /** the bonus hit its cap: the streak is at least `days` */
  atLeast: boolean;
}

export function streakFromCheckin(awarded: number, checkin: Rules['checkin']): Streak | null {
  if (awarded <= 0) return null;
  const bonus = awarded - checkin.points;
  // No bonus configured: the amount says nothing about the streak beyond today.
  if (checkin.streakBonus <= 0) return { days: 1, atLeast: true };
  if (bonus <= 0) return { days: 1, atLeast: false };
  if (checkin.streakMax > 0 && bonus >= checkin.streakMax) {
    return { days: Math.ceil(checkin.streakMax / checkin.streakBonus) + 1, atLeast: true };
  }
  return { days: Math.round(bonus / checkin.streakBonus) + 1, atLeast: false };
}

/** The calendar day (YYYY-MM-DD) of `nowMs` in the rules' time zone: the day check-in keys use. */
export function dayKeyIn(nowMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(nowMs);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The ledger key of a member's check-in on a day (as the server writes it). */
export const checkinKey = (memberId: string, day: string) => `checkin:${memberId}:${day}`;
