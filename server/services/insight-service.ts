/**
 * Insights that read the whole history (issue 15): the programme's KPIs and
 * the repurchase ranking.
 * The work runs in the insights worker; in MongoDB mode the app reads the
 * histories (asynchronously) and hands them over.
 */
import type { RepurchaseRanking } from '../insights/repurchase-ranking.ts';
import type { InsightsWorker } from '../insights/insights-worker-client.ts';
import type { Store } from '../store/store.ts';
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import { BUILT_IN_SEGMENTS, type BuiltInSegment, type CreateSegmentBody, type KpiRow, type MembersQuery, type SavedSegment, type SegmentFilter } from '../../shared/insights.ts';
import type { MemberPage } from '../domain/insights/member-list.ts';
import { AppError } from '../errors.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { Engine } from '../engine/engine.ts';
import type { Clock } from './clock.ts';
import type { RulesService } from './rules-service.ts';
import type { ShowFactsRecorder } from './show-facts-recorder.ts';

/** Ledger entries from which the facts are built at boot rather than on first use. */
const WARM_AT_BOOT_FROM = 100_000;

export class InsightService {
  constructor(
    private readonly store: Store,
    private readonly worker: InsightsWorker,
    private readonly recorder: ShowFactsRecorder,
    private readonly engine: Engine,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  /** The programme's KPIs per interval: from the worker's facts (SQLite), or folded by the app from MongoDB's cursors. */
  async kpis(from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    await this.engine.flush(); // Redis mode: every entry in the store's ledger first
    const { timezone, tiers, superFan } = await this.rules.get();
    const rules = { timezone, tiers, superFan };
    return this.store.kind === 'mongo' ? this.store.kpiRows(rules, from, to, interval) : this.worker.kpis(rules, from, to, interval);
  }

  /**
   * A large history's facts are built in the worker at boot (about 20 s for
   * ten million entries, off the event loop), so the first KPIs or member list
   * after a restart answers as fast as the rest; a small one is built on first
   * use in a fraction of a second.
   */
  async warm(): Promise<void> {
    if (this.store.kind === 'mongo' || (await this.store.ledgerSize()) < WARM_AT_BOOT_FROM) return;
    await this.worker.warm((await this.rules.get()).timezone);
  }

  /** A page of the member list (or every matching row as CSV): a built-in or saved segment, search, tier, order. */
  async members(query: MembersQuery): Promise<MemberPage | string> {
    await this.engine.flush();
    await this.recorder.flush();
    const { timezone, tiers, superFan } = await this.rules.get();
    const rules = { timezone, tiers, superFan };
    const filter = await this.filterOf(query);
    const now = this.clock();
    const summaries = this.store.kind === 'mongo' ? await this.store.memberSummaries(rules, now) : undefined;
    return this.worker.members({ rules, now, filter, sort: query.sort, offset: query.offset, limit: query.limit, csv: query.format === 'csv', ...(summaries ? { summaries } : {}) });
  }

  async saveSegment(body: CreateSegmentBody): Promise<SavedSegment> {
    const segment: SavedSegment = { id: randomUUID(), name: body.name, filter: body.filter, createdAt: this.clock() };
    await this.store.putSegment(segment);
    return segment;
  }

  async segments(): Promise<{ builtIn: readonly string[]; saved: SavedSegment[] }> {
    return { builtIn: BUILT_IN_SEGMENTS, saved: await this.store.listSegments() };
  }

  /** The query's conditions as one filter: its segment (built-in, or a saved one's filter) with its search and tier. */
  private async filterOf(query: MembersQuery): Promise<SegmentFilter> {
    let filter: SegmentFilter = {};
    if (query.segment) {
      if ((BUILT_IN_SEGMENTS as readonly string[]).includes(query.segment)) filter = { segments: [query.segment as BuiltInSegment] };
      else {
        const saved = await this.store.segmentById(query.segment);
        if (!saved) throw new AppError(ErrorCode.NOT_FOUND, 'segment not found', 'segment');
        filter = { ...saved.filter };
      }
    }
    if (query.search) filter.search = query.search;
    // A tier asked for narrows a saved segment's tiers (both must hold), or is the only one.
    if (query.tier) filter.tiers = filter.tiers ? filter.tiers.filter((t) => t === query.tier) : [query.tier];
    return filter;
  }

  async repurchase(limit: number): Promise<RepurchaseRanking> {
    await this.recorder.flush();
    const histories = this.store.kind === 'mongo' ? await this.store.memberHistories() : undefined;
    return this.worker.repurchase(this.clock(), limit, histories);
  }
}
