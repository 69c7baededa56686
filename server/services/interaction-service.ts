/**
 * Check-ins, likes and comments: each pays under its cap, each counts as an
 * interaction (it resumes paused watch accrual and marks the day active).
 * Replays carry the same requestId and pay nothing twice. A like or comment
 * is one engine step (Engine.cappedAward: cap, award, touch, active day).
 */
import { randomUUID } from 'node:crypto';
import type { InteractReply } from '../../shared/events.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { InteractPayload } from '../../shared/schemas.ts';
import { checkinPoints } from '../domain/checkin.ts';
import { ledgerKey, windowKey } from '../domain/keys.ts';
import { TIER_WINDOW_MS, tierFor } from '../domain/tiers.ts';
import { addDays, dayKey } from '../domain/time.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { AchievementService } from './achievement-service.ts';
import type { DomainEvents } from './domain-events.ts';
import type { ModerationService } from './moderation-service.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';
import type { StreamService } from './stream-service.ts';

export class InteractionService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly moderation: ModerationService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly achievements: AchievementService,
  ) {}

  async interact(memberId: string, input: InteractPayload): Promise<InteractReply> {
    await this.streams.getLive(input.streamId);
    // A banned member checks in, likes and comments nothing.
    await this.moderation.assertNotBanned(memberId);
    const requestId = input.requestId ?? randomUUID();
    switch (input.kind) {
      case 'checkin': {
        const reply = await this.checkin(memberId, input.streamId);
        await this.engine.touchWatch(input.streamId, memberId, this.clock());
        await this.points.markActive(memberId);
        return reply;
      }
      case 'like':
        return (await this.capped(memberId, input.streamId, requestId, 'like')).reply;
      case 'comment':
        return this.comment(memberId, input.streamId, requestId, input.text);
    }
  }

  private async checkin(memberId: string, streamId: string): Promise<InteractReply> {
    const rules = await this.rules.get();
    const day = dayKey(this.clock(), rules.timezone);
    const { streak, already } = await this.engine.checkin(memberId, day, addDays(day, -1));
    if (!already) this.events.emit('activity', { kind: 'checkin', memberId, streamId, at: this.clock(), key: `checkin:${day}`, streak });
    // Even when already checked in, re-apply the same key: it repairs a crash between recording and paying.
    const r = await this.points.award({
      key: ledgerKey.checkin(memberId, day),
      memberId,
      delta: checkinPoints(rules, streak),
      reason: LedgerReason.checkin,
      streamId,
    });
    return { awarded: r.awarded, balance: r.balance, capped: already, streak };
  }

  /** One step: the cap, the award, the touch and the active day (Engine.cappedAward); the tier window's total comes back too. */
  private async capped(
    memberId: string,
    streamId: string,
    requestId: string,
    kind: 'like' | 'comment',
  ): Promise<{ reply: InteractReply; earned: number }> {
    const rules = await this.rules.get();
    const now = this.clock();
    const like = kind === 'like';
    const step = await this.engine.cappedAward({
      hitKey: like ? windowKey.like(streamId, memberId) : windowKey.comment(streamId, memberId),
      hitId: requestId,
      limit: like ? rules.like.maxPerStream : rules.comment.max,
      windowMs: like ? 0 : rules.comment.windowSeconds * 1000,
      award: {
        key: like ? ledgerKey.like(streamId, memberId, requestId) : ledgerKey.comment(streamId, memberId, requestId),
        memberId,
        delta: like ? rules.like.points : rules.comment.points,
        reason: like ? LedgerReason.like : LedgerReason.comment,
        streamId,
        at: now,
        earnedSinceMs: now - TIER_WINDOW_MS,
      },
      streamId,
      activeDay: dayKey(now, rules.timezone),
    });
    const awarded = await this.points.announceApplied(step.award ? [step.award] : []);
    const capped = !step.hit.allowed && !step.hit.duplicate;
    // Missions count what the caps let through, once per request id.
    if (step.hit.allowed && !step.hit.duplicate) this.events.emit('activity', { kind, memberId, streamId, at: now, key: `${kind}:${requestId}` });
    return { reply: { awarded, balance: step.balance, capped }, earned: step.earned };
  }

  private async comment(memberId: string, streamId: string, requestId: string, text: string): Promise<InteractReply> {
    const { replay } = await this.moderation.admitComment(memberId, streamId, requestId, text);
    const { reply, earned } = await this.capped(memberId, streamId, requestId, 'comment');
    if (!replay) {
      const [member, rules, badges] = await Promise.all([this.store.memberById(memberId), this.rules.get(), this.achievements.chatBadges(memberId)]);
      await this.moderation.publishComment({
        streamId,
        memberId,
        displayName: member?.displayName ?? 'member',
        // The tier from the window total the step read, not another read.
        tier: tierFor(rules, earned).id,
        text,
        at: this.clock(),
        ...(badges.length > 0 ? { badges } : {}),
      });
    }
    return reply;
  }
}
