/**
 * Who will buy again, in words (issue 15): a member's probability as a
 * percentage and the features that raised their score (docs/INSIGHTS.md
 * "Who will buy again"), one phrase each, `repurchase.reason.<feature>`.
 * A reason names what raised the score, not which way: the model's weights
 * are the seller's own and are not sent. Pure.
 */
import type { Locale, Translate } from '../../common/i18n.ts';
import type { RepurchaseFeature } from '../api.ts';
import type { HostDictionary } from '../i18n.ts';
import { formatFigure } from './show-report.ts';

type T = Translate<HostDictionary>;

/** The top of the ranking the dashboard shows. */
export const RANKING_SIZE = 50;

export const formatProbability = (t: T, probability: number, locale: Locale) => formatFigure(t, 'rate', probability, locale);

/** Each reason as a phrase, most raising first. */
export const reasonPhrases = (t: T, reasons: readonly RepurchaseFeature[]) => reasons.map((r) => t(`repurchase.reason.${r}`));

/** The reasons as one list, capitalised ("Number of orders, total spent, and …"); a dash when there are none. */
export function reasonsSentence(t: T, reasons: readonly RepurchaseFeature[], locale: Locale): string {
  if (reasons.length === 0) return t('repurchase.noReasons');
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(reasonPhrases(t, reasons));
  return list.charAt(0).toLocaleUpperCase(locale) + list.slice(1);
}
