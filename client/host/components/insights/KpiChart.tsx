/**
 * One small KPI chart: inline SVG, no chart library, one line per series
 * over the intervals, a dot on every interval that has a figure. The plot
 * scales evenly with its box (dots stay round); labels are HTML, the axis's
 * placed over the plot's own height. The SVG's
 * text alternative says the range and each series' latest, highest and
 * lowest figure; the tables below hold every one.
 */
import type { KpiRow } from '../../../../shared/insights.ts';
import { useHost, useT } from '../../hooks.ts';
import { intervalLabel, type KpiInterval } from '../../logic/kpi-range.ts';
import { chartSummary, kpiColumn, type KpiChartSpec } from '../../logic/kpis.ts';
import { formatFigure } from '../../logic/show-report.ts';
import { selectLocale } from '../../store/selectors.ts';
import { axisTop, dotsOf, linePath, plotPoints } from './kpi-chart-geometry.ts';

const BOX = { width: 320, height: 120 };

export function KpiChart({ chart, rows, interval }: { chart: KpiChartSpec; rows: KpiRow[]; interval: KpiInterval }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const series = chart.series.map((figure, i) => ({ figure, tone: `kpi-series-${i}`, values: rows.map(kpiColumn(figure).value) }));
  const top = axisTop(chart.kind, series.flatMap((s) => s.values));
  const say = (v: number | null) => formatFigure(t, chart.kind, v, locale);
  const titleId = `kpi-chart-${chart.id}`;
  return (
    <figure className="panel kpi-chart" data-testid="kpi-chart" data-chart={chart.id} aria-labelledby={titleId}>
      <h3 id={titleId}>{t(`kpi.chart.${chart.id}`)}</h3>
      <ul className="kpi-legend">
        {series.map((s) => {
          const latest = s.values[s.values.length - 1] ?? null;
          return (
            <li key={s.figure} data-testid="kpi-latest" data-figure={s.figure} data-value={latest ?? ''}>
              <span className={`kpi-mark ${s.tone}`} aria-hidden="true" />
              {chart.series.length > 1 && `${t(`kpi.figure.${s.figure}`)} `}
              <strong>{say(latest)}</strong>
            </li>
          );
        })}
      </ul>
      <div className="kpi-plot">
        {[top, top / 2, 0].map((v) => (
          <span key={v} className="kpi-tick" style={{ top: `${(1 - v / top) * 100}%` }} aria-hidden="true">
            {say(v)}
          </span>
        ))}
        <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={chartSummary(t, chart, rows, interval, locale)}>
          {[0, BOX.height / 2, BOX.height].map((y) => (
            <line key={y} x1="0" x2={BOX.width} y1={y} y2={y} className="grid-line" />
          ))}
          {/* the first series drawn last: on top where lines meet */}
          {[...series].reverse().map((s) => {
            const points = plotPoints(s.values, top, BOX);
            return (
              <g key={s.figure} className={s.tone}>
                <path d={linePath(points)} className="kpi-line" />
                {dotsOf(points).map((p) => (
                  <circle key={p.index} cx={p.x} cy={p.y} r="2.6" />
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      {rows.length > 0 && (
        <div className="chart-x" aria-hidden="true">
          <span>{intervalLabel(rows[0]!, interval, locale)}</span>
          <span>{intervalLabel(rows[rows.length - 1]!, interval, locale)}</span>
        </div>
      )}
    </figure>
  );
}
