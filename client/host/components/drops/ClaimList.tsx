import { useEffect, useState } from 'react';
import type { SellerClaimRow } from '../../../../shared/perks.ts';
import { formatCountdown } from '../../../common/format.ts';
import { useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { filterClaimRows } from '../../store/claim-desk-reducers.ts';
import { selectClaimBusy, selectDropClaims } from '../../store/claim-desk-selectors.ts';
import { Chip } from '../ui.tsx';

const STATUS_TONE: Record<string, string> = { reserved: 'scheduled', confirmed: 'open', expired: 'ended', cancelled: 'ended' };

/**
 * Who reserved what in one drop: search by the reference the buyer reads out
 * (or their name), confirm or release a reservation, download the list as CSV.
 * Read when the card shows; kept current by the /host `claim` push.
 */
export function ClaimList({ dropId }: { dropId: string }) {
  const t = useT();
  const list = useHost(selectDropClaims(dropId));
  const { loadDropClaims, downloadClaimsCsv } = useActions();
  const [query, setQuery] = useState('');
  useEffect(() => {
    void loadDropClaims(dropId);
  }, [dropId, loadDropClaims]);
  const rows = filterClaimRows(list?.rows ?? [], query);
  const searchId = `claims-search-${dropId}`;

  return (
    <section className="claim-list" aria-labelledby={`claims-title-${dropId}`} data-testid="claim-list">
      <div className="claim-list-head">
        <h4 id={`claims-title-${dropId}`} className="subhead">
          {t('claims.listTitle')}
        </h4>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void downloadClaimsCsv(dropId)} data-testid="claims-csv">
          {t('claims.csv')}
        </button>
      </div>
      <label className="sr-only" htmlFor={searchId}>
        {t('claims.search')}
      </label>
      <input
        id={searchId}
        type="search"
        className="claim-search"
        value={query}
        placeholder={t('claims.search')}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
        data-testid="claims-search"
      />
      {!list || (list.status === 'loading' && list.rows.length === 0) ? (
        <p className="small muted">{t('claims.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="small muted">{query.trim() ? t('claims.noMatch', { q: query.trim() }) : t('claims.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="claim-table">
            <thead>
              <tr>
                <th scope="col">{t('claims.col.ref')}</th>
                <th scope="col">{t('claims.col.member')}</th>
                <th scope="col">{t('claims.col.shopId')}</th>
                <th scope="col">{t('claims.col.status')}</th>
                <th scope="col">{t('claims.col.left')}</th>
                <th scope="col">
                  <span className="sr-only">{t('claims.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ClaimRow key={row.claimId} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ClaimRow({ row }: { row: SellerClaimRow }) {
  const t = useT();
  const now = useServerNow();
  const busy = useHost(selectClaimBusy(row.claimId));
  const { confirmClaimRow, releaseClaim } = useActions();
  const lapsed = row.status === 'reserved' && row.expiresAt <= now;
  const status = lapsed ? 'expired' : row.status;
  return (
    <tr data-testid="claim-row" data-ref={row.checkoutRef} data-status={status}>
      <td className="mono">{row.checkoutRef}</td>
      <td>
        <bdi>{row.displayName ?? t('claims.erased')}</bdi>
        {row.handle && <span className="muted small"> @{row.handle}</span>}
      </td>
      <td className="mono small">{row.externalId ?? '—'}</td>
      <td>
        <Chip tone={STATUS_TONE[status] ?? 'ended'}>{t(`claims.status.${status}` as HostKey)}</Chip>
      </td>
      <td className="mono small">{status === 'reserved' ? formatCountdown(row.expiresAt - now) : '—'}</td>
      <td className="claim-actions">
        {status === 'reserved' && (
          <>
            <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void confirmClaimRow(row.claimId)} data-testid="claim-confirm">
              {t('claims.confirm')}
            </button>
            <button type="button" className="btn btn-danger-ghost btn-small" disabled={busy} onClick={() => void releaseClaim(row.claimId)} data-testid="claim-release">
              {t('claims.release')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
