/**
 * The chat history of a show: its newest comments, kept so that whoever
 * joins (a page refresh, a late joiner) sees what was said before. Pure; the
 * ChatHistory port (engine/chat-history.ts) keeps one per show with these rules:
 * MemoryChatHistory calls them, `chatRemove-1.lua` mirrors the removal, and
 * the Redis append is LPUSH + LTRIM to the same size
 * (test/differential/chat-history.test.ts compares the three).
 */
import type { CommentEvent } from '../../shared/events.ts';

/** How many comments a show keeps for joiners (the newest). */
export const CHAT_HISTORY_SIZE = 50;

/**
 * The history after a new comment (kept oldest first): it goes last, and the
 * oldest fall off past `size`. A comment already kept (same id) changes nothing.
 */
export function appendToHistory(history: readonly CommentEvent[], comment: CommentEvent, size = CHAT_HISTORY_SIZE): CommentEvent[] {
  if (history.some((c) => c.id === comment.id)) return [...history];
  const next = [...history, comment];
  return next.length > size ? next.slice(next.length - size) : next;
}

/** The history without the comment the host removed (an unknown id changes nothing). */
export function removeFromHistory(history: readonly CommentEvent[], commentId: string): CommentEvent[] {
  return history.filter((c) => c.id !== commentId);
}
