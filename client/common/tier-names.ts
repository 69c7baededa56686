/**
 * Tier names as each reader sees them. A host's own tier names are shown as
 * written: they chose them, in whatever language their audience reads. Only
 * the default tiers under their default English names (shared/rules.ts
 * DEFAULT_RULES) are translated, the same choice the overlay makes
 * (overlay/i18n.ts tierLabel), so a zh-TW room never shows "Gold" just
 * because nobody renamed it.
 *
 * The screens apply this in their selectors (one place each), memoised per
 * rules document and locale so a selector keeps returning the same object.
 */
import type { Tier } from '../../shared/rules.ts';
import type { Locale } from './i18n.ts';

const DEFAULT_TIER_NAMES: Record<string, Record<Locale, string>> = {
  bronze: { en: 'Bronze', 'zh-TW': '銅級' },
  silver: { en: 'Silver', 'zh-TW': '銀級' },
  gold: { en: 'Gold', 'zh-TW': '金級' },
};

/** The name to show for a tier: the default tiers' default names translated, every other name as the host wrote it. */
export function tierDisplayName(tierId: string, name: string | undefined, locale: Locale): string {
  const known = Object.hasOwn(DEFAULT_TIER_NAMES, tierId) ? DEFAULT_TIER_NAMES[tierId] : undefined;
  if (known && (name === undefined || name === known.en)) return known[locale];
  return name ?? tierId;
}

type Named = Pick<Tier, 'id' | 'name'>;

function localize<T extends Named>(tier: T, locale: Locale): T {
  const name = tierDisplayName(tier.id, tier.name, locale);
  return name === tier.name ? tier : { ...tier, name };
}

// Keyed by the object from the store: a new rules document or member state makes a new entry.
const memo = new WeakMap<object, Partial<Record<Locale, unknown>>>();
function memoised<T extends object>(source: T, locale: Locale, build: () => T): T {
  let byLocale = memo.get(source);
  if (!byLocale) memo.set(source, (byLocale = {}));
  return (byLocale[locale] ??= build()) as T;
}

export function localizedTiers<T extends Named>(tiers: readonly T[], locale: Locale): T[] {
  return memoised(tiers as T[], locale, () => tiers.map((tier) => localize(tier, locale)));
}

export function localizedTier<T extends Named>(tier: T | null, locale: Locale): T | null {
  return tier && memoised(tier, locale, () => localize(tier, locale));
}

/** A rules document whose tiers carry their display names. */
export function withLocalizedTiers<R extends { tiers: readonly Named[] }>(rules: R | null, locale: Locale): R | null {
  return rules && memoised(rules, locale, () => ({ ...rules, tiers: localizedTiers(rules.tiers, locale) }));
}

/** A member state (`tier`, `nextTier`) whose tiers carry their display names. */
export function withLocalizedMemberTiers<M extends { tier: Named; nextTier: Named | null }>(me: M | null, locale: Locale): M | null {
  return me && memoised(me, locale, () => ({ ...me, tier: localizedTier(me.tier, locale)!, nextTier: localizedTier(me.nextTier, locale) }));
}
