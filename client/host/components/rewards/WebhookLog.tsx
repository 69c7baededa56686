import { useEffect } from 'react';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import { deliveryState, deliveryStatusText, hasPending, logTime, shortDeliveryId, type WebhookDelivery } from '../../logic/webhook-log.ts';
import { selectWebhookLog } from '../../store/rewards-selectors.ts';
import { selectLocale } from '../../store/selectors.ts';
import { Panel } from '../ui.tsx';

/** While a delivery is still on its way the log is read again this often. */
const PENDING_REFRESH_MS = 5_000;

/**
 * What the server sent the shop (outbound webhooks: reward.redeemed,
 * reward.rejected, tier.changed), newest first: delivered, being retried (and
 * why), or waiting. Read on opening and on Refresh; while something is still
 * on its way, every few seconds by itself.
 */
export function WebhookLog() {
  const t = useT();
  const log = useHost(selectWebhookLog);
  const { loadWebhookLog } = useActions();
  const pending = hasPending(log.deliveries);

  useEffect(() => {
    void loadWebhookLog();
  }, [loadWebhookLog]);

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadWebhookLog(true);
    }, PENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, loadWebhookLog]);

  return (
    <div data-testid="webhook-log" data-state={log.state}>
      <Panel
        title={
          <>
            {t('webhooks.title')} <span className="count">{log.deliveries.length}</span>
          </>
        }
        titleId="webhook-log-title"
        subtitle={t('webhooks.lead')}
        className="webhook-log"
        actions={
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void loadWebhookLog()}
            disabled={log.state === 'loading'}
            data-testid="webhook-log-refresh"
          >
            {log.state === 'loading' ? t('webhooks.refreshing') : t('webhooks.refresh')}
          </button>
        }
      >
        <div aria-busy={log.state === 'loading'}>
          {log.readAt === null ? (
            <p className="small muted" role="status">
              {log.state === 'error' ? t('webhooks.loadFailed') : t('common.loading')}
            </p>
          ) : log.deliveries.length === 0 ? (
            <div className="webhook-empty" data-testid="webhook-log-empty">
              <p className="small">
                <strong>{t('webhooks.emptyTitle')}</strong>
              </p>
              <p className="small muted">{t('webhooks.emptyBody')}</p>
            </div>
          ) : (
            <>
              {log.state === 'error' && (
                <p className="small muted" role="status">
                  {t('webhooks.loadFailed')}
                </p>
              )}
              <DeliveryTable rows={log.deliveries} />
            </>
          )}
        </div>
      </Panel>
    </div>
  );
}

function DeliveryTable({ rows }: { rows: WebhookDelivery[] }) {
  const t = useT();
  // server time: nextAttemptAt and deliveredAt are the server's clock
  const now = useServerNow(1000);
  return (
    <div className="table-scroll">
      <table className="claim-table webhook-table">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.col.type')}</th>
            <th scope="col">{t('webhooks.col.id')}</th>
            <th scope="col">{t('webhooks.col.created')}</th>
            <th scope="col">{t('webhooks.col.attempts')}</th>
            <th scope="col">{t('webhooks.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <DeliveryRow key={row.id} row={row} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeliveryRow({ row, now }: { row: WebhookDelivery; now: number }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const state = deliveryState(row, now);
  return (
    <tr data-testid="webhook-row" data-delivery-id={row.id} data-type={row.type} data-status={state.state}>
      <td className="mono small">{row.type}</td>
      <td className="mono small" title={row.id}>
        {shortDeliveryId(row.id, row.type)}
      </td>
      <td className="small">{logTime(row.createdAt, now, locale)}</td>
      <td className="mono small">{formatNumber(row.attempts, locale)}</td>
      <td className={`small webhook-status webhook-status-${state.state}`} title={state.state === 'retrying' && state.error ? state.error : undefined} data-testid="webhook-status">
        {deliveryStatusText(t, row, now, locale)}
      </td>
    </tr>
  );
}
