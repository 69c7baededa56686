import { useMemo } from 'react';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { formatDateTime } from '../logic/format.ts';
import { groupLedgerRows } from '../logic/like-groups.ts';
import { selectIsSignedIn, selectLedger, selectLocale } from '../store/selectors.ts';
import { reasonKey } from './reason.ts';

/** The member's own points history with reasons, newest first, paged. */
export function Ledger() {
  const t = useT();
  const { loadLedger } = useActions();
  const locale = useLive(selectLocale);
  const signedIn = useLive(selectIsSignedIn);
  const ledger = useLive(selectLedger);
  const rows = useMemo(() => groupLedgerRows(ledger.entries), [ledger.entries]);
  if (!signedIn) return null;
  return (
    <section className="card ledger" aria-labelledby="ledger-h">
      <h2 id="ledger-h" className="section-title">
        {t('ledger.title')}
      </h2>
      {ledger.entries.length === 0 && ledger.status === 'ready' && <p className="muted small">{t('ledger.empty')}</p>}
      {ledger.status === 'error' && (
        <p className="muted small">
          {t('ledger.error')}{' '}
          <button type="button" className="link-btn" onClick={() => void loadLedger(false)}>
            {t('common.retry')}
          </button>
        </p>
      )}
      <ul className="ledger__list">
        {rows.map((e) => (
          <li key={e.key} className="ledger__row" data-count={e.count}>
            <span className="ledger__reason">{e.count > 1 ? t('reason.likes', { count: e.count }) : t(reasonKey(e.reason))}</span>
            <time className="ledger__at" dateTime={new Date(e.at).toISOString()}>
              {formatDateTime(e.at, locale)}
            </time>
            <span className={`ledger__delta ${e.delta < 0 ? 'is-neg' : 'is-pos'}`}>
              {e.delta < 0 ? '−' : '+'}
              {formatNumber(Math.abs(e.delta), locale)}
            </span>
          </li>
        ))}
      </ul>
      {ledger.next && (
        <button type="button" className="btn btn--small btn--ghost btn--block" disabled={ledger.status === 'loading'} onClick={() => void loadLedger(true)}>
          {ledger.status === 'loading' ? t('common.loading') : t('ledger.more')}
        </button>
      )}
    </section>
  );
}
