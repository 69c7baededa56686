/**
 * The colour family of a tier: bronze, silver and gold by id; a host's own
 * tiers by their rank (lowest bronze, highest gold, above gold platinum).
 */
import { tierRank } from '../../shared/domain/tier-ladder.ts';
import type { Tier } from '../../shared/rules.ts';

export type TierTone = 'bronze' | 'silver' | 'gold' | 'platinum';

export function tierTone(tierId: string, tiers: readonly Pick<Tier, 'id'>[]): TierTone {
  if (tierId === 'bronze' || tierId === 'silver' || tierId === 'gold' || tierId === 'platinum') return tierId;
  const rank = tierRank({ tiers }, tierId);
  if (rank < 0 || tiers.length <= 1) return 'silver';
  if (rank === 0) return 'bronze';
  if (rank === tiers.length - 1) return tiers.length > 3 ? 'platinum' : 'gold';
  return rank === 1 ? 'silver' : 'gold';
}
