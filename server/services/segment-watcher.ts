/**
 * segment.changed (issue 15): every SEGMENT_WATCH_SECONDS, each saved
 * segment's members are computed afresh (in the insights worker) and
 * compared with the members it had at the last evaluation; each member who
 * moved in or out is moved in the store by a conditional update, and only
 * the call that moved them announces it — so with several processes
 * evaluating at once, a move is announced once. Only saved segments are
 * followed: the host made them to follow (a CRM, a LINE audience); the
 * built-in segments are in the member list and its CSV.
 */
import { warnUnlessOutage } from '../dependency-state.ts';
import type { InsightsWorker } from '../insights/insights-worker-client.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { RulesService } from './rules-service.ts';

export class SegmentWatcher {
  private readonly ticker = new Periodic(() =>
    this.evaluate().then(
      () => undefined,
      (err) => warnUnlessOutage(this.log, err, {}, 'segment evaluation failed'),
    ),
  );

  constructor(
    private readonly store: Store,
    private readonly worker: InsightsWorker,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(everyMs: number): void {
    this.ticker.start(everyMs);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** One evaluation of every saved segment; the moves it announced. */
  async evaluate(): Promise<number> {
    const saved = await this.store.listSegments();
    if (saved.length === 0) return 0;
    const { timezone, tiers, superFan } = await this.rules.get();
    const rules = { timezone, tiers, superFan };
    const now = this.clock();
    const summaries = this.store.kind === 'mongo' ? await this.store.memberSummaries(rules, now) : undefined;
    const current = await this.worker.segmentMembers({ rules, now, segments: saved.map((s) => ({ id: s.id, filter: s.filter })), ...(summaries ? { summaries } : {}) });
    let announced = 0;
    for (const segment of saved) {
      const inside = new Set(current[segment.id] ?? []);
      const before = new Set(await this.store.segmentMemberIds(segment.id));
      const moves: Array<[string, boolean]> = [
        ...[...inside].filter((m) => !before.has(m)).map((m): [string, boolean] => [m, true]),
        ...[...before].filter((m) => !inside.has(m)).map((m): [string, boolean] => [m, false]),
      ];
      for (const [memberId, joins] of moves) {
        const at = this.clock();
        const move = await this.store.moveSegmentMember(segment.id, memberId, joins, at);
        if (move === null) continue;
        this.events.emit('segmentChanged', { segmentId: segment.id, name: segment.name, memberId, change: joins ? 'joined' : 'left', move, at });
        announced++;
      }
    }
    return announced;
  }
}
