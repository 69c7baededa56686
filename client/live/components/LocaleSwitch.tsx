import { LOCALES, rememberLocale, type Locale } from '../../common/i18n.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { selectLocale } from '../store/selectors.ts';

const LABEL: Record<Locale, string> = { en: 'EN', 'zh-TW': '中文' };
const FULL: Record<Locale, string> = { en: 'English', 'zh-TW': '繁體中文' };

/** Two-way language switch; the choice is remembered. */
export function LocaleSwitch() {
  const t = useT();
  const locale = useLive(selectLocale);
  const { setLocale } = useActions();
  const choose = (l: Locale) => {
    rememberLocale(l);
    setLocale(l);
  };
  return (
    <div className="locale" role="group" aria-label={t('locale.label')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" className="locale__opt" aria-pressed={l === locale} aria-label={FULL[l]} lang={l} onClick={() => choose(l)}>
          {LABEL[l]}
        </button>
      ))}
    </div>
  );
}
