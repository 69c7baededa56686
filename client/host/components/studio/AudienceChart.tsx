/**
 * Viewers and members over the last minutes, from the /host `stats` pushes:
 * inline SVG, no chart library. The plot stretches to its box (non-scaling
 * strokes); labels are HTML so text never distorts.
 */
import { formatNumber } from '../../../common/format.ts';
import { useHost, useT } from '../../hooks.ts';
import type { StatsSample } from '../../store/reducers.ts';
import { chartPaths, niceCeiling } from './chart-geometry.ts';
import { selectLocale } from '../../store/selectors.ts';

export const CHART_WINDOW_MS = 5 * 60_000;
const W = 600;
const H = 200;

export function AudienceChart({ history }: { history: StatsSample[] }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const last = history[history.length - 1];
  if (!last || history.length < 2) {
    return (
      <div className="chart chart-empty" role="status">
        <p className="muted">{t('chart.waiting')}</p>
      </div>
    );
  }
  // early in a show the window grows minute by minute up to five, so the line fills the chart
  const minutes = Math.min(CHART_WINDOW_MS / 60_000, Math.max(1, Math.ceil((last.at - history[0]!.at) / 60_000)));
  const end = last.at;
  const start = end - minutes * 60_000;
  const visible = history.filter((s) => s.at >= start);
  const peak = Math.max(...visible.map((s) => s.viewers));
  const top = niceCeiling(peak);
  const viewers = chartPaths(visible, (s) => s.viewers, { start, end, top, width: W, height: H });
  const members = chartPaths(visible, (s) => s.members, { start, end, top, width: W, height: H });
  const ticks = [top, top / 2, 0];
  const summary = t('chart.summary', {
    minutes,
    viewers: formatNumber(last.viewers, locale),
    members: formatNumber(last.members, locale),
    peak: formatNumber(peak, locale),
  });

  return (
    <figure className="chart">
      <div className="chart-legend" aria-hidden="true">
        <span className="legend legend-viewers">{t('stats.viewers')}</span>
        <span className="legend legend-members">{t('stats.members')}</span>
        <span className="legend-peak">{t('chart.peak', { n: formatNumber(peak, locale) })}</span>
      </div>
      <div className="chart-body">
        <div className="chart-y" aria-hidden="true">
          {ticks.map((v) => (
            <span key={v}>{formatNumber(v, locale)}</span>
          ))}
        </div>
        <div className="chart-plot">
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary}>
            <defs>
              <linearGradient id="viewers-fill" x1="0" x2="0" y1="0" y2="1">
                <stop offset="0%" stopColor="var(--viewers)" stopOpacity="0.35" />
                <stop offset="100%" stopColor="var(--viewers)" stopOpacity="0" />
              </linearGradient>
            </defs>
            {ticks.map((v) => (
              <line key={v} x1="0" x2={W} y1={H - (v / top) * H} y2={H - (v / top) * H} className="grid-line" vectorEffect="non-scaling-stroke" />
            ))}
            <path d={viewers.area} fill="url(#viewers-fill)" />
            <path d={viewers.line} className="line-viewers" vectorEffect="non-scaling-stroke" />
            <path d={members.line} className="line-members" vectorEffect="non-scaling-stroke" />
          </svg>
        </div>
      </div>
      <figcaption className="chart-x" aria-hidden="true">
        <span>{t('chart.minutesAgo', { n: minutes })}</span>
        <span>{t('chart.now')}</span>
      </figcaption>
    </figure>
  );
}
