/**
 * Early access: a drop opens for tier T at `opensAt − T.earlyAccessSeconds`;
 * tiers below `minTier` never get in. Pure rules, time as an argument. The
 * windows and the ladder live in shared/domain/ (the screens preview them too).
 */
export { dropStatus, dropWindows, opensAtFor } from '../../shared/domain/drop-windows.ts';
export { tierAllowed } from '../../shared/domain/tier-ladder.ts';

/** Purchase points: whole units of `unitCents` × pointsPerUnit (1 point per NT$100 by default). */
export function purchasePoints(amountCents: number, rule: { pointsPerUnit: number; unitCents: number }): number {
  return Math.floor(amountCents / rule.unitCents) * rule.pointsPerUnit;
}
