import type { Redemption, RedemptionStatus } from '../../../../shared/rewards.ts';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { shortMemberId } from '../../logic/redemptions.ts';
import { formatDateTime } from '../../logic/time.ts';
import { selectRedemptionBusy, selectRedemptionQueue, selectRewards } from '../../store/rewards-selectors.ts';
import { selectLocale } from '../../store/selectors.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { Chip, Panel, SelectField } from '../ui.tsx';

const STATUSES: RedemptionStatus[] = ['pending', 'fulfilled', 'rejected'];
const STATUS_TONE: Record<RedemptionStatus, string> = { pending: 'scheduled', fulfilled: 'open', rejected: 'ended' };

/**
 * Redemptions to hand over, oldest first: fulfil once the item is on its way,
 * or reject (the member's points come back). Any status can be looked at and
 * downloaded as shown. New redemptions arrive by the /host push.
 */
export function RedemptionQueue() {
  const t = useT();
  const queue = useHost(selectRedemptionQueue);
  const { loadRedemptions, downloadRedemptionsCsv } = useActions();
  return (
    <Panel
      title={
        <>
          {t('redemptions.title')} <span className="count">{queue.rows.length}</span>
        </>
      }
      titleId="redemptions-title"
      subtitle={t('redemptions.lead')}
      className="redemption-queue"
      actions={
        <>
          <SelectField
            id="redemptions-status"
            label={t('redemptions.show')}
            value={queue.status}
            onChange={(status) => void loadRedemptions(status as RedemptionStatus)}
            options={STATUSES.map((s) => ({ value: s, label: t(`redemptions.status.${s}` as HostKey) }))}
            className="field-inline"
            testId="redemptions-status"
          />
          <button type="button" className="btn btn-ghost btn-small" onClick={downloadRedemptionsCsv} disabled={queue.rows.length === 0} data-testid="redemptions-csv">
            {t('claims.csv')}
          </button>
        </>
      }
    >
      <div data-testid="redemption-queue" data-status={queue.status}>
        {queue.state !== 'ready' && queue.rows.length === 0 ? (
          <p className="small muted" role="status">
            {queue.state === 'error' ? t('redemptions.loadFailed') : t('common.loading')}
          </p>
        ) : queue.rows.length === 0 ? (
          <p className="small muted">{t(`redemptions.empty.${queue.status}` as HostKey)}</p>
        ) : (
          <RedemptionTable rows={queue.rows} />
        )}
      </div>
    </Panel>
  );
}

function RedemptionTable({ rows }: { rows: Redemption[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="claim-table redemption-table">
        <thead>
          <tr>
            <th scope="col">{t('redemptions.col.when')}</th>
            <th scope="col">{t('claims.col.member')}</th>
            <th scope="col">{t('redemptions.col.reward')}</th>
            <th scope="col">{t('redemptions.col.points')}</th>
            <th scope="col">{t('redemptions.col.code')}</th>
            <th scope="col">{t('claims.col.status')}</th>
            <th scope="col">
              <span className="sr-only">{t('claims.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <RedemptionRow key={row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RedemptionRow({ row }: { row: Redemption }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const title = useHost(selectRewards).find((r) => r.id === row.rewardId)?.title ?? null;
  return (
    <tr data-testid="redemption-row" data-redemption-id={row.id} data-status={row.status}>
      <td className="small">{formatDateTime(row.createdAt, locale)}</td>
      <td className="mono small" title={row.memberId}>
        {shortMemberId(row.memberId)}
      </td>
      <td>{title ? <bdi>{title}</bdi> : <span className="muted mono small">{shortMemberId(row.rewardId)}</span>}</td>
      <td className="mono small">{formatNumber(row.pricePoints, locale)}</td>
      <td className="mono small">{row.code ?? '—'}</td>
      <td>
        <Chip tone={STATUS_TONE[row.status]}>{t(`redemptions.status.${row.status}` as HostKey)}</Chip>
      </td>
      <td className="claim-actions">{row.status === 'pending' && <SettleButtons row={row} title={title ?? row.rewardId} />}</td>
    </tr>
  );
}

function SettleButtons({ row, title }: { row: Redemption; title: string }) {
  const t = useT();
  const busy = useHost(selectRedemptionBusy(row.id));
  const { fulfilRedemption, rejectRedemption } = useActions();
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void fulfilRedemption(row.id)} data-testid="redemption-fulfil">
        {t('redemptions.fulfil')}
      </button>
      <ConfirmButton
        className="btn btn-danger-ghost btn-small"
        disabled={busy}
        testId="redemption-reject"
        title={t('redemptions.rejectConfirm.title', { title })}
        message={t('redemptions.rejectConfirm.body', { points: row.pricePoints })}
        confirmLabel={t('redemptions.reject')}
        onConfirm={() => void rejectRedemption(row.id)}
      >
        {t('redemptions.reject')}
      </ConfirmButton>
    </>
  );
}
