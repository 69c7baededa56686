/**
 * Early access: a drop opens for tier T at `opensAt − T.earlyAccessSeconds`;
 * tiers below `minTier` never get in. Pure rules, time as an argument.
 */
import type { DropRecord, DropStatus, DropWindow } from '../../shared/perks.ts';
import type { Rules, Tier } from '../../shared/rules.ts';
import { tierRank } from './tiers.ts';

/** Does `tier` reach `minTier` (null: every tier does)? An unknown minTier admits nobody. */
export function tierAllowed(rules: Rules, minTier: string | null, tier: Tier): boolean {
  if (minTier === null) return true;
  const needed = tierRank(rules, minTier);
  return needed >= 0 && tierRank(rules, tier.id) >= needed;
}

export function opensAtFor(drop: Pick<DropRecord, 'opensAt'>, tier: Tier): number {
  return drop.opensAt - tier.earlyAccessSeconds * 1000;
}

/** Each admitted tier's opening time, highest tier (earliest) first. */
export function dropWindows(rules: Rules, drop: Pick<DropRecord, 'opensAt' | 'minTier'>): DropWindow[] {
  return rules.tiers
    .filter((tier) => tierAllowed(rules, drop.minTier, tier))
    .map((tier) => ({ tierId: tier.id, opensAt: opensAtFor(drop, tier) }))
    .sort((a, b) => a.opensAt - b.opensAt);
}

export function dropStatus(windows: DropWindow[], closed: boolean, remaining: number, nowMs: number): DropStatus {
  if (closed) return 'closed';
  if (remaining <= 0) return 'sold-out';
  const earliest = windows[0]?.opensAt ?? Number.POSITIVE_INFINITY;
  return nowMs >= earliest ? 'open' : 'scheduled';
}

/** Purchase points: whole units of `unitCents` × pointsPerUnit (1 point per NT$100 by default). */
export function purchasePoints(amountCents: number, rule: { pointsPerUnit: number; unitCents: number }): number {
  return Math.floor(amountCents / rule.unitCents) * rule.pointsPerUnit;
}
