/**
 * English and Traditional Chinese for every string. Each app keeps its own
 * dictionary (typed: a zh-TW dictionary missing a key does not compile);
 * this picks the locale from the browser, remembers a manual switch, and fills
 * `{name}` placeholders.
 */
import { formatCount, pluralKey } from './plural.ts';

export type Locale = 'en' | 'zh-TW';
export const LOCALES: Locale[] = ['en', 'zh-TW'];

const STORAGE_KEY = 'frontrow.locale';

export type Dictionary = Record<string, string>;

/** Any zh* browser language gets Traditional Chinese; everything else English. */
export function pickLocale(languages: readonly string[], stored: string | null): Locale {
  if (stored === 'en' || stored === 'zh-TW') return stored;
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-TW' : 'en';
}

export function detectLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // private mode: no memory, still a sensible default
  }
  return pickLocale(navigator.languages ?? [navigator.language], stored);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
  document.documentElement.lang = locale;
}

export type Translate<D extends Dictionary> = (key: keyof D & string, params?: Record<string, string | number>) => string;

/**
 * A numeric `count` param picks the plural form (`key_one`, …: common/plural.ts)
 * and is shown formatted for the locale.
 */
export function translator<D extends Dictionary>(dictionaries: Record<Locale, D>, locale: Locale): Translate<D> {
  const dict = dictionaries[locale];
  return (key, params) => {
    const count = params?.count;
    const chosen = pluralKey(dict, locale, key, count);
    const text = dict[chosen] ?? dictionaries.en[pluralKey(dictionaries.en, 'en', key, count)] ?? dictionaries.en[key] ?? key;
    if (!params) return text;
    const shown = typeof count === 'number' ? { ...params, count: formatCount(locale, count) } : params;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(shown[name] ?? `{${name}}`));
  };
}
