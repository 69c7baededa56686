/**
 * Insights that read the whole history (issue 15): the repurchase ranking.
 * The work runs in the insights worker; in MongoDB mode the app reads the
 * histories (asynchronously) and hands them over.
 */
import type { RepurchaseRanking } from '../insights/repurchase-ranking.ts';
import type { InsightsWorker } from '../insights/insights-worker-client.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { ShowFactsRecorder } from './show-facts-recorder.ts';

export class InsightService {
  constructor(
    private readonly store: Store,
    private readonly worker: InsightsWorker,
    private readonly recorder: ShowFactsRecorder,
    private readonly clock: Clock,
  ) {}

  async repurchase(limit: number): Promise<RepurchaseRanking> {
    await this.recorder.flush();
    const histories = this.store.kind === 'mongo' ? await this.store.memberHistories() : undefined;
    return this.worker.repurchase(this.clock(), limit, histories);
  }
}
