/** The tier ladder as a member sees it. Pure. */
import type { MemberState } from '../../../shared/models.ts';
import type { Rules, Tier } from '../../../shared/rules.ts';

export function tierAfter(tiers: readonly Tier[], tierId: string): Tier | null {
  const i = tiers.findIndex((t) => t.id === tierId);
  return i >= 0 ? (tiers[i + 1] ?? null) : null;
}

export function tierRank(tiers: readonly Tier[], tierId: string): number {
  return tiers.findIndex((t) => t.id === tierId);
}

export interface TierProgress {
  current: Tier;
  next: Tier | null;
  /** 0–1 of the way from the current tier's threshold to the next one's (1 at the top) */
  fraction: number;
  /** earned points still needed for the next tier (0 at the top) */
  toGo: number;
}

export function tierProgress(me: Pick<MemberState, 'tier' | 'nextTier' | 'earned365'>, rules: Pick<Rules, 'tiers'> | null): TierProgress {
  const current = me.tier;
  const next = rules ? tierAfter(rules.tiers, current.id) : me.nextTier;
  if (!next) return { current, next: null, fraction: 1, toGo: 0 };
  const span = Math.max(1, next.minPoints - current.minPoints);
  const fraction = Math.min(1, Math.max(0, (me.earned365 - current.minPoints) / span));
  return { current, next, fraction, toGo: Math.max(0, next.minPoints - me.earned365) };
}
