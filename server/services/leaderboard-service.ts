import type { LeaderboardEntry } from '../../shared/models.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { PointsService } from './points-service.ts';

/** Top members by points earned in one show, or all time. */
export class LeaderboardService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly points: PointsService,
  ) {}

  async top(streamId: string | null, limit: number): Promise<LeaderboardEntry[]> {
    const rows = await this.engine.topMembers(streamId, limit);
    if (rows.length === 0) return [];
    const members = new Map((await this.store.membersByIds(rows.map((r) => r.memberId))).map((m) => [m.id, m]));
    const tiers = await Promise.all(rows.map((r) => this.points.tierOf(r.memberId)));
    return rows.map((r, i) => ({
      memberId: r.memberId,
      displayName: members.get(r.memberId)?.displayName ?? 'member',
      points: r.points,
      tier: tiers[i]!.id,
    }));
  }
}
