/**
 * Early access as the dashboard previews it: a drop opens for tier T at
 * `opensAt − T.earlyAccessSeconds`, tiers below `minTier` get no window.
 * Mirrors the server's rule (server/domain/drops.ts) so the composer can show
 * each tier's opening time before the drop exists. Pure.
 */
import type { Drop, DropStatus, DropWindow } from '../../../shared/perks.ts';
import type { Tier } from '../../../shared/rules.ts';

export interface TierWindow {
  tier: Tier;
  opensAt: number;
}

/** Each admitted tier's opening time, earliest first. An unknown minTier admits nobody (as on the server). */
export function tierWindows(tiers: readonly Tier[], opensAt: number, minTier: string | null): TierWindow[] {
  const from = minTier === null ? 0 : tiers.findIndex((t) => t.id === minTier);
  if (from < 0) return [];
  return tiers
    .slice(from)
    .map((tier) => ({ tier, opensAt: opensAt - tier.earlyAccessSeconds * 1000 }))
    .sort((a, b) => a.opensAt - b.opensAt);
}

/**
 * The status to show now: the server computed `status` when it sent the drop,
 * but a scheduled drop opens by itself as time passes.
 */
export function dropStatusAt(drop: Pick<Drop, 'status' | 'windows' | 'remaining'>, now: number): DropStatus {
  if (drop.status === 'closed') return 'closed';
  if (drop.remaining <= 0) return 'sold-out';
  const earliest = drop.windows[0]?.opensAt ?? Number.POSITIVE_INFINITY;
  return now >= earliest ? 'open' : 'scheduled';
}

/** The next window still to open (for a countdown), or null when all are open. */
export function nextWindow(windows: readonly DropWindow[], now: number): DropWindow | null {
  return windows.find((w) => w.opensAt > now) ?? null;
}
