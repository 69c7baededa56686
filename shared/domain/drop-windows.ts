/**
 * Early access: a drop opens for tier T at `opensAt − T.earlyAccessSeconds`;
 * tiers below `minTier` never get in. Written once for the server (the drop
 * view, the claim) and the dashboard (the composer previews a drop's windows
 * before it exists; a scheduled drop opens by itself as time passes). Pure,
 * time as an argument.
 */
import type { DropRecord, DropStatus, DropWindow } from '../perks.ts';
import type { Rules, Tier } from '../rules.ts';
import { tierAllowed } from './tier-ladder.ts';

export function opensAtFor(drop: Pick<DropRecord, 'opensAt'>, tier: Pick<Tier, 'earlyAccessSeconds'>): number {
  return drop.opensAt - tier.earlyAccessSeconds * 1000;
}

/** Each admitted tier's opening time, highest tier (earliest) first. */
export function dropWindows(rules: Pick<Rules, 'tiers'>, drop: Pick<DropRecord, 'opensAt' | 'minTier'>): DropWindow[] {
  return rules.tiers
    .filter((tier) => tierAllowed(rules, drop.minTier, tier))
    .map((tier) => ({ tierId: tier.id, opensAt: opensAtFor(drop, tier) }))
    .sort((a, b) => a.opensAt - b.opensAt);
}

export function dropStatus(windows: readonly DropWindow[], closed: boolean, remaining: number, nowMs: number): DropStatus {
  if (closed) return 'closed';
  if (remaining <= 0) return 'sold-out';
  const earliest = windows[0]?.opensAt ?? Number.POSITIVE_INFINITY;
  return nowMs >= earliest ? 'open' : 'scheduled';
}
