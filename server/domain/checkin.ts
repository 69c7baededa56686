import type { Rules } from '../../shared/rules.ts';

/** Points for the check-in that makes `streak` consecutive days (1 = first day). */
export function checkinPoints(rules: Rules, streak: number): number {
  const bonus = Math.min((streak - 1) * rules.checkin.streakBonus, rules.checkin.streakMax);
  return rules.checkin.points + Math.max(0, bonus);
}
