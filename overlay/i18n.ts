/**
 * The overlay's strings in English and Traditional Chinese. The zh-TW
 * dictionary has the English one's type: a missing key does not compile.
 * The language comes from `?lang=` (the broadcaster's choice for the stream),
 * else the browser's languages; the overlay never remembers a switch.
 */
import { pickLocale, translator, type Locale, type Translate } from '../client/common/i18n.ts';
import type { Tier } from '../shared/rules.ts';

const en = {
  live: 'LIVE',
  viewers: '{count} watching',
  members: '{count} members',
  badgeJoined: 'joined the show',
  badgeTierUp: 'reached {tier}!',
  badgeTier: '{tier} member',
  dropLabel: 'Member drop',
  memberPrice: 'Member price',
  windowNow: '{tier} now',
  windowIn: '{tier} in {time}',
  stockLeft: '{remaining} / {stock} left',
  soldOut: 'SOLD OUT',
  lotteryLabel: 'Lottery',
  lotteryPrize: 'Prize: {prize}',
  lotteryEntered: 'entered',
  lotteryClosesIn: 'closes in {time}',
  lotteryClosed: 'entries closed',
  lotteryMinTier: '{tier} and up',
  lotteryDrawing: 'Drawing…',
  lotteryWinners: 'Winners',
  lotteryNoWinners: 'No entries — no winners',
  lotteryMoreWinners: '+{count} more',
  topFans: 'Top fans',
  points: '{points} pts',
  reconnecting: 'Reconnecting…',
  refused: 'Overlay link refused — check the token; retrying…',
  tier_bronze: 'Bronze',
  tier_silver: 'Silver',
  tier_gold: 'Gold',
};

export type OverlayDictionary = typeof en;
export type OverlayKey = keyof OverlayDictionary;

const zhTW: OverlayDictionary = {
  live: '直播中',
  viewers: '{count} 人觀看',
  members: '{count} 位會員',
  badgeJoined: '進入直播間',
  badgeTierUp: '升級為{tier}！',
  badgeTier: '{tier}會員',
  dropLabel: '會員限定',
  memberPrice: '會員價',
  windowNow: '{tier} 開搶中',
  windowIn: '{tier} {time} 後',
  stockLeft: '剩 {remaining} / {stock}',
  soldOut: '已售完',
  lotteryLabel: '抽獎',
  lotteryPrize: '獎品：{prize}',
  lotteryEntered: '人參加',
  lotteryClosesIn: '{time} 後截止',
  lotteryClosed: '已截止報名',
  lotteryMinTier: '{tier}以上',
  lotteryDrawing: '抽獎中…',
  lotteryWinners: '得獎者',
  lotteryNoWinners: '無人參加，本次無得獎者',
  lotteryMoreWinners: '還有 {count} 位',
  topFans: '本場鐵粉',
  points: '{points} 點',
  reconnecting: '重新連線中…',
  refused: '浮層連結遭拒，請檢查權杖；重試中…',
  tier_bronze: '銅級',
  tier_silver: '銀級',
  tier_gold: '金級',
};

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
