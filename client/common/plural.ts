/**
 * Plurals the way each language counts them (Intl.PluralRules): English says
 * "1 member" / "2 members", Chinese has one form. A dictionary gives a
 * message's forms as `key_one`, `key_few`, … beside the plain `key`, which is
 * the "other" form and the fallback; the form is picked by the number passed
 * as `count`. Pure, so the translator of every screen (common/i18n.ts) and the
 * tests use the same choice.
 */
import type { Locale } from './i18n.ts';

const rulesByLocale = new Map<Locale, Intl.PluralRules>();
const numbersByLocale = new Map<Locale, Intl.NumberFormat>();

export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** The key to say `key` with `count`: its plural form when the dictionary has one, else the key itself. */
export function pluralKey(dictionary: Readonly<Record<string, string>>, locale: Locale, key: string, count: unknown): string {
  if (typeof count !== 'number' || !Number.isFinite(count)) return key;
  const form = `${key}_${pluralCategory(locale, count)}`;
  return form in dictionary ? form : key;
}

/** A numeric `count` is shown the reader's way (1,200), so call sites pass the number itself. */
export function formatCount(locale: Locale, count: number): string {
  let numbers = numbersByLocale.get(locale);
  if (!numbers) numbersByLocale.set(locale, (numbers = new Intl.NumberFormat(locale)));
  return numbers.format(count);
}
