/**
 * The one place the overlay touches its socket: opens it, binds every server
 * event to a store action, and keeps it connected for hours without a reload.
 *
 * Staying connected:
 * - network loss, a killed server, a ping timeout: socket.io's manager
 *   reconnects by itself, backoff 0.5 s doubling to at most 5 s, forever;
 * - a refused handshake (the server's middleware said no, e.g. while it
 *   restarts, or a token it cannot check yet) and a server-side disconnect
 *   (a server shutting down disconnects every socket) leave the socket
 *   inactive: socket.io would give up, so we retry with the same backoff;
 * - connected but no snapshot within SNAPSHOT_TIMEOUT_MS: reconnect, since a
 *   room without its snapshot would drift.
 * Every (re)connect re-measures the server clock offset and re-reads the
 * tiers' names; the snapshot the server sends on connect replaces the room.
 * Every snapshot of a show is followed by a read of its community goals
 * (the snapshot does not carry them); a `goals` push that came meanwhile is
 * newer, so the read is then dropped.
 */
import { io, type Socket } from 'socket.io-client';
import { apiFetch } from '../client/common/api.ts';
import { sampleServerOffset } from '../client/common/server-clock.ts';
import type { GoalView } from '../shared/community-goals.ts';
import type { OverlayServerEvents } from '../shared/events.ts';
import type { Rules, Tier } from '../shared/rules.ts';
import type { OverlayStore } from './store/index.ts';

export type OverlaySocket = Socket<OverlayServerEvents, Record<string, never>>;

export const RECONNECT_DELAY_MS = 500;
export const RECONNECT_DELAY_MAX_MS = 5000;
export const SNAPSHOT_TIMEOUT_MS = 10_000;
/** A failed read of the show's goals is tried this many times in all (the next push brings them anyway once they move). */
export const GOALS_FETCH_ATTEMPTS = 3;

export interface OverlayConnectOptions {
  token: string | null;
  streamId: string | null;
  /** server origin; same origin (the server serves the overlay) when omitted */
  url?: string;
}

export function openOverlaySocket(options: OverlayConnectOptions): OverlaySocket {
  const auth: Record<string, string> = {};
  if (options.token) auth.token = options.token;
  if (options.streamId) auth.streamId = options.streamId;
  return io(`${options.url ?? ''}/overlay`, {
    auth,
    reconnection: true,
    reconnectionAttempts: Number.POSITIVE_INFINITY,
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: 0.3,
    timeout: 8000,
    // WebSocket first (works across processes without sticky sessions); long-polling if a proxy blocks it.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}

export interface BindingDeps {
  measureOffset: () => Promise<number>;
  fetchTiers: () => Promise<Tier[]>;
  /** the show's community goals (GET /api/streams/:id/goals); without it the goals come with the pushes only */
  fetchGoals?: (streamId: string) => Promise<GoalView[]>;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  random: () => number;
}

export const browserBindingDeps: BindingDeps = {
  // No answer at all (a server still starting) rejects, so the last good offset stays: an offset of 0
  // from a device whose clock is off would expire countdowns and winners early.
  measureOffset: async () => {
    const ms = await sampleServerOffset();
    if (ms === null) throw new Error('no server time');
    return ms;
  },
  fetchTiers: async () => (await apiFetch<{ rules: Rules }>('/api/rules')).rules.tiers,
  fetchGoals: async (streamId) => (await apiFetch<{ goals: GoalView[] }>(`/api/streams/${encodeURIComponent(streamId)}/goals`)).goals,
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  random: Math.random,
};

/** 0.5 s, 1 s, 2 s, 4 s, then 5 s; ±30 % so a room of overlays does not return in lockstep. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** Math.min(attempt, 10));
  return Math.min(RECONNECT_DELAY_MAX_MS, Math.round(base * (0.7 + 0.6 * random())));
}

/** Binds the socket to the store; returns the unbinding (it also stops the retries). */
export function bindOverlaySocket(socket: OverlaySocket, store: OverlayStore, deps: BindingDeps = browserBindingDeps): () => void {
  const act = () => store.getState();
  let attempt = 0;
  let retryTimer: unknown = null;
  let snapshotTimer: unknown = null;
  let goalsTimer: unknown = null;
  let connection = 0; // which connect a late clock/rules answer belongs to
  let goalsPushed = 0; // pushes of the followed show's goals: a read started before one is stale

  const clearTimer = (handle: unknown) => {
    if (handle !== null) deps.clearTimeout(handle);
    return null;
  };

  /** socket.io gave up on this socket (refused, or disconnected by the server): connect again later. */
  const retryIfInactive = () => {
    if (socket.active || retryTimer !== null) return;
    retryTimer = deps.setTimeout(() => {
      retryTimer = null;
      if (!socket.active) socket.connect();
    }, retryDelay(attempt++, deps.random));
  };

  const refreshServerFacts = (id: number) => {
    deps
      .measureOffset()
      .then((ms) => id === connection && act().setOffset(ms))
      .catch(() => undefined); // keep the last offset
    deps
      .fetchTiers()
      .then((tiers) => id === connection && act().setTiers(tiers))
      .catch(() => undefined); // names fall back to the tier ids
  };

  /** The show's goals, read after its snapshot; dropped when a push came meanwhile, retried a few times on failure. */
  const readGoals = (streamId: string, attemptNo = 0) => {
    const fetchGoals = deps.fetchGoals;
    if (!fetchGoals) return;
    const [id, pushed] = [connection, goalsPushed];
    fetchGoals(streamId).then(
      (goals) => id === connection && pushed === goalsPushed && act().receiveGoals({ streamId, goals }),
      () => {
        if (id !== connection || attemptNo + 1 >= GOALS_FETCH_ATTEMPTS) return;
        goalsTimer = deps.setTimeout(() => {
          goalsTimer = null;
          if (id === connection) readGoals(streamId, attemptNo + 1);
        }, retryDelay(attemptNo, deps.random));
      },
    );
  };

  /** A push about the followed show's goals: counted (it outdates reads in flight), then applied. */
  const goalsPush =
    <E extends { streamId: string }>(apply: (e: E) => void) =>
    (e: E) => {
      if (e.streamId === act().room.stream?.id) goalsPushed++;
      apply(e);
    };

  const onConnect = () => {
    attempt = 0;
    retryTimer = clearTimer(retryTimer);
    act().setConnected();
    refreshServerFacts(++connection);
    snapshotTimer = clearTimer(snapshotTimer);
    snapshotTimer = deps.setTimeout(() => {
      snapshotTimer = null;
      socket.disconnect(); // no snapshot: start over rather than show a room that may be stale
      retryIfInactive();
    }, SNAPSHOT_TIMEOUT_MS);
  };

  const onConnectError = (err: Error & { data?: { code?: string } }) => {
    act().setReconnecting(err.data?.code ? 'refused' : 'network');
    retryIfInactive();
  };

  const onDisconnect = () => {
    snapshotTimer = clearTimer(snapshotTimer);
    act().setReconnecting('network');
    retryIfInactive();
  };

  const onSnapshot: OverlayServerEvents['snapshot'] = (snapshot) => {
    snapshotTimer = clearTimer(snapshotTimer);
    goalsTimer = clearTimer(goalsTimer);
    act().receiveSnapshot(snapshot);
    if (snapshot.stream) readGoals(snapshot.stream.id);
  };

  const handlers: { [E in keyof OverlayServerEvents]: OverlayServerEvents[E] } = {
    snapshot: onSnapshot,
    presence: (e) => act().receivePresence(e),
    badge: (e) => act().receiveBadge(e),
    comment: () => undefined, // the overlay does not show the chat
    leaderboard: (e) => act().receiveLeaderboard(e),
    stream: (e) => act().receiveStream(e),
    drop: (e) => act().receiveDrop(e.drop),
    'drop:pin': (e) => act().receiveDropPin(e),
    'drop:stock': (e) => act().receiveDropStock(e),
    lottery: (e) => act().receiveLottery(e.lottery),
    'lottery:entries': (e) => act().receiveLotteryEntries(e),
    'lottery:drawn': (e) => act().receiveLotteryDrawn(e),
    'reward:alert': (e) => act().receiveRewardAlert(e),
    achievement: (e) => act().receiveAchievement(e),
    goals: goalsPush((e) => act().receiveGoals(e)),
    'goal:completed': goalsPush((e) => act().receiveGoalCompleted(e)),
  };

  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  socket.on('disconnect', onDisconnect);
  for (const [event, handler] of Object.entries(handlers)) socket.on(event as keyof OverlayServerEvents, handler as never);
  if (socket.connected) onConnect();

  return () => {
    retryTimer = clearTimer(retryTimer);
    snapshotTimer = clearTimer(snapshotTimer);
    goalsTimer = clearTimer(goalsTimer);
    connection++; // a read still in flight lands nowhere
    socket.off('connect', onConnect);
    socket.off('connect_error', onConnectError);
    socket.off('disconnect', onDisconnect);
    for (const [event, handler] of Object.entries(handlers)) socket.off(event as keyof OverlayServerEvents, handler as never);
  };
}
