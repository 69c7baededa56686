import type { Rules } from '../../shared/rules.ts';

/** Points for the check-in that makes `streak` consecutive days (1 = first day). */
export function checkinPoints(rules: Rules, streak: number): number {
  const bonus = Math.min((streak - 1) * rules.checkin.streakBonus, rules.checkin.streakMax);
  return rules.checkin.points + Math.max(0, bonus);
}

export interface CheckinResult {
  /** Consecutive days including `day`. */
  streak: number;
  /** The member had already checked in on `day` (the streak is the stored one). */
  already: boolean;
}

/** A member's stored check-in: the last day checked in and the streak it made. */
export interface CheckinState {
  lastDay: string;
  streak: number;
}

export interface CheckinDecision {
  result: CheckinResult;
  /** The state to store; null when nothing changes (already checked in on `day`). */
  store: CheckinState | null;
}

/**
 * Engine.checkin (days are 'YYYY-MM-DD' in the rules' time zone, `previousDay`
 * the day before `day`): the same day again returns the stored streak; a
 * check-in the day after the last one grows the streak; any other day starts
 * again at 1. SqliteEngine calls this inside its transaction; `checkin-1.lua`
 * mirrors it (test/differential/checkin.test.ts compares the three).
 */
export function decideCheckin(last: CheckinState | null, day: string, previousDay: string): CheckinDecision {
  if (last?.lastDay === day) return { result: { streak: last.streak, already: true }, store: null };
  const streak = last?.lastDay === previousDay ? last.streak + 1 : 1;
  return { result: { streak, already: false }, store: { lastDay: day, streak } };
}
