/**
 * Every KPI figure as a table, one row per interval: the programme's
 * figures, then per tier — members at the interval's end, spend, repurchase
 * rate — under a heading per tier. The charts' full text alternative.
 */
import type { KpiRow } from '../../../../shared/insights.ts';
import { useHost, useT } from '../../hooks.ts';
import { intervalLabel, type KpiInterval } from '../../logic/kpi-range.ts';
import { KPI_TIER_FIGURES, PROGRAMME_COLUMNS, tierColumn, tierIdsOf, type KpiColumn, type KpiTierFigureId } from '../../logic/kpis.ts';
import { formatFigure } from '../../logic/show-report.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { Panel } from '../ui.tsx';

const TIER_FIGURES = Object.keys(KPI_TIER_FIGURES) as KpiTierFigureId[];

interface Group {
  label: string;
  span: number;
}

export function KpiTables({ rows, interval }: { rows: KpiRow[]; interval: KpiInterval }) {
  const t = useT();
  const tiers = useHost(selectTiers);
  const names = new Map(tiers.map((tier) => [tier.id, tier.name]));
  const tierIds = tierIdsOf(rows, tiers.map((tier) => tier.id));
  const tierColumns = tierIds.flatMap((id) => TIER_FIGURES.map((figure) => tierColumn(figure, id)));
  return (
    <>
      <KpiTable
        id="kpi-programme"
        caption={t('kpi.table.programme')}
        rows={rows}
        interval={interval}
        columns={PROGRAMME_COLUMNS}
      />
      <KpiTable
        id="kpi-tiers"
        caption={t('kpi.table.tiers')}
        rows={rows}
        interval={interval}
        columns={tierColumns}
        groups={tierIds.map((id) => ({ label: names.get(id) ?? id, span: TIER_FIGURES.length }))}
      />
    </>
  );
}

function KpiTable(p: { id: string; caption: string; rows: KpiRow[]; interval: KpiInterval; columns: readonly KpiColumn[]; groups?: Group[] }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const intervalHead = t(`kpi.interval.${p.interval}`);
  return (
    <Panel title={p.caption} titleId={`${p.id}-title`} className="kpi-table-panel">
      <div className="table-scroll">
        <table className="claim-table kpi-table" data-testid={p.id} aria-labelledby={`${p.id}-title`}>
          <thead>
            {p.groups && (
              <tr>
                <td />
                {p.groups.map((g) => (
                  <th key={g.label} scope="colgroup" colSpan={g.span} className="kpi-group">
                    {g.label}
                  </th>
                ))}
              </tr>
            )}
            <tr>
              <th scope="col">{intervalHead}</th>
              {p.columns.map((c) => (
                <th key={c.id} scope="col">
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr key={row.from} data-from={row.from}>
                <th scope="row">{intervalLabel(row, p.interval, locale)}</th>
                {p.columns.map((c) => {
                  const value = c.value(row);
                  return (
                    <td key={c.id} data-testid="kpi-cell" data-column={c.id} data-value={value ?? ''}>
                      {formatFigure(t, c.kind, value, locale)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
