/**
 * English and Traditional Chinese for every string. Each app keeps its own
 * dictionary (typed: a zh-TW dictionary missing a key does not compile);
 * this picks the locale from the browser, remembers a manual switch, and fills
 * `{name}` placeholders.
 */
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

export function translator<D extends Dictionary>(dictionaries: Record<Locale, D>, locale: Locale): Translate<D> {
  const dict = dictionaries[locale];
  return (key, params) => {
    const text = dict[key] ?? dictionaries.en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
}
