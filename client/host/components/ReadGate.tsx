import type { ReactNode } from 'react';
import { useHost, useT } from '../hooks.ts';
import type { HostKey } from '../i18n.ts';
import { formatTime } from '../logic/time.ts';
import type { Read } from '../store/read.ts';
import { selectLocale } from '../store/selectors.ts';

/**
 * What a screen shows of figures read on demand (store/read.ts: a show's
 * report, the insights): loading until the first answer, `failed` and a
 * retry when it failed with nothing to show, otherwise the value — with a
 * line saying the figures are older when a refresh failed.
 */
export function ReadGate<T>({
  read,
  retry,
  failed = 'insights.loadFailed',
  children,
}: {
  read: Read<T>;
  retry: () => void;
  failed?: HostKey;
  children: (value: T) => ReactNode;
}) {
  const t = useT();
  const locale = useHost(selectLocale);
  if (read.value === null) {
    return read.state === 'error' ? (
      <div className="report-failed" role="alert">
        <p>{t(failed)}</p>
        <button type="button" className="btn btn-primary" onClick={retry}>
          {t('report.retry')}
        </button>
      </div>
    ) : (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <>
      {read.state === 'error' && read.readAt !== null && (
        <p className="banner" role="status">
          {t('report.refreshFailed', { time: formatTime(read.readAt, locale, true) })}
        </p>
      )}
      {children(read.value)}
    </>
  );
}

/** When the figures were read, and a button to read them again. */
export function ReadStamp<T>({ read, refresh }: { read: Read<T>; refresh: () => void }) {
  const t = useT();
  const locale = useHost(selectLocale);
  return (
    <>
      {read.readAt !== null && (
        <span className="small muted" data-testid="insights-read-at">
          {t('report.readAt', { time: formatTime(read.readAt, locale, true) })}
        </span>
      )}
      <button type="button" className="btn btn-secondary btn-small" onClick={refresh} disabled={read.state === 'loading'}>
        {read.state === 'loading' && read.value ? t('report.refreshing') : t('report.refresh')}
      </button>
    </>
  );
}
