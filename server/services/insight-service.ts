/**
 * Insights that read the whole history (issue 15): the programme's KPIs and
 * the repurchase ranking.
 * The work runs in the insights worker; in MongoDB mode the app reads the
 * histories (asynchronously) and hands them over.
 */
import type { RepurchaseRanking } from '../insights/repurchase-ranking.ts';
import type { InsightsWorker } from '../insights/insights-worker-client.ts';
import type { Store } from '../store/store.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { Engine } from '../engine/engine.ts';
import type { Clock } from './clock.ts';
import type { RulesService } from './rules-service.ts';
import type { ShowFactsRecorder } from './show-facts-recorder.ts';

export class InsightService {
  constructor(
    private readonly store: Store,
    private readonly worker: InsightsWorker,
    private readonly recorder: ShowFactsRecorder,
    private readonly engine: Engine,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  /** The programme's KPIs per interval: swept in the worker (SQLite), or by the app streaming MongoDB's cursors. */
  async kpis(from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    await this.engine.flush(); // Redis mode: every entry in the store's ledger first
    const { timezone, tiers, superFan } = await this.rules.get();
    const rules = { timezone, tiers, superFan };
    return this.store.kind === 'mongo' ? this.store.kpiRows(rules, from, to, interval) : this.worker.kpis(rules, from, to, interval);
  }

  async repurchase(limit: number): Promise<RepurchaseRanking> {
    await this.recorder.flush();
    const histories = this.store.kind === 'mongo' ? await this.store.memberHistories() : undefined;
    return this.worker.repurchase(this.clock(), limit, histories);
  }
}
