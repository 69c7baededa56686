import type { ReactNode } from 'react';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { selectBalance, selectIsSignedIn, selectLocale } from '../store/selectors.ts';
import { StarIcon } from './icons.tsx';
import { LocaleSwitch } from './LocaleSwitch.tsx';

/** The bar on every page: brand (home), an optional middle, language, and the balance or sign-in. */
export function Header({ children }: { children?: ReactNode }) {
  const t = useT();
  return (
    <header className="topbar">
      <a className="brand" href="/" aria-label={t('brand.home')}>
        <span className="brand__mark" aria-hidden="true">FR</span>
        <span className="brand__name">Front Row</span>
      </a>
      <div className="topbar__mid">{children}</div>
      <LocaleSwitch />
      <Account />
    </header>
  );
}

function Account() {
  const t = useT();
  const locale = useLive(selectLocale);
  const signedIn = useLive(selectIsSignedIn);
  const balance = useLive(selectBalance);
  const { openAuth } = useActions();
  if (!signedIn) {
    return (
      <button type="button" className="btn btn--small btn--ghost" onClick={() => openAuth('login')}>
        {t('auth.login')}
      </button>
    );
  }
  return (
    <a className="balance" href="#membership" aria-label={t('balance.aria', { points: formatNumber(balance ?? 0, locale) })}>
      <StarIcon size={14} />
      {/* keyed by value: each change replays the bump animation */}
      <span key={balance ?? -1} className="balance__value" data-testid="balance">
        {balance === null ? '…' : formatNumber(balance, locale)}
      </span>
      <span className="balance__unit">{t('points.unit')}</span>
    </a>
  );
}
