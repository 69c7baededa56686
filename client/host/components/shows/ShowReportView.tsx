import { useEffect } from 'react';
import type { ShowReport } from '../../../../shared/insights.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { REPORT_FIGURES, REPORT_GROUPS, figureChange, figureValue, formatChange, formatFigure, type Figure } from '../../logic/show-report.ts';
import { formatTime } from '../../logic/time.ts';
import { selectAttribution, selectShowReportOf, selectStreamById } from '../../store/show-report-selectors.ts';
import { selectLocale } from '../../store/selectors.ts';
import { ReadGate } from '../ReadGate.tsx';
import { StreamStatus } from '../StreamStatus.tsx';
import { Panel } from '../ui.tsx';

/** While the show is live its report is read again this often; an ended show's is read once. */
const LIVE_REFRESH_MS = 10_000;

const figureId = (path: string) => path.replace(/\./g, '-');
const meaningId = (path: string) => `report-meaning-${figureId(path)}`;
const ARROWS = { up: '▲', down: '▼', same: '' } as const;

/**
 * A show's report (issue 15), over the shows list: headline figures, then
 * interactions, drops and lotteries, each with its change from the previous
 * show, and what each figure means. Read on opening, every 10 s while the
 * show is live, and once more when it ends.
 */
export function ShowReportView({ streamId }: { streamId: string }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const stream = useHost(selectStreamById(streamId));
  const read = useHost(selectShowReportOf(streamId));
  const { loadShowReport, openReport } = useActions();
  const live = stream?.status === 'live';

  // on opening, and when the show goes on or off air (an ended show's figures are read once more)
  useEffect(() => {
    void loadShowReport(streamId);
  }, [streamId, live, loadShowReport]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadShowReport(streamId, true);
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [streamId, live, loadShowReport]);

  const readAt = read.readAt === null ? '' : formatTime(read.readAt, locale, true);
  return (
    <div className="view" data-testid="show-report" data-stream-id={streamId} data-state={read.state}>
      <header className="view-head">
        <div className="view-title">
          <button type="button" className="btn btn-ghost btn-small report-back" onClick={() => openReport(null)}>
            <span aria-hidden="true">← </span>
            {t('report.back')}
          </button>
          <div className="title-row">
            <h1>{t('report.heading', { title: stream?.title ?? t('report.unknownShow') })}</h1>
            {stream && <StreamStatus stream={stream} />}
          </div>
          {stream && stream.status !== 'scheduled' && <p className="muted">{t(live ? 'report.liveNote' : 'report.endedNote')}</p>}
        </div>
        <div className="view-head-end">
          {read.readAt !== null && (
            <span className="small muted" data-testid="report-read-at">
              {t('report.readAt', { time: readAt })}
            </span>
          )}
          <button type="button" className="btn btn-secondary" onClick={() => void loadShowReport(streamId)} disabled={read.state === 'loading'}>
            {read.state === 'loading' && read.report ? t('report.refreshing') : t('report.refresh')}
          </button>
        </div>
      </header>
      <ReadGate read={{ state: read.state, value: read.report, readAt: read.readAt }} retry={() => void loadShowReport(streamId)} failed="report.loadFailed">
        {(report) => (
          <>
            <ReportFigures report={report} />
            <HowCounted />
          </>
        )}
      </ReadGate>
    </div>
  );
}

function ReportFigures({ report }: { report: ShowReport }) {
  const t = useT();
  return (
    <div className="report-groups">
      {REPORT_GROUPS.map((group) => (
        <Panel
          key={group.id}
          title={t(`report.group.${group.id}`)}
          titleId={`report-${group.id}-title`}
          subtitle={group.id === 'headline' ? t(report.change ? 'report.changeLead' : 'report.noPrevious') : undefined}
          className={`report-group report-${group.id}`}
        >
          <dl className="stats report-figures" aria-labelledby={`report-${group.id}-title`}>
            {group.figures.map((f) => (
              <FigureCard key={f.path} report={report} figure={f} />
            ))}
          </dl>
        </Panel>
      ))}
    </div>
  );
}

function FigureCard({ report, figure }: { report: ShowReport; figure: Figure }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const value = figureValue(report, figure.path);
  const change = figureChange(report, figure.path);
  const shown = change === null ? null : formatChange(t, figure.kind, change, locale);
  const sub =
    figure.path !== 'conversionRate'
      ? null
      : report.guests > 0
        ? t('report.conversionSub', { count: report.guests, converted: report.guestsConverted })
        : t('report.noGuests');
  return (
    <div className="stat report-figure" data-testid="report-figure" data-figure={figure.path} data-value={value ?? ''}>
      <dt>{t(`report.figure.${figure.path}` as HostKey)}</dt>
      <dd data-testid="report-value" aria-describedby={meaningId(figure.path)}>
        {formatFigure(t, figure.kind, value, locale)}
      </dd>
      {sub && <dd className="stat-sub">{sub}</dd>}
      {shown && (
        <dd className={`report-change is-${shown.direction}`} data-testid="report-change" data-change={change ?? ''}>
          {ARROWS[shown.direction] && <span aria-hidden="true">{ARROWS[shown.direction]} </span>}
          {shown.text}
          <span className="sr-only"> {t('report.sincePrevious')}</span>
        </dd>
      )}
    </div>
  );
}

/** One line per figure (docs/INSIGHTS.md), and the attribution rule in force; each card points at its line. */
function HowCounted() {
  const t = useT();
  const attribution = useHost(selectAttribution);
  return (
    <details className="panel report-how" data-testid="report-how">
      <summary>
        <h2>{t('report.howCounted')}</h2>
      </summary>
      <p className="panel-sub">{t('report.howCountedLead')}</p>
      <dl className="report-meanings">
        {REPORT_FIGURES.map((f) => (
          <div key={f.path}>
            <dt>{t(`report.figure.${f.path}` as HostKey)}</dt>
            <dd id={meaningId(f.path)}>{t(`report.meaning.${f.path}` as HostKey)}</dd>
          </div>
        ))}
      </dl>
      {attribution && (
        <p className="small muted" data-testid="report-attribution">
          {t('rules.attribution.sentence', { minutes: attribution.minWatchMinutes, hours: attribution.windowHours })}
        </p>
      )}
    </details>
  );
}
