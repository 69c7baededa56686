import type { Rules, Tier } from '../../shared/rules.ts';
import { DAY_MS } from './time.ts';

/** The ladder's order is shared with the screens. */
export { tierRank } from '../../shared/domain/tier-ladder.ts';

/** Tiers are earned over a rolling window: points earned in the last 365 days. */
export const TIER_WINDOW_MS = 365 * DAY_MS;

/** The highest tier whose threshold `earned` reaches. Rules guarantee tier 0 starts at 0. */
export function tierFor(rules: Rules, earned: number): Tier {
  let current = rules.tiers[0]!;
  for (const tier of rules.tiers) if (earned >= tier.minPoints) current = tier;
  return current;
}

export function nextTierAfter(rules: Rules, tier: Tier): Tier | null {
  const i = rules.tiers.findIndex((t) => t.id === tier.id);
  return rules.tiers[i + 1] ?? null;
}

export function tierById(rules: Rules, id: string): Tier | undefined {
  return rules.tiers.find((t) => t.id === id);
}

export { multiplied } from '../../shared/domain/watch-rewards.ts';
