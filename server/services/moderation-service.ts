/**
 * Moderation: what the host decides about members and shows (bans, mutes,
 * slow mode, removed comments) and the gate every comment passes. The rules
 * are server/domain/moderation.ts; bans, mutes, settings and the recent
 * comments are stored (store/moderation-records.ts), so every process sees
 * them; slow mode and the room's ceiling are counted by Engine.hit, atomic
 * across processes. Room events (`comment:removed`, `moderation`) go out as
 * domain events.
 */
import { randomUUID } from 'node:crypto';
import type { CommentEvent } from '../../shared/events.ts';
import { windowKey } from '../domain/keys.ts';
import {
  RECENT_COMMENTS_KEPT,
  ROOM_WINDOW_MS,
  limitRefusal,
  muteEndsAt,
  screenComment,
  slowModeWindow,
  type CommentRefusal,
} from '../domain/moderation.ts';
import type { ChatHistory } from '../engine/chat-history.ts';
import type { Engine } from '../engine/engine.ts';
import { refused, type AppError } from '../errors.ts';
import type { StreamModeration } from '../store/moderation-records.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { RulesService } from './rules-service.ts';
import type { StreamService } from './stream-service.ts';

/**
 * How long a process trusts what it read about a ban. A ban or unban made
 * here applies here at once; another process sees it within this time
 * (bans gate every heartbeat, so they are not read from the store each time:
 * at 1 s, 10,000 members beating cost 10,000 store reads a second).
 */
const BAN_CACHE_MS = 5_000;
/** The cache forgets everything when it holds this many members (above the 10,000 a big show brings at once). */
const BAN_CACHE_MAX = 100_000;

/** Anti-flood for the comment feed, apart from slow mode and the points cap: 5 comments per 10 s per member. */
export const COMMENT_FLOOD = { limit: 5, windowMs: 10_000 };

/** Whether a member may act at all: the one question earning, claiming and entering ask. */
export interface BanCheck {
  isBanned(memberId: string): Promise<boolean>;
  /** Throws BANNED for a banned member. */
  assertNotBanned(memberId: string): Promise<void>;
}

export interface Mute {
  streamId: string;
  memberId: string;
  /** when the mute ends; null: lifted */
  until: number | null;
}

export class ModerationService implements BanCheck {
  private readonly bans = new Map<string, { banned: boolean; at: number }>();

  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    /** The show's newest comments for joiners (engine/chat-history.ts): kept in step with the room. */
    private readonly chat: ChatHistory,
  ) {}

  // ---- bans ----

  async isBanned(memberId: string): Promise<boolean> {
    const now = this.clock();
    const known = this.bans.get(memberId);
    if (known && now - known.at < BAN_CACHE_MS && now >= known.at) return known.banned;
    const banned = (await this.store.bannedAt(memberId)) !== null;
    this.remember(memberId, banned, now);
    return banned;
  }

  async assertNotBanned(memberId: string): Promise<void> {
    if (await this.isBanned(memberId)) throw refused('member.banned', 'memberId');
  }

  async ban(memberId: string): Promise<{ memberId: string; bannedAt: number }> {
    await this.requireMember(memberId);
    const now = this.clock();
    await this.store.banMember(memberId, now);
    this.remember(memberId, true, now);
    return { memberId, bannedAt: (await this.store.bannedAt(memberId)) ?? now };
  }

  async unban(memberId: string): Promise<{ memberId: string; wasBanned: boolean }> {
    await this.requireMember(memberId);
    const wasBanned = await this.store.unbanMember(memberId);
    this.remember(memberId, false, this.clock());
    return { memberId, wasBanned };
  }

  // ---- mutes and settings (per show) ----

  /** Mutes the member in the show for `seconds` from now (0 lifts the mute). */
  async mute(streamId: string, memberId: string, seconds: number): Promise<Mute> {
    await this.streams.get(streamId);
    await this.requireMember(memberId);
    const until = muteEndsAt(this.clock(), seconds);
    await this.store.setMute(streamId, memberId, until);
    return { streamId, memberId, until };
  }

  async settings(streamId: string): Promise<StreamModeration & { streamId: string }> {
    await this.streams.get(streamId);
    return { streamId, ...(await this.store.streamModeration(streamId)) };
  }

  async setSettings(streamId: string, settings: StreamModeration): Promise<StreamModeration & { streamId: string }> {
    await this.streams.get(streamId);
    await this.store.setStreamModeration(streamId, settings);
    const event = { streamId, slowModeSeconds: settings.slowModeSeconds };
    this.events.emit('moderation', event);
    return event;
  }

  // ---- comments ----

  /**
   * The gate of one comment, before it earns or is shown: the host's standing
   * decisions (ban, mute, blocked words: screenComment), then the counted
   * limits in this order: the member's flood limit, the show's slow mode, the
   * room's ceiling. Throws the refusal (with retryAfterMs when waiting helps).
   * Returns whether this is a replay of a comment already let through
   * (same requestId): it must not be shown twice.
   */
  async admitComment(memberId: string, streamId: string, requestId: string, text: string): Promise<{ replay: boolean }> {
    const now = this.clock();
    const [banned, mutedUntil, rules, settings] = await Promise.all([
      this.isBanned(memberId),
      this.store.muteUntil(streamId, memberId),
      this.rules.get(),
      this.store.streamModeration(streamId),
    ]);
    const screened = screenComment(text, { banned, mutedUntil, blockedWords: rules.comment.blockedWords }, now);
    if (screened) throw refusal(screened);

    const flood = await this.engine.hit(windowKey.commentFlood(memberId), requestId, COMMENT_FLOOD.limit, COMMENT_FLOOD.windowMs, now);
    if (flood.duplicate) return { replay: true };
    if (!flood.allowed) throw refusal(limitRefusal('comment.flood', COMMENT_FLOOD.windowMs));

    const slow = slowModeWindow(settings.slowModeSeconds);
    if (slow) {
      const hit = await this.engine.hit(windowKey.commentSlow(streamId, memberId), requestId, slow.limit, slow.windowMs, now);
      if (!hit.allowed && !hit.duplicate) throw refusal(limitRefusal('comment.slowMode', slow.windowMs));
    }
    const room = await this.engine.hit(windowKey.commentRoom(streamId), requestId, rules.comment.roomPerSecond, ROOM_WINDOW_MS, now);
    if (!room.allowed && !room.duplicate) throw refusal(limitRefusal('comment.roomFull', ROOM_WINDOW_MS));
    return { replay: false };
  }

  /** Records a comment let through (it gets its id here) and announces it to the room. */
  async publishComment(comment: Omit<CommentEvent, 'id'>): Promise<CommentEvent> {
    const event: CommentEvent = { id: randomUUID(), ...comment };
    await this.store.recordComment(event, RECENT_COMMENTS_KEPT);
    await this.chat.append(event);
    this.events.emit('comment', event);
    return event;
  }

  /** Removes a comment from every screen. Removing it again says so again (a screen may have missed it). */
  async removeComment(id: string): Promise<{ id: string; streamId: string }> {
    const record = await this.store.removeComment(id, this.clock());
    if (!record) throw refused('comment.notFound', 'id');
    await this.chat.remove(record.streamId, record.id);
    const event = { streamId: record.streamId, id: record.id };
    this.events.emit('commentRemoved', event);
    return event;
  }

  /** The show's newest comments still on screen, oldest first. */
  recentComments(streamId: string, limit: number): Promise<CommentEvent[]> {
    return this.store.recentComments(streamId, limit);
  }

  private async requireMember(memberId: string): Promise<void> {
    if (!(await this.store.memberById(memberId))) throw refused('member.notFound', 'memberId');
  }

  private remember(memberId: string, banned: boolean, at: number): void {
    if (this.bans.size >= BAN_CACHE_MAX) this.bans.clear();
    this.bans.set(memberId, { banned, at });
  }
}

function refusal(r: CommentRefusal): AppError {
  const details: Record<string, unknown> = {};
  if (r.retryAfterMs !== null) details.retryAfterMs = r.retryAfterMs;
  if (r.word !== undefined) details.word = r.word;
  return refused(r.key, r.key === 'member.banned' ? undefined : 'text', details);
}
