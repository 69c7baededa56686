/**
 * ChatHistory: the newest comments of each show, handed to every socket that
 * joins it (domain/chat-history.ts has the rules). A port beside Engine with
 * two implementations and one contract (test/contract/chat-history-contract.ts):
 * - MemoryChatHistory (embedded mode: one process holds every socket): a
 *   bounded buffer per show in memory, filled from the store's recent
 *   comments the first time a show is asked for (so a restart keeps it);
 * - RedisChatHistory (Redis modes): a capped Redis list per show in the
 *   show's `{s:}` slot, so every process serves the same history, and the
 *   show's retirement (redis-retention.ts) expires and purges it with the rest.
 *
 * Bounded: at most CHAT_HISTORY_SIZE comments per show. Removed comments
 * leave it. Not the record of comments (the store keeps those, for removal
 * by id and for member data); a lost history only means an empty chat for
 * the next joiner.
 */
import type { CommentEvent } from '../../shared/events.ts';

export interface ChatHistory {
  readonly kind: 'memory' | 'redis';
  /**
   * Atomic. The comment becomes the show's newest; the oldest fall off past
   * CHAT_HISTORY_SIZE. Call it once per comment (after the store recorded it).
   */
  append(comment: CommentEvent): Promise<void>;
  /** Atomic. The comment leaves the show's history; an unknown id changes nothing. */
  remove(streamId: string, commentId: string): Promise<void>;
  /** The show's kept comments, oldest first, at most CHAT_HISTORY_SIZE. */
  recent(streamId: string): Promise<CommentEvent[]>;
  /** Test-only: forget every show. */
  resetForTests(): Promise<void>;
}
