/**
 * Check-ins, likes and comments: each pays under its cap, each counts as an
 * interaction (it resumes paused watch accrual and marks the day active).
 * Replays carry the same requestId and pay nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { InteractReply } from '../../shared/events.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { InteractPayload } from '../../shared/schemas.ts';
import { checkinPoints } from '../domain/checkin.ts';
import { ledgerKey, windowKey } from '../domain/keys.ts';
import { addDays, dayKey } from '../domain/time.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
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
  ) {}

  async interact(memberId: string, input: InteractPayload): Promise<InteractReply> {
    await this.streams.getLive(input.streamId);
    // A banned member checks in, likes and comments nothing.
    await this.moderation.assertNotBanned(memberId);
    const requestId = input.requestId ?? randomUUID();
    let reply: InteractReply;
    switch (input.kind) {
      case 'checkin':
        reply = await this.checkin(memberId, input.streamId);
        break;
      case 'like':
        reply = await this.capped(memberId, input.streamId, requestId, 'like');
        break;
      case 'comment':
        reply = await this.comment(memberId, input.streamId, requestId, input.text);
        break;
    }
    await this.engine.touchWatch(input.streamId, memberId, this.clock());
    await this.points.markActive(memberId);
    return reply;
  }

  private async checkin(memberId: string, streamId: string): Promise<InteractReply> {
    const rules = await this.rules.get();
    const day = dayKey(this.clock(), rules.timezone);
    const { streak, already } = await this.engine.checkin(memberId, day, addDays(day, -1));
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

  private async capped(memberId: string, streamId: string, requestId: string, kind: 'like' | 'comment'): Promise<InteractReply> {
    const rules = await this.rules.get();
    const now = this.clock();
    const hit =
      kind === 'like'
        ? await this.engine.hit(windowKey.like(streamId, memberId), requestId, rules.like.maxPerStream, 0, now)
        : await this.engine.hit(windowKey.comment(streamId, memberId), requestId, rules.comment.max, rules.comment.windowSeconds * 1000, now);
    if (!hit.allowed && !hit.duplicate) return { awarded: 0, balance: await this.engine.balance(memberId), capped: true };
    const r = await this.points.award({
      key: kind === 'like' ? ledgerKey.like(streamId, memberId, requestId) : ledgerKey.comment(streamId, memberId, requestId),
      memberId,
      delta: kind === 'like' ? rules.like.points : rules.comment.points,
      reason: kind === 'like' ? LedgerReason.like : LedgerReason.comment,
      streamId,
    });
    return { awarded: r.awarded, balance: r.balance, capped: false };
  }

  private async comment(memberId: string, streamId: string, requestId: string, text: string): Promise<InteractReply> {
    const { replay } = await this.moderation.admitComment(memberId, streamId, requestId, text);
    const reply = await this.capped(memberId, streamId, requestId, 'comment');
    if (!replay) {
      const [member, tier] = await Promise.all([this.store.memberById(memberId), this.points.tierOf(memberId)]);
      await this.moderation.publishComment({
        streamId,
        memberId,
        displayName: member?.displayName ?? 'member',
        tier: tier.id,
        text,
        at: this.clock(),
      });
    }
    return reply;
  }
}
