/**
 * ChatHistory in this process's memory (embedded mode, where one process
 * holds every socket). Each show's buffer is filled from the durable recent
 * comments the first time the show is touched, so a restart does not empty
 * the chat; afterwards appends and removals keep it current without reads.
 */
import type { CommentEvent } from '../../shared/events.ts';
import { appendToHistory, CHAT_HISTORY_SIZE, removeFromHistory } from '../domain/chat-history.ts';
import type { ChatHistory } from './chat-history.ts';

/** Shows whose buffers are kept; past it the least recently used goes (it is read back from the store when asked for). */
const SHOWS_KEPT = 1_000;

/** The show's newest comments not removed, oldest first (Store.recentComments). */
export type LoadRecentComments = (streamId: string, limit: number) => Promise<CommentEvent[]>;

export class MemoryChatHistory implements ChatHistory {
  readonly kind = 'memory' as const;
  /** Insertion order is recency of use: the first key is the least recently used show. */
  private readonly shows = new Map<string, CommentEvent[]>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly loadRecent: LoadRecentComments,
    private readonly showsKept = SHOWS_KEPT,
  ) {}

  async append(comment: CommentEvent): Promise<void> {
    await this.loaded(comment.streamId);
    // The load may already hold it (the store records a comment before it is appended): appendToHistory keeps one.
    this.keep(comment.streamId, appendToHistory(this.shows.get(comment.streamId) ?? [], comment));
  }

  async remove(streamId: string, commentId: string): Promise<void> {
    await this.loaded(streamId);
    this.keep(streamId, removeFromHistory(this.shows.get(streamId) ?? [], commentId));
  }

  async recent(streamId: string): Promise<CommentEvent[]> {
    await this.loaded(streamId);
    const history = this.shows.get(streamId) ?? [];
    this.keep(streamId, history);
    return [...history];
  }

  async resetForTests(): Promise<void> {
    this.shows.clear();
    this.loading.clear();
  }

  /** The show's buffer is in memory once this resolves; concurrent first touches share one store read. */
  private loaded(streamId: string): Promise<void> {
    if (this.shows.has(streamId)) return Promise.resolve();
    let pending = this.loading.get(streamId);
    if (!pending) {
      pending = this.loadRecent(streamId, CHAT_HISTORY_SIZE)
        .then((comments) => {
          if (!this.shows.has(streamId)) this.keep(streamId, comments.slice(-CHAT_HISTORY_SIZE));
        })
        .finally(() => this.loading.delete(streamId));
      this.loading.set(streamId, pending);
    }
    return pending;
  }

  private keep(streamId: string, history: CommentEvent[]): void {
    this.shows.delete(streamId);
    this.shows.set(streamId, history);
    if (this.shows.size > this.showsKept) this.shows.delete(this.shows.keys().next().value!);
  }
}
