/**
 * The programme's KPIs (issue 15, `GET /api/insights/kpis`), read when the
 * Insights view opens and whenever the host picks another range or
 * interval. The rows are kept with the range they answer, so a table never
 * labels one interval's rows with another's.
 */
import type { KpiRow } from '../../../shared/insights.ts';
import { defaultKpiRange, kpisQuery, type KpiRange } from '../logic/kpi-range.ts';
import type { Slice } from './index.ts';
import { UNREAD, newestRead, type Read } from './read.ts';

export interface KpisRead {
  range: KpiRange;
  rows: KpiRow[];
}

export interface KpisSlice {
  /** The range asked for last; null until the KPIs are first read. */
  kpiRange: KpiRange | null;
  kpis: Read<KpisRead>;
  /** Reads the KPIs for `range`; without one, the range asked for last, else the last 12 weeks in the rules' time zone. */
  loadKpis(range?: KpiRange): Promise<void>;
}

export const createKpisSlice: Slice<KpisSlice> = (deps) => (set, get) => {
  const read = newestRead<KpisRead>(
    deps,
    get,
    () => get().kpis,
    (kpis) => set({ kpis }),
    'insights:kpis',
  );
  return {
    kpiRange: null,
    kpis: UNREAD,
    async loadKpis(range) {
      const asked = range ?? get().kpiRange ?? defaultKpiRange(deps.now(), get().rules?.timezone);
      set({ kpiRange: asked });
      await read(async (t) => ({ range: asked, rows: (await deps.api.kpis(t, kpisQuery(asked))).rows }));
    },
  };
};
