/**
 * Who is in a show: presence counting as pure rules over one show's state.
 *
 * A viewer is 'm:<memberId>' (one member however many tabs) or 'g:<connId>'
 * (a guest per connection); a viewer is present while it holds at least one
 * connection. Each step reads the state and returns its reply and the writes
 * to make (absolute values, so applying them twice is harmless):
 * - join: idempotent per connection; a known connection joining as another
 *   viewer (a guest who signed in) moves over: it leaves its old viewer
 *   (which may be that viewer's last connection) and joins the new one;
 * - leave: removes the connection; unknown: no change;
 * - sweep: removes every connection of a process that died, each by the same
 *   rule as leave.
 * MemoryPresence (SQLite engine) decides with these and applies the writes;
 * presenceJoin/-Leave/-Sweep.lua mirror them (lua/includes/presence.lua);
 * test/differential/presence.test.ts holds the three to the same answers.
 */
import type { PresenceCount } from '../../shared/models.ts';

export interface PresenceState {
  /** connId → viewerKey */
  readonly connections: ReadonlyMap<string, string>;
  /** viewerKey → number of its connections (≥ 1; a viewer with none is absent) */
  readonly viewers: ReadonlyMap<string, number>;
  /** Viewers whose key starts with 'm:'. */
  readonly members: number;
}

/** The same state, as its holder keeps it to apply writes to. */
export interface MutablePresenceState extends PresenceState {
  readonly connections: Map<string, string>;
  readonly viewers: Map<string, number>;
  members: number;
}

export interface PresenceChange extends PresenceCount {
  /** join: this was the viewer's first connection to the show (a new viewer). */
  firstConnection: boolean;
  /**
   * leave: that was the viewer's last connection (the viewer left); join: the
   * connection moved over from another viewer and was that viewer's last.
   */
  lastConnection: boolean;
}

/** What a step changes, as values after it. */
export interface PresenceWrites {
  /** connId → its viewer after the step; null: the connection is gone. */
  connections: Array<[connId: string, viewerKey: string | null]>;
  /** viewerKey → its connections after the step; 0: the viewer is gone. */
  viewers: Array<[viewerKey: string, connections: number]>;
  /** The member count after the step. */
  members: number;
}

export interface PresenceDecision {
  change: PresenceChange;
  writes: PresenceWrites;
}

export const isMemberViewer = (viewerKey: string) => viewerKey.startsWith('m:');

/** The viewer a connection counts as: a member once however many tabs, a guest per connection. */
export const viewerKeyOf = (viewer: { kind: 'member'; memberId: string } | { kind: 'guest' }, connId: string): string =>
  viewer.kind === 'member' ? `m:${viewer.memberId}` : `g:${connId}`;

export function emptyPresence(): MutablePresenceState {
  return { connections: new Map(), viewers: new Map(), members: 0 };
}

export function presenceCount(state: PresenceState): PresenceCount {
  return { viewers: state.viewers.size, members: state.members };
}

/**
 * The state as a step changes it: reads see the step's own writes, so a sweep
 * removing two connections of one viewer counts down from what the first left.
 */
class Draft {
  private readonly connections = new Map<string, string | null>();
  private readonly viewers = new Map<string, number>();
  private viewerTotal: number;
  private members: number;

  constructor(private readonly state: PresenceState) {
    this.viewerTotal = state.viewers.size;
    this.members = state.members;
  }

  viewerOf(connId: string): string | undefined {
    const written = this.connections.get(connId);
    return written === undefined ? this.state.connections.get(connId) : (written ?? undefined);
  }

  setConnection(connId: string, viewerKey: string | null): void {
    this.connections.set(connId, viewerKey);
  }

  /** One connection more for the viewer; true when it is the viewer's first (a new viewer). */
  viewerArrives(viewerKey: string): boolean {
    const n = this.connectionsOf(viewerKey) + 1;
    this.viewers.set(viewerKey, n);
    if (n > 1) return false;
    this.viewerTotal++;
    if (isMemberViewer(viewerKey)) this.members++;
    return true;
  }

  /** One connection fewer for the viewer; true when that was its last (the viewer left). */
  viewerLeaves(viewerKey: string): boolean {
    const n = this.connectionsOf(viewerKey) - 1;
    this.viewers.set(viewerKey, Math.max(n, 0));
    if (n > 0) return false;
    this.viewerTotal--;
    if (isMemberViewer(viewerKey)) this.members--;
    return true;
  }

  /** The connection-removal rule (leave and sweep): the connection goes, its viewer loses it. */
  removeConnection(connId: string, viewerKey: string): boolean {
    this.setConnection(connId, null);
    return this.viewerLeaves(viewerKey);
  }

  decision(firstConnection: boolean, lastConnection: boolean): PresenceDecision {
    return {
      change: { viewers: this.viewerTotal, members: this.members, firstConnection, lastConnection },
      writes: { connections: [...this.connections], viewers: [...this.viewers], members: this.members },
    };
  }

  private connectionsOf(viewerKey: string): number {
    return this.viewers.get(viewerKey) ?? this.state.viewers.get(viewerKey) ?? 0;
  }
}

/**
 * A connection joins as `viewerKey`. Joining again as the same viewer changes
 * nothing; as another viewer the connection moves over (lastConnection: it was
 * the old viewer's last; firstConnection: it is the new viewer's first).
 */
export function join(state: PresenceState, connId: string, viewerKey: string): PresenceDecision {
  const draft = new Draft(state);
  const current = draft.viewerOf(connId);
  if (current === viewerKey) return draft.decision(false, false);
  const lastConnection = current !== undefined && draft.viewerLeaves(current);
  draft.setConnection(connId, viewerKey);
  return draft.decision(draft.viewerArrives(viewerKey), lastConnection);
}

/** A connection leaves. Unknown connection: no change. */
export function leave(state: PresenceState, connId: string): PresenceDecision {
  const draft = new Draft(state);
  const viewerKey = draft.viewerOf(connId);
  return draft.decision(false, viewerKey !== undefined && draft.removeConnection(connId, viewerKey));
}

/**
 * Every connection a dead process held goes, one by one by the leave rule;
 * unknown ones are skipped. `removed`: how many were there.
 */
export function sweep(state: PresenceState, connIds: Iterable<string>): PresenceDecision & { removed: number } {
  const draft = new Draft(state);
  let removed = 0;
  for (const connId of connIds) {
    const viewerKey = draft.viewerOf(connId);
    if (viewerKey === undefined) continue;
    draft.removeConnection(connId, viewerKey);
    removed++;
  }
  return { ...draft.decision(false, false), removed };
}

/** Writes a decision into a state kept in memory (the store step of MemoryPresence and of the test model). */
export function applyPresence(state: MutablePresenceState, writes: PresenceWrites): void {
  for (const [connId, viewerKey] of writes.connections) {
    if (viewerKey === null) state.connections.delete(connId);
    else state.connections.set(connId, viewerKey);
  }
  for (const [viewerKey, n] of writes.viewers) {
    if (n === 0) state.viewers.delete(viewerKey);
    else state.viewers.set(viewerKey, n);
  }
  state.members = writes.members;
}

/**
 * Whether a member's arrival gets a "joined the show" badge: only their first
 * arrival in the show (not a reconnect, however presence was lost), and only
 * above the lowest tier (Bronze arrivals are not announced).
 */
export function joinedBadgeDue(firstArrivalInShow: boolean, tierRank: number): boolean {
  return firstArrivalInShow && tierRank >= 1;
}
