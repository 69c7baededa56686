import { useEffect } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { KPI_CHARTS, KPI_FIGURES, KPI_TIER_FIGURES, type KpiTierFigureId } from '../../logic/kpis.ts';
import { selectKpiRange, selectKpis, selectTimeZone } from '../../store/insights-selectors.ts';
import { selectRulesStatus } from '../../store/selectors.ts';
import { Panel } from '../ui.tsx';
import { KpiChart } from './KpiChart.tsx';
import { KpiRangeForm } from './KpiRangeForm.tsx';
import { KpiTables } from './KpiTables.tsx';
import { ReadGate, ReadStamp } from '../ReadGate.tsx';

/**
 * The programme's KPIs (issue 15): a range and interval (by default the
 * last 12 weeks, weekly, in the rules' time zone), a small chart per
 * figure, every figure in tables, and what each one means. Read once the
 * rules say which time zone the days are in.
 */
export function KpisPanel() {
  const t = useT();
  const range = useHost(selectKpiRange);
  const kpis = useHost(selectKpis);
  const timeZone = useHost(selectTimeZone);
  const rulesFailed = useHost(selectRulesStatus) === 'error';
  const { loadKpis } = useActions();
  const ready = timeZone !== null || rulesFailed;
  useEffect(() => {
    if (ready) void loadKpis();
  }, [ready, loadKpis]);

  return (
    <>
      <Panel
        title={t('kpi.title')}
        titleId="kpi-title"
        subtitle={timeZone ? t('kpi.timeZone', { zone: timeZone }) : undefined}
        actions={<ReadStamp read={kpis} refresh={() => void loadKpis()} />}
        className="kpi-controls"
      >
        {range && <KpiRangeForm range={range} />}
      </Panel>
      <ReadGate read={kpis} retry={() => void loadKpis()}>
        {({ range: shown, rows }) => (
          <div className="kpi-body" data-testid="kpis" data-from={shown.from} data-to={shown.to} data-interval={shown.interval} aria-busy={kpis.state === 'loading'}>
            {rows.length === 0 ? (
              <p className="muted">{t('kpi.empty')}</p>
            ) : (
              <>
                <div className="kpi-charts">
                  {KPI_CHARTS.map((chart) => (
                    <KpiChart key={chart.id} chart={chart} rows={rows} interval={shown.interval} />
                  ))}
                </div>
                <KpiTables rows={rows} interval={shown.interval} />
              </>
            )}
            <KpiMeanings />
          </div>
        )}
      </ReadGate>
    </>
  );
}

/** Each figure's label and meaning (docs/INSIGHTS.md "Programme KPIs"). */
const MEANINGS: ReadonlyArray<readonly [HostKey, HostKey]> = [
  ...KPI_FIGURES.map((f) => [`kpi.figure.${f}`, `kpi.meaning.${f}`] as const),
  ...(Object.keys(KPI_TIER_FIGURES) as KpiTierFigureId[]).map((f) => [`kpi.tier.${f}`, `kpi.meaning.${f}`] as const),
];

function KpiMeanings() {
  const t = useT();
  return (
    <details className="panel report-how" data-testid="kpi-how">
      <summary>
        <h2>{t('report.howCounted')}</h2>
      </summary>
      <p className="panel-sub">{t('kpi.howCountedLead')}</p>
      <dl className="report-meanings">
        {MEANINGS.map(([label, meaning]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{t(meaning)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
