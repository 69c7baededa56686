import { LOCALES, type Locale } from '../../common/i18n.ts';
import { useT } from '../hooks.ts';
import { useHostStore } from '../store/index.ts';

const NAMES: Record<Locale, string> = { en: 'English', 'zh-TW': '繁體中文' };
const SHORT: Record<Locale, string> = { en: 'EN', 'zh-TW': '中文' };

/** Always visible; each option named in its own language so anyone can find theirs. */
export function LocaleSwitch() {
  const t = useT();
  const locale = useHostStore((s) => s.locale);
  const setLocale = useHostStore((s) => s.setLocale);
  return (
    <div className="segmented" role="group" aria-label={t('locale.label')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} aria-label={NAMES[l]} onClick={() => setLocale(l)}>
          {SHORT[l]}
        </button>
      ))}
    </div>
  );
}
