/**
 * Records what happens in each show for its report (issue 15): members'
 * credited watch time and interactions there, viewers as they arrive
 * (members, and guest connections), guests who sign up or in, and the most
 * viewers at once. Events are folded in memory and written once a second in
 * one store call, so a like storm costs one write a second, not one per
 * like; a process that dies loses at most that second of analytics, never
 * points or claims. Counts are increments and watch time a maximum, so
 * several processes' batches add up (show-fact-records.ts).
 */
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Activity } from '../domain/missions.ts';
import type { Logger } from '../logger.ts';
import { Periodic } from '../periodic.ts';
import type { ShowFactsBatch, ShowMemberDelta } from '../store/show-fact-records.ts';
import type { Store } from '../store/store.ts';
import type { DomainEvents } from './domain-events.ts';

export const SHOW_FACTS_EVERY_MS = 1000;

export class ShowFactsRecorder {
  private batch: ShowFactsBatch = emptyBatch();
  private readonly members = new Map<string, ShowMemberDelta>();
  private readonly peaks = new Map<string, number>();
  private readonly ticker = new Periodic(() => this.flush());

  constructor(
    private readonly store: Store,
    events: DomainEvents,
    private readonly log: Logger,
  ) {
    events.on('activity', (a) => this.onActivity(a));
    events.on('viewerArrived', (streamId, v) => {
      this.batch.viewers.push({ streamId, viewerKey: v.viewerKey, memberId: v.memberId, at: v.at });
      this.peaks.set(streamId, Math.max(this.peaks.get(streamId) ?? 0, v.viewersNow));
    });
    events.on('guestConverted', (streamId, c) => this.batch.conversions.push({ streamId, ...c }));
  }

  start(everyMs = SHOW_FACTS_EVERY_MS): void {
    this.ticker.start(everyMs);
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
    await this.flush();
  }

  /** Writes what was folded since the last write (the report calls it first, so this process's last second is in). */
  async flush(): Promise<void> {
    const batch: ShowFactsBatch = { ...this.batch, members: [...this.members.values()], peaks: [...this.peaks].map(([streamId, viewers]) => ({ streamId, viewers })) };
    this.batch = emptyBatch();
    this.members.clear();
    this.peaks.clear();
    if (batch.members.length + batch.viewers.length + batch.conversions.length + batch.peaks.length === 0) return;
    try {
      await this.store.recordShowFacts(batch);
    } catch (err) {
      warnUnlessOutage(this.log, err, { members: batch.members.length, viewers: batch.viewers.length }, 'show facts lost');
    }
  }

  private onActivity(a: Activity): void {
    if (a.streamId === null || (a.kind !== 'watch' && a.kind !== 'checkin' && a.kind !== 'like' && a.kind !== 'comment')) return;
    const key = `${a.streamId}|${a.memberId}`;
    let row = this.members.get(key);
    if (!row) {
      row = { streamId: a.streamId, memberId: a.memberId, watchMs: 0, firstAt: a.at, lastAt: a.at, checkins: 0, likes: 0, comments: 0 };
      this.members.set(key, row);
    }
    row.firstAt = Math.min(row.firstAt, a.at);
    row.lastAt = Math.max(row.lastAt, a.at);
    if (a.kind === 'watch') row.watchMs = Math.max(row.watchMs, a.showTotalMs);
    else if (a.kind === 'checkin') row.checkins++;
    else if (a.kind === 'like') row.likes++;
    else row.comments++;
  }
}

function emptyBatch(): ShowFactsBatch {
  return { members: [], viewers: [], conversions: [], peaks: [] };
}
