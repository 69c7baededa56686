import { useEffect, useState } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { KPI_INTERVALS, defaultKpiRange, kpiRangeProblem, type KpiRange } from '../../logic/kpi-range.ts';
import { selectTimeZone } from '../../store/insights-selectors.ts';
import { TextField } from '../ui.tsx';

/**
 * The KPIs' range and interval: two dates (read as soon as both make a
 * range the server takes; otherwise the field says why), day / week /
 * month, and a way back to the last 12 weeks.
 */
export function KpiRangeForm({ range }: { range: KpiRange }) {
  const t = useT();
  const timeZone = useHost(selectTimeZone);
  const { loadKpis } = useActions();
  const [draft, setDraft] = useState(range);
  useEffect(() => setDraft(range), [range]);
  const problem = kpiRangeProblem(draft);

  const edit = (field: 'from' | 'to', value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    if (!kpiRangeProblem(next)) void loadKpis(next);
  };
  return (
    <div className="kpi-range" data-testid="kpi-range">
      {(['from', 'to'] as const).map((field) => (
        <TextField
          key={field}
          id={`kpi-${field}`}
          type="date"
          label={t(`kpi.range.${field}`)}
          value={draft[field]}
          onChange={(value) => edit(field, value)}
          problem={problem?.field === field ? problem.problem : undefined}
          testId={`kpi-${field}`}
        />
      ))}
      <div className="field">
        <span className="field-label" id="kpi-interval-label">
          {t('kpi.range.interval')}
        </span>
        <div className="segmented" role="group" aria-labelledby="kpi-interval-label">
          {KPI_INTERVALS.map((interval) => (
            <button key={interval} type="button" aria-pressed={interval === range.interval} onClick={() => void loadKpis({ ...range, interval })}>
              {t(`kpi.interval.${interval}`)}
            </button>
          ))}
        </div>
      </div>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => void loadKpis(defaultKpiRange(Date.now(), timeZone ?? undefined))}>
        {t('kpi.range.lastWeeks')}
      </button>
    </div>
  );
}
