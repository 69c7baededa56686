/**
 * The host dashboard's live numbers for a show: presence, watch minutes and
 * points issued (engine counters), members who joined since it started
 * (store), and the top fans.
 */
import type { HostStats } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { LeaderboardService } from './leaderboard-service.ts';
import type { PresenceService } from './presence-service.ts';

const TOP_FANS = 5;

export class StatsService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly presence: PresenceService,
    private readonly leaderboard: LeaderboardService,
    private readonly clock: Clock,
  ) {}

  async ofShow(stream: Stream): Promise<HostStats> {
    const now = this.clock();
    const [presence, totals, newMembers, topFans] = await Promise.all([
      this.presence.count(stream.id),
      this.engine.streamStats(stream.id),
      this.store.countMembersCreated(stream.startedAt ?? now, now + 1),
      this.leaderboard.top(stream.id, TOP_FANS),
    ]);
    return {
      streamId: stream.id,
      ...presence,
      watchMinutes: Math.floor(totals.watchMs / 60_000),
      pointsIssued: totals.pointsIssued,
      newMembers,
      topFans,
    };
  }
}
