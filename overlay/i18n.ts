/**
 * The overlay's strings in English and Traditional Chinese (locales/). The
 * zh-TW dictionary has the English one's type: a missing key does not compile.
 * The language comes from `?lang=` (the broadcaster's choice for the stream),
 * else the browser's languages; the overlay never remembers a switch.
 */
import { pickLocale, translator, type Locale, type Translate } from '../client/common/i18n.ts';
import type { Tier } from '../shared/rules.ts';
import { en } from './locales/en.ts';
import { zhTW } from './locales/zh-tw.ts';

export type OverlayDictionary = typeof en;
export type OverlayKey = keyof OverlayDictionary;

export const OVERLAY_DICTIONARIES: Record<Locale, OverlayDictionary> = { en, 'zh-TW': zhTW };

/** `?lang=` wins (any zh* is Traditional Chinese, en* English); else the browser's languages. */
export function overlayLocale(langParam: string | null, browserLanguages: readonly string[]): Locale {
  const lang = langParam?.trim().toLowerCase() ?? '';
  if (lang.startsWith('zh')) return 'zh-TW';
  if (lang.startsWith('en')) return 'en';
  return pickLocale(browserLanguages, null);
}

export function overlayTranslator(locale: Locale): Translate<OverlayDictionary> {
  return translator(OVERLAY_DICTIONARIES, locale);
}

const DEFAULT_TIER_NAMES: Record<string, { key: OverlayKey; name: string }> = {
  bronze: { key: 'tier_bronze', name: 'Bronze' },
  silver: { key: 'tier_silver', name: 'Silver' },
  gold: { key: 'tier_gold', name: 'Gold' },
};

/**
 * A tier's name for the audience: the host's own name from the rules, except
 * that the default tiers under their default names are translated.
 */
export function tierLabel(t: Translate<OverlayDictionary>, tierId: string, tiers: readonly Pick<Tier, 'id' | 'name'>[]): string {
  const known = DEFAULT_TIER_NAMES[tierId];
  const named = tiers.find((tier) => tier.id === tierId)?.name;
  if (known && (named === undefined || named === known.name)) return t(known.key);
  return named ?? tierId.charAt(0).toUpperCase() + tierId.slice(1);
}
