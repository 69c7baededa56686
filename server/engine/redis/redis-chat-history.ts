/**
 * ChatHistory in Redis (both Redis modes): one capped list per show,
 * `<prefix>{s:<streamId>}:chat`, newest first, so every process serves the
 * same history. Append is LPUSH + LTRIM in one MULTI (the list never holds
 * more than CHAT_HISTORY_SIZE); removal is `chatRemove-1.lua` (find by id,
 * LREM), atomic against appends. The key sits in the show's slot, so the
 * show's retirement gives it the show's expiry and its purge deletes it
 * (redis-retention.ts): no expiry of its own.
 */
import type { Redis } from 'ioredis';
import type { CommentEvent } from '../../../shared/events.ts';
import { CHAT_HISTORY_SIZE } from '../../domain/chat-history.ts';
import type { ChatHistory } from '../chat-history.ts';
import type { RedisEngineShared } from './redis-engine.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RunScript } from './redis-scripts.ts';

export class RedisChatHistory implements ChatHistory {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly run: RunScript;

  /** Shares the engine's connection, key layout and scripts; the RedisEngine connects and closes them. */
  constructor(shared: RedisEngineShared) {
    this.redis = shared.redis;
    this.keys = shared.keys;
    this.run = shared.runScript;
  }

  async append(comment: CommentEvent): Promise<void> {
    const key = this.keys.chat(comment.streamId);
    const replies = await this.redis.multi().lpush(key, JSON.stringify(comment)).ltrim(key, 0, CHAT_HISTORY_SIZE - 1).exec();
    if (!replies) throw new Error('redis chat history: transaction aborted');
    for (const [err] of replies) if (err) throw err;
  }

  async remove(streamId: string, commentId: string): Promise<void> {
    await this.run('chatRemove', [this.keys.chat(streamId)], [commentId]);
  }

  async recent(streamId: string): Promise<CommentEvent[]> {
    const newestFirst = await this.redis.lrange(this.keys.chat(streamId), 0, CHAT_HISTORY_SIZE - 1);
    return newestFirst.reverse().map((json) => JSON.parse(json) as CommentEvent);
  }

  async resetForTests(): Promise<void> {
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', this.keys.chatPattern, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) await this.redis.unlink(...found);
    } while (cursor !== '0');
  }
}
