/**
 * Who is in a show. One member is one viewer however many tabs or reconnects;
 * a guest is one viewer per connection. Counting lives in the engine (memory
 * in embedded mode, Redis across processes); this adds the "a fan arrived"
 * badge, rate-limited so a raid of fans does not flood the room.
 */
import type { PresenceCount } from '../../shared/models.ts';
import { guestAdmitted } from '../domain/budget.ts';
import { guestPoolKey, windowKey } from '../domain/keys.ts';
import { joinedBadgeDue, viewerKeyOf } from '../domain/presence.ts';
import { tierRank } from '../domain/tiers.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';

/**
 * "Joined the show" means the member's first arrival in that show, ever: the
 * arrival is recorded (a hit that never expires, in the engine: SQLite on
 * disk, or Redis until the show is purged) before anything else is decided,
 * so a reconnect — after a network blip, a refresh or a server restart, when
 * presence starts empty and every member's connection is a "first
 * connection" again — never announces anyone twice. At most `perStream`
 * arrivals per show per window are announced, so a raid of fans does not
 * flood the room.
 */
export const JOIN_BADGES = { perStream: 3, windowMs: 10_000 };
/** The one id counted under a member's arrival key: its first arrival. */
const FIRST_ARRIVAL = 'first';
/** Hit window 0: counted forever (domain/limits.ts). */
const FOREVER = 0;

export type Viewer = { kind: 'member'; memberId: string } | { kind: 'guest' };

export class PresenceService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async join(streamId: string, connId: string, viewer: Viewer): Promise<PresenceCount> {
    const viewerKey = viewerKeyOf(viewer, connId);
    const change = await this.engine.join(streamId, connId, viewerKey);
    this.events.emit('presenceChanged', streamId);
    if (change.firstConnection) {
      const memberId = viewer.kind === 'member' ? viewer.memberId : null;
      this.events.emit('viewerArrived', streamId, { viewerKey, memberId, at: this.clock(), viewersNow: change.viewers });
    }
    if (viewer.kind === 'member' && change.firstConnection) await this.maybeBadge(streamId, viewer.memberId);
    return { viewers: change.viewers, members: change.members };
  }

  /** A guest connection in the show signed up or in: it leaves as the guest and arrives as the member. */
  async convertGuest(streamId: string, connId: string, memberId: string): Promise<PresenceCount> {
    await this.leave(streamId, connId);
    const count = await this.join(streamId, connId, { kind: 'member', memberId });
    this.events.emit('guestConverted', streamId, { viewerKey: viewerKeyOf({ kind: 'guest' }, connId), memberId, at: this.clock() });
    return count;
  }

  async leave(streamId: string, connId: string): Promise<void> {
    const change = await this.engine.leave(streamId, connId);
    if (change.lastConnection) this.events.emit('presenceChanged', streamId);
  }

  /**
   * Counts a guest connection from `address` in, in every process's count
   * (the engine's presence of the address's guest pool). Over the cap it is
   * counted out again and the answer is false. Join first, then check: two
   * connections racing for the last place may both be refused, never both admitted.
   */
  async admitGuest(address: string, connId: string, cap: number): Promise<boolean> {
    const pool = guestPoolKey(address);
    const change = await this.engine.join(pool, connId, viewerKeyOf({ kind: 'guest' }, connId));
    if (guestAdmitted(change.viewers, cap)) return true;
    await this.engine.leave(pool, connId);
    return false;
  }

  /** The guest connection is gone (idempotent); a process that dies has its connections swept by the engine. */
  async releaseGuest(address: string, connId: string): Promise<void> {
    await this.engine.leave(guestPoolKey(address), connId);
  }

  count(streamId: string): Promise<PresenceCount> {
    return this.engine.presence(streamId);
  }

  private async maybeBadge(streamId: string, memberId: string): Promise<void> {
    const now = this.clock();
    // Recorded for every member, Bronze too: reaching Silver later must not make a reconnect an "arrival".
    const arrival = await this.engine.hit(windowKey.badgeJoined(streamId, memberId), FIRST_ARRIVAL, 1, FOREVER, now);
    const [rules, tier] = await Promise.all([this.rules.get(), this.points.tierOf(memberId)]);
    if (!joinedBadgeDue(arrival.allowed, tierRank(rules, tier.id))) return;
    const room = await this.engine.hit(windowKey.badgesJoinedInShow(streamId), memberId, JOIN_BADGES.perStream, JOIN_BADGES.windowMs, now);
    if (!room.allowed) return;
    const member = await this.store.memberById(memberId);
    if (!member) return;
    this.events.emit('badge', { streamId, memberId, displayName: member.displayName, tier, reason: 'joined' });
  }
}
