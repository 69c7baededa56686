/**
 * A show's report (issue 15, `GET /api/streams/:id/report`): the show's
 * facts from the store — what ShowFactsRecorder wrote, its drops' claims,
 * its lotteries' entries, its members' orders and their other shows for
 * attribution — run through domain/insights/show-report.ts, with the
 * previous show's report for the change. Reads are bounded by the show's
 * audience, not by the whole history, and those that grow with it run in
 * the insights worker on the SQLite file (insights/audience-report.ts).
 */
import type { ShowReport } from '../../shared/insights.ts';
import type { Stream } from '../../shared/models.ts';
import { audienceReport, type ReportInput } from '../insights/audience-report.ts';
import type { InsightsWorker } from '../insights/insights-worker-client.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { RulesService } from './rules-service.ts';
import type { ShowFactsRecorder } from './show-facts-recorder.ts';
import type { StreamService } from './stream-service.ts';

export class ShowReportService {
  constructor(
    private readonly store: Store,
    private readonly worker: InsightsWorker,
    private readonly streams: StreamService,
    private readonly recorder: ShowFactsRecorder,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  async report(streamId: string): Promise<ShowReport> {
    // This process's last second of facts goes in first; other processes' arrive within their second.
    await this.recorder.flush();
    const stream = await this.streams.get(streamId);
    const previous = await this.previousShow(stream);
    return this.reportOf(stream, previous ? await this.reportOf(previous, null) : null);
  }

  private async reportOf(stream: Stream, previous: ShowReport | null): Promise<ShowReport> {
    const [rules, drops, lotteries] = await Promise.all([this.rules.get(), this.store.dropsOfStream(stream.id), this.store.lotteriesOfStream(stream.id)]);
    const [claimCounts, entries] = await Promise.all([
      Promise.all(drops.map((d) => this.store.claimCountsOfDrop(d.id))),
      Promise.all(lotteries.map((l) => this.store.lotteryEntries(l.id))),
    ]);
    const input: ReportInput = {
      stream: { id: stream.id, start: stream.startedAt ?? stream.createdAt, end: stream.endedAt ?? this.clock() },
      rule: rules.attribution,
      drops: {
        claims: sum(claimCounts.map((c) => c.reserved + c.confirmed)),
        paid: sum(claimCounts.map((c) => c.confirmed)),
        revenueCents: sum(drops.map((d, i) => claimCounts[i]!.confirmed * (d.memberPriceCents ?? d.priceCents))),
      },
      lotteryEntries: sum(entries.map((e) => e.length)),
      previous,
    };
    // The audience's reads grow with the show: on the SQLite file they run in the insights worker.
    return this.store.kind === 'mongo' ? audienceReport(this.store, input) : this.worker.showReport(input);
  }

  /** The show that started last before this one. */
  private async previousShow(stream: Stream): Promise<Stream | null> {
    const start = stream.startedAt ?? stream.createdAt;
    const earlier = (await this.streams.list()).filter((s) => s.id !== stream.id && s.startedAt !== null && s.startedAt < start);
    return earlier.sort((a, b) => b.startedAt! - a.startedAt!)[0] ?? null;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
