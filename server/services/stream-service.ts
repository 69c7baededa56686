import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Stream, StreamStatus } from '../../shared/models.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';

/** How long a process trusts its cached copy of a show (its status gates every beat). */
const CACHE_MS = 1000;

export class StreamService {
  private readonly cache = new Map<string, { stream: Stream; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(input: { title: string; playbackUrl?: string }): Promise<Stream> {
    const stream: Stream = {
      id: randomUUID(),
      title: input.title,
      playbackUrl: input.playbackUrl ?? null,
      status: 'scheduled',
      createdAt: this.clock(),
      startedAt: null,
      endedAt: null,
    };
    return this.store.createStream(stream);
  }

  start(id: string): Promise<Stream> {
    return this.transition(id, ['scheduled'], { status: 'live', startedAt: this.clock() }, 'only a scheduled show can start');
  }

  end(id: string): Promise<Stream> {
    return this.transition(id, ['live', 'scheduled'], { status: 'ended', endedAt: this.clock() }, 'the show has ended already');
  }

  async get(id: string): Promise<Stream> {
    const now = this.clock();
    const hit = this.cache.get(id);
    if (hit && now - hit.at < CACHE_MS) return hit.stream;
    const stream = await this.store.streamById(id);
    if (!stream) throw notFound('stream');
    this.cache.set(id, { stream, at: now });
    return stream;
  }

  /** The show as stored right now, bypassing the cache (another process may have just changed it); null when unknown. */
  fresh(id: string): Promise<Stream | null> {
    return this.store.streamById(id);
  }

  /** The show, which must be on air. */
  async getLive(id: string): Promise<Stream> {
    const stream = await this.get(id);
    if (stream.status !== 'live') throw new AppError(ErrorCode.NOT_LIVE, 'the show is not live', 'streamId');
    return stream;
  }

  list(status?: StreamStatus): Promise<Stream[]> {
    return this.store.listStreams(status);
  }

  private async transition(
    id: string,
    from: StreamStatus[],
    patch: Pick<Stream, 'status'> & Partial<Pick<Stream, 'startedAt' | 'endedAt'>>,
    conflictMessage: string,
  ): Promise<Stream> {
    const stream = await this.store.transitionStream(id, from, patch);
    if (!stream) {
      if (!(await this.store.streamById(id))) throw notFound('stream');
      throw new AppError(ErrorCode.CONFLICT, conflictMessage);
    }
    this.cache.set(id, { stream, at: this.clock() });
    this.events.emit('stream', stream);
    return stream;
  }
}
