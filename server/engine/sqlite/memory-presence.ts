/**
 * Who is in each show, in this process's memory. Used by SqliteEngine: in
 * embedded mode one process holds every socket, so presence needs neither
 * durability nor sharing (after a restart every client reconnects and joins
 * again). Synchronous, so each call is atomic within the process.
 *
 * The counting rules are domain/presence.ts; this keeps one state per show,
 * decides with them and applies the writes.
 */
import type { PresenceCount } from '../../../shared/models.ts';
import {
  applyPresence,
  emptyPresence,
  join,
  leave,
  presenceCount,
  type MutablePresenceState,
  type PresenceChange,
  type PresenceDecision,
  type PresenceState,
} from '../../domain/presence.ts';

export class MemoryPresence {
  private readonly shows = new Map<string, MutablePresenceState>();

  /** Idempotent per (streamId, connId). A known connection joining as another viewer (a guest who signed in) moves over. */
  join(streamId: string, connId: string, viewerKey: string): PresenceChange {
    return this.apply(streamId, (show) => join(show, connId, viewerKey));
  }

  /** Unknown connId: no change. */
  leave(streamId: string, connId: string): PresenceChange {
    return this.apply(streamId, (show) => leave(show, connId));
  }

  count(streamId: string): PresenceCount {
    return presenceCount(this.shows.get(streamId) ?? emptyPresence());
  }

  clear(): void {
    this.shows.clear();
  }

  /** Decides on the show's state and applies the writes; a show nobody is in is forgotten. */
  private apply(streamId: string, decide: (show: PresenceState) => PresenceDecision): PresenceChange {
    const show = this.shows.get(streamId) ?? emptyPresence();
    const { change, writes } = decide(show);
    applyPresence(show, writes);
    if (show.connections.size === 0) this.shows.delete(streamId);
    else this.shows.set(streamId, show);
    return change;
  }
}
