/**
 * Who is in each show, in this process's memory. Used by SqliteEngine: in
 * embedded mode one process holds every socket, so presence needs neither
 * durability nor sharing (after a restart every client reconnects and joins
 * again). Synchronous, so each call is atomic within the process.
 */
import type { PresenceChange } from '../engine.ts';
import type { PresenceCount } from '../../../shared/models.ts';

interface Show {
  /** connId → viewerKey */
  connections: Map<string, string>;
  /** viewerKey → number of its connections */
  viewers: Map<string, number>;
  /** viewers whose key starts with 'm:' */
  members: number;
}

const isMember = (viewerKey: string) => viewerKey.startsWith('m:');

export class MemoryPresence {
  private readonly shows = new Map<string, Show>();

  /** Idempotent per (streamId, connId). A known connection joining as another viewer (a guest who signed in) moves over. */
  join(streamId: string, connId: string, viewerKey: string): PresenceChange {
    const show = this.show(streamId);
    const current = show.connections.get(connId);
    if (current === viewerKey) return this.change(show, false, false);
    const lastConnection = current !== undefined && this.removeConnection(show, connId, current);
    show.connections.set(connId, viewerKey);
    const n = show.viewers.get(viewerKey) ?? 0;
    show.viewers.set(viewerKey, n + 1);
    if (n === 0 && isMember(viewerKey)) show.members++;
    return this.change(show, n === 0, lastConnection);
  }

  /** Unknown connId: no change. */
  leave(streamId: string, connId: string): PresenceChange {
    const show = this.shows.get(streamId);
    const viewerKey = show?.connections.get(connId);
    if (!show || viewerKey === undefined) return { ...this.count(streamId), firstConnection: false, lastConnection: false };
    const lastConnection = this.removeConnection(show, connId, viewerKey);
    const change = this.change(show, false, lastConnection);
    if (show.connections.size === 0) this.shows.delete(streamId);
    return change;
  }

  count(streamId: string): PresenceCount {
    const show = this.shows.get(streamId);
    return show ? { viewers: show.viewers.size, members: show.members } : { viewers: 0, members: 0 };
  }

  clear(): void {
    this.shows.clear();
  }

  private show(streamId: string): Show {
    let show = this.shows.get(streamId);
    if (!show) {
      show = { connections: new Map(), viewers: new Map(), members: 0 };
      this.shows.set(streamId, show);
    }
    return show;
  }

  /** Returns true when that was the viewer's last connection. */
  private removeConnection(show: Show, connId: string, viewerKey: string): boolean {
    show.connections.delete(connId);
    const n = (show.viewers.get(viewerKey) ?? 1) - 1;
    if (n > 0) {
      show.viewers.set(viewerKey, n);
      return false;
    }
    show.viewers.delete(viewerKey);
    if (isMember(viewerKey)) show.members--;
    return true;
  }

  private change(show: Show, firstConnection: boolean, lastConnection: boolean): PresenceChange {
    return { viewers: show.viewers.size, members: show.members, firstConnection, lastConnection };
  }
}
