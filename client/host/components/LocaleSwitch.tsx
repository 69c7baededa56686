import { LOCALES, type Locale } from '../../common/i18n.ts';
import { useActions, useHost, useT } from '../hooks.ts';
import { selectLocale } from '../store/selectors.ts';

const NAMES: Record<Locale, string> = { en: 'English', 'zh-TW': '繁體中文' };
const SHORT: Record<Locale, string> = { en: 'EN', 'zh-TW': '中文' };

/** Always visible; each option named in its own language so anyone can find theirs. */
export function LocaleSwitch() {
  const t = useT();
  const locale = useHost(selectLocale);
  const { setLocale } = useActions();
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
