/**
 * The programme's KPIs as the host reads them (issue 15): which figures,
 * which small charts, and the table columns, per tier too. Each figure's
 * meaning is docs/INSIGHTS.md ("Programme KPIs"); labels are
 * `kpi.figure.<id>`, meanings `kpi.meaning.<id>`. Figures are said by kind
 * with the show report's formatting (show-report.ts formatFigure). Pure.
 */
import type { KpiRow } from '../../../shared/insights.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { HostDictionary, HostKey } from '../i18n.ts';
import { intervalLabel, type KpiInterval } from './kpi-range.ts';
import { formatFigure, type FigureKind } from './show-report.ts';

/** The KpiRow fields that are one number (or none: a rate without a denominator). */
export type KpiFigureId =
  | 'activeMembers'
  | 'returnRate'
  | 'superFanShare'
  | 'redemptionRate'
  | 'upgradeRate'
  | 'downgradeRate'
  | 'pointsIssued'
  | 'pointsSpent'
  | 'pointsExpired'
  | 'outstandingPoints';

/** Per tier: members at the interval's end, spend in it, repurchase rate of its buyers. */
export type KpiTierFigureId = 'tiers' | 'spendCents' | 'repurchaseRate';

/** A column of a KPI table: what it reads of a row, said as its kind. */
export interface KpiColumn {
  id: string;
  /** Its heading. */
  label: HostKey;
  kind: FigureKind;
  value: (row: KpiRow) => number | null;
}

const KINDS: Record<KpiFigureId, FigureKind> = {
  activeMembers: 'count',
  returnRate: 'rate',
  superFanShare: 'rate',
  redemptionRate: 'rate',
  upgradeRate: 'rate',
  downgradeRate: 'rate',
  pointsIssued: 'count',
  pointsSpent: 'count',
  pointsExpired: 'count',
  outstandingPoints: 'count',
};

export const KPI_FIGURES = Object.keys(KINDS) as KpiFigureId[];
export const KPI_TIER_FIGURES: Record<KpiTierFigureId, FigureKind> = { tiers: 'count', spendCents: 'money', repurchaseRate: 'rate' };

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const kpiColumn = (id: KpiFigureId): KpiColumn => ({ id, label: `kpi.figure.${id}`, kind: KINDS[id], value: (row) => finite(row[id]) });

/** One tier's figure (its heading is under the tier's name); a tier the row does not name has none (a rate) or zero (a count, money). */
export function tierColumn(figure: KpiTierFigureId, tierId: string): KpiColumn {
  const kind = KPI_TIER_FIGURES[figure];
  return {
    id: `${figure}.${tierId}`,
    label: `kpi.tier.${figure}`,
    kind,
    value: (row) => finite(row[figure][tierId]) ?? (kind === 'rate' ? null : 0),
  };
}

/** The programme table's columns, after the interval. */
export const PROGRAMME_COLUMNS: readonly KpiColumn[] = KPI_FIGURES.map(kpiColumn);

/** The tiers the rows name, in the rules' order first, then any others (a tier since removed) as they come. */
export function tierIdsOf(rows: readonly KpiRow[], ruleTierIds: readonly string[]): string[] {
  const ids = [...ruleTierIds];
  for (const row of rows) for (const id of [...Object.keys(row.tiers), ...Object.keys(row.spendCents)]) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export type KpiChartId = 'activeMembers' | 'returnRate' | 'superFanShare' | 'points' | 'outstandingPoints' | 'redemptionRate';

export interface KpiChartSpec {
  id: KpiChartId;
  /** 'rate': 0–100%; 'count': from zero to a round number above the highest. */
  kind: 'count' | 'rate';
  series: readonly KpiFigureId[];
}

/** The small charts, in order; titles `kpi.chart.<id>`. */
export const KPI_CHARTS: readonly KpiChartSpec[] = [
  { id: 'activeMembers', kind: 'count', series: ['activeMembers'] },
  { id: 'returnRate', kind: 'rate', series: ['returnRate'] },
  { id: 'superFanShare', kind: 'rate', series: ['superFanShare'] },
  { id: 'points', kind: 'count', series: ['pointsIssued', 'pointsSpent', 'pointsExpired'] },
  { id: 'outstandingPoints', kind: 'count', series: ['outstandingPoints'] },
  { id: 'redemptionRate', kind: 'rate', series: ['redemptionRate'] },
];

type T = Translate<HostDictionary>;

/** One series in words: its latest, highest and lowest figure, each with its interval; or that it has none. */
export function seriesSummary(t: T, figure: KpiFigureId, rows: readonly KpiRow[], interval: KpiInterval, locale: Locale): string {
  const column = kpiColumn(figure);
  const label = t(`kpi.figure.${figure}`);
  const known = rows.flatMap((row) => {
    const value = column.value(row);
    return value === null ? [] : [{ row, value }];
  });
  if (known.length === 0) return t('kpi.summary.none', { label });
  const pick = (better: (a: number, b: number) => boolean) => known.reduce((best, p) => (better(p.value, best.value) ? p : best));
  const value = (p: { value: number }) => formatFigure(t, column.kind, p.value, locale);
  const when = (p: { row: KpiRow }) => intervalLabel(p.row, interval, locale);
  const latest = known[known.length - 1]!;
  const high = pick((a, b) => a > b);
  const low = pick((a, b) => a < b);
  return t('kpi.summary.series', {
    label,
    latest: value(latest),
    latestWhen: when(latest),
    high: value(high),
    highWhen: when(high),
    low: value(low),
    lowWhen: when(low),
  });
}

/** A chart's text alternative: what it shows over which intervals, each series in words, and where every figure is. */
export function chartSummary(t: T, chart: KpiChartSpec, rows: readonly KpiRow[], interval: KpiInterval, locale: Locale): string {
  if (rows.length === 0) return t('kpi.summary.empty', { title: t(`kpi.chart.${chart.id}`) });
  const span = t(`kpi.summary.span.${interval}`, {
    title: t(`kpi.chart.${chart.id}`),
    first: intervalLabel(rows[0]!, interval, locale),
    last: intervalLabel(rows[rows.length - 1]!, interval, locale),
  });
  return [span, ...chart.series.map((figure) => seriesSummary(t, figure, rows, interval, locale)), t('kpi.summary.table')].join(' ');
}
