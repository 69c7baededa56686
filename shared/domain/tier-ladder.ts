/**
 * The order of the tier ladder, written once for the server's rules and for
 * the screens that show them ("Gold and up"). Pure; tiers are listed lowest
 * first (RulesSchema guarantees it).
 */
import type { Tier } from '../rules.ts';

/** Only the order of the ids matters here. */
type Ladder = { readonly tiers: readonly Pick<Tier, 'id'>[] };

/** Rank of a tier in the ladder (0 = lowest); -1 when unknown. */
export function tierRank(rules: Ladder, id: string): number {
  return rules.tiers.findIndex((t) => t.id === id);
}

/** Does `tier` reach `minTier` (null: every tier does)? An unknown minTier admits nobody. */
export function tierAllowed(rules: Ladder, minTier: string | null, tier: Pick<Tier, 'id'>): boolean {
  if (minTier === null) return true;
  const needed = tierRank(rules, minTier);
  return needed >= 0 && tierRank(rules, tier.id) >= needed;
}
