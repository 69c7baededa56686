/**
 * Achievements (issue 14): permanent, staged badges. Counted ones (shows
 * watched, first purchase, top fan of a show) are progress like a mission's,
 * in one period that never ends ('ever'), through the same ProgressBatcher
 * and engine step, so a stage is reached by one step only; a reached stage
 * unlocks its badge in the store, which records it once (a second unlock, a
 * replay or another process, is refused there). Status ones (Super Fan, a
 * 30-day check-in streak) unlock straight from the state that shows them.
 * Each new badge is announced once: the member's tabs and the live
 * overlays. Chat shows a member's newest badges beside their name, read
 * through a short cache.
 */
import { ACHIEVEMENTS, SHOW_WATCHED_MINUTES, achievementBadgeId, type AchievementId, type MemberBadge } from '../../shared/achievements.ts';
import type { MemberState, Stream } from '../../shared/models.ts';
import { type Activity, type ProgressStep } from '../domain/missions.ts';
import { MAX_DAY_TIME_MS } from '../domain/time.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { LeaderboardService } from './leaderboard-service.ts';
import type { ProgressBatcher } from './progress-batcher.ts';

/** Badges beside a name in chat: the newest few. */
export const CHAT_BADGES = 3;
/** How long a member's chat badges are trusted (another process may unlock one meanwhile). */
const CHAT_BADGES_FRESH_MS = 60_000;
const CHAT_BADGE_CACHE_MAX = 10_000;

export class AchievementService {
  private readonly chatCache = new Map<string, { at: number; badges: Promise<string[]> }>();

  constructor(
    private readonly batcher: ProgressBatcher,
    private readonly store: Store,
    private readonly leaderboard: LeaderboardService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    events.on('activity', (a) => this.onActivity(a));
    events.on('stream', (stream) => void this.onStream(stream).catch((err) => warnUnlessOutage(this.log, err, { streamId: stream.id }, 'top fan achievement failed')));
  }

  badgesOf(memberId: string): Promise<MemberBadge[]> {
    return this.store.badgesOf(memberId);
  }

  /** The member's newest badge ids, for the chat line (cached; never fails a comment). */
  chatBadges(memberId: string): Promise<string[]> {
    const now = performance.now();
    const known = this.chatCache.get(memberId);
    if (known && now - known.at < CHAT_BADGES_FRESH_MS) return known.badges;
    if (this.chatCache.size >= CHAT_BADGE_CACHE_MAX) this.chatCache.delete(this.chatCache.keys().next().value!);
    const badges = this.store
      .badgesOf(memberId)
      .then((all) => all.slice(-CHAT_BADGES).map((b) => b.id))
      .catch(() => []);
    this.chatCache.set(memberId, { at: now, badges });
    return badges;
  }

  /** A visit (`GET /api/me`): status achievements read from the state just computed. */
  async onVisit(memberId: string, state: Pick<MemberState, 'superFan'>): Promise<void> {
    if (state.superFan) await this.unlock(memberId, 'super-fan', 1);
  }

  /** A mission's stage that gives a badge (MissionService), once per mission and stage ever. */
  async grantMissionBadge(memberId: string, missionId: string, stage: number, label: string): Promise<void> {
    await this.announceIfNew(memberId, { id: `mission:${missionId}:${stage}`, achievement: null, stage, target: null, label, unlockedAt: this.clock() });
  }

  private onActivity(a: Activity): void {
    switch (a.kind) {
      case 'watch': {
        // The beat that carried the show past the threshold: once per show, the engine's event key makes sure.
        const threshold = SHOW_WATCHED_MINUTES * 60_000;
        if (a.showTotalMs >= threshold && a.showTotalMs - a.ms < threshold) this.count(a.memberId, 'shows-watched', `show:${a.streamId}`);
        return;
      }
      case 'purchase':
        return this.count(a.memberId, 'first-purchase', a.key);
      case 'checkin':
        if ((a.streak ?? 0) >= ACHIEVEMENTS['checkin-streak'][0]) void this.unlock(a.memberId, 'checkin-streak', 1).catch((err) => this.warn(err));
        return;
      default:
        return;
    }
  }

  /** A show ended: the first on its leaderboard is its top fan. */
  private async onStream(stream: Stream): Promise<void> {
    if (stream.status !== 'ended') return;
    const [top] = await this.leaderboard.top(stream.id, 1);
    if (top && top.points > 0) this.count(top.memberId, 'top-fan', `show:${stream.id}`);
  }

  private count(memberId: string, achievement: AchievementId, eventKey: string): void {
    const step: ProgressStep = {
      missionId: `ach-${achievement}`,
      memberId,
      period: 'ever',
      eventKey,
      amount: 1,
      targets: [...ACHIEVEMENTS[achievement]],
      expiresAt: MAX_DAY_TIME_MS,
    };
    this.batcher.submit([{ step, reached: (stage) => this.unlock(memberId, achievement, stage) }]);
  }

  private unlock(memberId: string, achievement: AchievementId, stage: number): Promise<void> {
    const target = ACHIEVEMENTS[achievement][stage - 1] ?? null;
    return this.announceIfNew(memberId, { id: achievementBadgeId(achievement, stage), achievement, stage, target, label: null, unlockedAt: this.clock() });
  }

  private async announceIfNew(memberId: string, badge: MemberBadge): Promise<void> {
    if (!(await this.store.unlockBadge(memberId, badge))) return;
    this.chatCache.delete(memberId);
    const member = await this.store.memberById(memberId);
    this.events.emit('badgeUnlocked', { memberId, displayName: member?.displayName ?? 'member', badge });
  }

  private warn(err: unknown): void {
    warnUnlessOutage(this.log, err, {}, 'achievement failed');
  }
}
