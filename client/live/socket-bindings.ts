/**
 * The only module that touches the /live socket. It opens the socket (with
 * the member token held at each (re)connection, when there is one), makes the
 * store's channel to it (requests and their acks), and binds it to the store:
 * connected while a room is entered, joined again after every reconnect (the
 * store refetches what the join ack does not carry), every pushed event to a
 * store action, the server clock offset measured on each connection,
 * heartbeats sent while the viewer watches.
 */
import { io, type Socket } from 'socket.io-client';
import type { LiveClientEvents, LiveServerEvents } from '../../shared/events.ts';
import { measureServerOffset } from '../common/server-clock.ts';
import { HeartbeatScheduler } from './logic/heartbeat.ts';
import { LiveError, type EventName, type LiveChannel, type Ok, type Payload, type Reply } from './store/deps.ts';
import type { LiveState, LiveStore } from './store/index.ts';
import type { AppErrorInfo } from './store/types.ts';

export type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

const ACK_TIMEOUT_MS = 10_000;
const DEFAULT_HEARTBEAT_SECONDS = 15;
/** After a refusal by the server's middleware (which socket.io does not retry), try again this much later. */
const REFUSED_RETRY_MS = 3000;

/** The socket, not yet connected: the binding connects it while a room is entered. */
export function openLiveSocket(token: () => string | null): LiveSocket {
  return io('/live', {
    autoConnect: false,
    // A function: every (re)connection sends the token held now (sign-in and sign-out change it).
    auth: (cb) => {
      const held = token();
      cb(held ? { token: held } : {});
    },
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 8000,
  });
}

/** The store's requests over the socket: each waits for its ack, at most ACK_TIMEOUT_MS. */
export function socketChannel(socket: LiveSocket): LiveChannel {
  return {
    async call<E extends EventName>(event: E, payload: Payload<E>): Promise<Ok<E>> {
      if (!socket.active) throw new LiveError({ code: 'OFFLINE', message: 'not connected' });
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: string, payload: unknown): Promise<Reply<E>> };
      let reply: Reply<E>;
      try {
        reply = await timed.emitWithAck(event, payload);
      } catch {
        throw new LiveError({ code: 'TIMEOUT', message: 'no answer from the server' });
      }
      if (!reply.ok) throw new LiveError(reply.error as AppErrorInfo);
      return reply as Ok<E>;
    },
    reconnect() {
      if (socket.active) socket.disconnect().connect();
    },
  };
}

/** Binds the socket to the store; returns the unbinding (it also disconnects). */
export function bindLiveSocket(socket: LiveSocket, store: LiveStore): () => void {
  const act = (): LiveState => store.getState();
  const heartbeat = new HeartbeatScheduler((beat) => act().sendHeartbeat(beat));
  let retry: ReturnType<typeof setTimeout> | null = null;
  const clearRetry = () => {
    if (retry !== null) clearTimeout(retry);
    retry = null;
  };

  socket.on('connect', () => {
    act().setConnection('online');
    // Countdowns run on server time: measure the offset once per connection.
    void measureServerOffset().then((offset) => act().setOffset(offset));
    void act().joinRoom();
  });
  socket.on('disconnect', (reason) => {
    act().setJoined(false);
    act().stopCounting();
    if (!act().streamId) return act().setConnection('idle'); // we left the room
    act().setConnection('reconnecting');
    // The server closed us on purpose (e.g. draining for a restart): come back by ourselves.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'UNAUTHENTICATED' && act().token) {
      // A bad token is refused, never downgraded: drop it and come back as a guest.
      act().sessionRefused();
      socket.connect();
      return;
    }
    act().setConnection('reconnecting');
    // Refusals by the server's middleware are not retried by the manager; transport errors are.
    if (!socket.active && retry === null) {
      retry = setTimeout(() => {
        retry = null;
        if (act().streamId && !socket.active) socket.connect();
      }, REFUSED_RETRY_MS);
    }
  });

  socket.on('presence', (e) => act().applyPresence(e));
  socket.on('comment', (e) => act().applyComment(e));
  socket.on('comment:removed', (e) => act().applyCommentRemoved(e));
  socket.on('moderation', (e) => act().applyModeration(e));
  socket.on('badge', (e) => act().applyBadge(e, act().serverNow()));
  socket.on('leaderboard', (e) => act().applyLeaderboard(e));
  socket.on('goals', (e) => act().applyGoals(e));
  socket.on('goal:completed', (e) => act().applyGoalCompleted(e));
  socket.on('stream', (e) => act().applyStream(e));
  socket.on('drop', (e) => act().applyDrop(e.drop));
  socket.on('drop:stock', (e) => act().applyDropStock(e));
  socket.on('claim', (e) => act().applyClaimPush(e.claim));
  socket.on('lottery', (e) => act().applyLottery(e.lottery));
  socket.on('lottery:entries', (e) => act().applyLotteryEntries(e));
  socket.on('lottery:drawn', (e) => act().applyLotteryDrawn(e, act().serverNow()));
  // Made here or in another tab, or settled by the host: My rewards updates at once (the balance comes as `points`).
  socket.on('redemption', (e) => act().applyRedemption(e.redemption));
  socket.on('points', (e) => {
    act().applyPoints(e);
    act().ledgerPoints(e, act().serverNow());
    // A refund taken from a spent balance moves nothing there: no "+0" toast.
    if (e.delta !== 0) act().pushToast({ kind: 'points', delta: e.delta, reason: e.reason });
    // Whatever earned them may count toward a mission too (the gate keeps a like storm to a read every few seconds).
    if (e.delta > 0) act().refreshMissions('points');
  });
  socket.on('mission:completed', (e) => act().applyMissionCompleted(e));
  socket.on('badge:unlocked', (e) => act().applyBadgeUnlocked(e));
  socket.on('tier', (e) => {
    act().applyTier(e);
    // A lower tier (a refunded purchase) updates the card quietly: the points toast already said why.
    if (e.tier.minPoints > e.previous.minPoints) act().pushToast({ kind: 'tier', tierName: e.tier.name, tierId: e.tier.id });
  });

  /** Beats go out only while joined to a live show, visible and playing (logic/heartbeat.ts). */
  const updateHeartbeat = (s: LiveState) =>
    heartbeat.update({
      canSend: s.connection === 'online' && s.joined && s.stream?.status === 'live',
      visible: s.watch.visible,
      playing: s.watch.playing,
      everyMs: (s.rules?.watch.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS) * 1000,
    });

  /** The socket follows the store: connected while a room is entered. */
  const follow = (state: LiveState, prev: LiveState | null) => {
    if (state.streamId !== (prev?.streamId ?? null)) {
      if (prev?.streamId) {
        clearRetry();
        heartbeat.stop();
        socket.disconnect();
      }
      if (state.streamId) socket.connect();
    }
    updateHeartbeat(act());
  };
  const unsubscribe = store.subscribe(follow);
  follow(act(), null);

  return () => {
    unsubscribe();
    clearRetry();
    heartbeat.stop();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
