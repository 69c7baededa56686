/**
 * The only module that touches the /live socket. It connects (with the
 * member token when there is one), binds every pushed event to a store action,
 * re-joins and refetches after each reconnect, measures the server clock
 * offset on each connection, drives the heartbeats, and exposes the typed
 * actions components call (`liveActions`).
 */
import { io, type Socket } from 'socket.io-client';
import type { LiveClientEvents, LiveServerEvents } from '../../shared/events.ts';
import { measureServerOffset } from '../common/server-clock.ts';
import type { AuthReply } from './api.ts';
import { forgetSession, loadLedger, loadMe, loadRules, refreshMemberData, refreshRoomData, serverNow, startSession } from './data.ts';
import { HeartbeatScheduler } from './heartbeat.ts';
import { streakFromCheckin } from './logic/checkin.ts';
import { newRequestId } from './logic/ids.ts';
import { api } from './api.ts';
import { loadEntered, saveEntered } from './session.ts';
import { useLiveStore } from './store/index.ts';
import type { AppErrorInfo } from './store/types.ts';

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;
type EventName = keyof LiveClientEvents;
type Payload<E extends EventName> = Parameters<LiveClientEvents[E]>[0];
type Reply<E extends EventName> = Parameters<Parameters<LiveClientEvents[E]>[1]>[0];
type Ok<E extends EventName> = Extract<Reply<E>, { ok: true }>;

/** A refused or unanswered socket call; `info.code` is the server's error code, or OFFLINE / TIMEOUT. */
export class LiveError extends Error {
  constructor(readonly info: AppErrorInfo) {
    super(info.message);
  }
  get code(): string {
    return this.info.code;
  }
}

const ACK_TIMEOUT_MS = 10_000;
const DEFAULT_HEARTBEAT_SECONDS = 15;

const st = () => useLiveStore.getState();
let socket: LiveSocket | null = null;
let room: { streamId: string; ref: string | null } | null = null;
const heartbeat = new HeartbeatScheduler(sendBeat);

async function call<E extends EventName>(event: E, payload: Payload<E>): Promise<Ok<E>> {
  if (!socket) throw new LiveError({ code: 'OFFLINE', message: 'not connected' });
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: string, payload: unknown): Promise<Reply<E>> };
  let reply: Reply<E>;
  try {
    reply = await timed.emitWithAck(event, payload);
  } catch {
    throw new LiveError({ code: 'TIMEOUT', message: 'no answer from the server' });
  }
  if (!reply.ok) throw new LiveError(reply.error as AppErrorInfo);
  return reply as Ok<E>;
}

function errorInfo(err: unknown): AppErrorInfo {
  return err instanceof LiveError ? err.info : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

function toastError(err: unknown): void {
  const { code } = errorInfo(err);
  st().pushToast({ kind: 'error', message: { key: 'error.generic', params: { code } } });
}

// ---- connection ----

/** Opens the room of a show; returns the cleanup (leave, disconnect, stop beating). */
export function connectRoom(streamId: string, ref: string | null): () => void {
  room = { streamId, ref };
  st().enterRoom(streamId);
  st().setConnection('connecting');
  void loadRules();

  const s: LiveSocket = io('/live', {
    // A function: every (re)connection sends the token held now (sign-in and sign-out change it).
    auth: (cb) => {
      const token = st().token;
      cb(token ? { token } : {});
    },
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 8000,
  });
  socket = s;
  bindEvents(s);

  const onVisibility = () => st().setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  const unsubscribe = useLiveStore.subscribe(updateHeartbeat);
  updateHeartbeat();

  return () => {
    unsubscribe();
    document.removeEventListener('visibilitychange', onVisibility);
    heartbeat.stop();
    s.removeAllListeners();
    s.disconnect();
    if (socket === s) socket = null;
    room = null;
  };
}

function bindEvents(s: LiveSocket): void {
  s.on('connect', () => {
    st().setConnection('online');
    // Countdowns run on server time: measure the offset once per connection.
    void measureServerOffset().then((offset) => st().setOffset(offset));
    void join();
  });
  s.on('disconnect', (reason) => {
    st().setJoined(false);
    st().stopCounting();
    st().setConnection('reconnecting');
    // The server closed us on purpose (e.g. draining for a restart): come back by ourselves.
    if (reason === 'io server disconnect') s.connect();
  });
  s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (err.data?.code === 'UNAUTHENTICATED' && st().token) {
      // A bad token is refused, never downgraded: drop it and come back as a guest.
      forgetSession();
      st().pushToast({ kind: 'info', message: { key: 'session.expired' } });
      s.connect();
      return;
    }
    st().setConnection('reconnecting');
    // Refusals by the server's middleware are not retried by the manager; transport errors are.
    if (!s.active) setTimeout(() => s.connect(), 3000);
  });

  s.on('presence', (e) => st().applyPresence(e));
  s.on('comment', (e) => st().applyComment(e));
  s.on('badge', (e) => st().applyBadge(e, serverNow()));
  s.on('leaderboard', (e) => st().applyLeaderboard(e));
  s.on('stream', (e) => st().applyStream(e));
  s.on('drop', (e) => st().applyDrop(e.drop));
  s.on('drop:stock', (e) => st().applyDropStock(e));
  s.on('lottery', (e) => st().applyLottery(e.lottery));
  s.on('lottery:entries', (e) => st().applyLotteryEntries(e));
  s.on('lottery:drawn', (e) => st().applyLotteryDrawn(e, serverNow()));
  s.on('points', (e) => {
    st().applyPoints(e);
    st().ledgerPoints(e, serverNow());
    st().pushToast({ kind: 'points', delta: e.delta, reason: e.reason });
  });
  s.on('tier', (e) => {
    st().applyTier(e);
    st().pushToast({ kind: 'tier', tierName: e.tier.name });
  });
}

async function join(): Promise<void> {
  if (!room) return;
  const { streamId, ref } = room;
  try {
    const ack = await call('stream:join', ref ? { streamId, ref } : { streamId });
    st().roomLoaded(ack);
    st().setJoined(true);
    if (ack.me) {
      st().setMe(ack.me);
      st().setEntered(loadEntered(ack.me.member.id));
    }
  } catch (err) {
    const { code } = errorInfo(err);
    if (code === 'NOT_LIVE') {
      const found = await api.stream(streamId).catch(() => null);
      st().setRoomStatus('ended', found?.stream ?? null);
    } else if (code === 'NOT_FOUND' || code === 'VALIDATION') {
      st().setRoomStatus('not-found');
      return;
    } else {
      st().setRoomStatus('error');
      return;
    }
  }
  await refreshRoomData(streamId);
}

// ---- heartbeats ----

function updateHeartbeat(): void {
  const s = st();
  heartbeat.update({
    canSend: s.connection === 'online' && s.joined && s.stream?.status === 'live',
    visible: s.watch.visible,
    playing: s.watch.playing,
    everyMs: (s.rules?.watch.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS) * 1000,
  });
}

function sendBeat(beat: { visible: boolean; playing: boolean }): void {
  if (!room) return;
  const isGuest = !st().token;
  const countable = beat.visible && beat.playing;
  call('watch:heartbeat', { streamId: room.streamId, ...beat })
    .then((reply) => {
      st().applyHeartbeat(reply, { isGuest, countable });
      st().applyBalance(reply.balance);
    })
    .catch((err) => {
      const { code } = errorInfo(err);
      if (code === 'FORBIDDEN') void join(); // the server forgot our join (restart): join again
      if (code === 'NOT_LIVE') void api.stream(room!.streamId).then(({ stream }) => st().applyStream({ stream }), () => undefined);
    });
}

// ---- actions ----

function streamIdOrThrow(): string {
  if (!room) throw new LiveError({ code: 'OFFLINE', message: 'not in a room' });
  return room.streamId;
}

function memberOnly(): boolean {
  if (st().token) return true;
  st().openAuth('signup');
  return false;
}

export const liveActions = {
  /** "Still watching?" — open the chest the last heartbeat offered. */
  async openChest(): Promise<void> {
    if (st().chestBusy || !memberOnly()) return;
    st().setChestBusy(true);
    try {
      const r = await call('watch:chest', { streamId: streamIdOrThrow() });
      st().applyBalance(r.balance);
      st().chestGone();
      st().resumed();
    } catch (err) {
      if (errorInfo(err).code === 'NOT_READY') st().chestGone();
      else toastError(err);
    } finally {
      st().setChestBusy(false);
    }
  },

  async checkIn(): Promise<void> {
    if (st().checkin.status !== 'idle' || !memberOnly()) return;
    st().setCheckin('busy');
    try {
      const r = await call('interact', { streamId: streamIdOrThrow(), kind: 'checkin', requestId: newRequestId() });
      st().applyBalance(r.balance);
      st().resumed();
      const rules = st().rules;
      st().setCheckin('done', !r.capped && rules ? streakFromCheckin(r.awarded, rules.checkin) : undefined);
      if (r.capped) st().pushToast({ kind: 'info', message: { key: 'checkin.already' } });
    } catch (err) {
      st().setCheckin('idle');
      toastError(err);
    }
  },

  /** Each tap is its own like (its own requestId); paid up to the show's cap. */
  async like(): Promise<void> {
    if (!memberOnly()) return;
    st().setLikeBusy(true);
    try {
      const r = await call('interact', { streamId: streamIdOrThrow(), kind: 'like', requestId: newRequestId() });
      st().applyBalance(r.balance);
      st().resumed();
      st().setLikeBusy(false, r.capped);
    } catch (err) {
      st().setLikeBusy(false);
      toastError(err);
    }
  },

  /** Sends a comment; resolves with the refusal code, or null when it went out. */
  async comment(text: string): Promise<string | null> {
    if (!memberOnly()) return 'UNAUTHENTICATED';
    try {
      const r = await call('interact', { streamId: streamIdOrThrow(), kind: 'comment', text, requestId: newRequestId() });
      st().applyBalance(r.balance);
      st().resumed();
      return null;
    } catch (err) {
      return errorInfo(err).code;
    }
  },

  /** The show's link; a member's carries `?ref=` so friends who watch earn them share points. */
  async shareLink(): Promise<string> {
    const streamId = streamIdOrThrow();
    if (st().token) {
      try {
        return (await call('share:link', { streamId })).url;
      } catch {
        // fall through to the plain link
      }
    }
    return `${location.origin}/live/${encodeURIComponent(streamId)}`;
  },

  /**
   * Claims one unit of a drop. A second tap while the first is in flight does
   * nothing; the requestId is kept until a claim succeeds, so a retry after a
   * lost answer is the same claim on the server, never a second one.
   */
  async claimDrop(dropId: string): Promise<void> {
    if (!memberOnly()) return;
    const s = st();
    if (s.claimBusy[dropId]) return;
    const requestId = s.claimRequests[dropId] ?? newRequestId();
    s.claimStarted(dropId, requestId);
    try {
      const { claim } = await call('drop:claim', { dropId, requestId });
      st().claimSucceeded(claim);
    } catch (err) {
      st().claimFailed(dropId, errorInfo(err));
    }
  },

  async enterLottery(lotteryId: string): Promise<void> {
    if (!memberOnly()) return;
    const s = st();
    if (s.enterBusy[lotteryId] || s.entered[lotteryId] !== undefined) return;
    s.enterStarted(lotteryId);
    try {
      const { entry } = await call('lottery:enter', { lotteryId });
      st().enterSucceeded(lotteryId, entry.weight);
      const me = st().me;
      if (me) saveEntered(me.member.id, st().entered);
    } catch (err) {
      st().enterFailed(lotteryId, errorInfo(err));
    }
  },

  /**
   * Signed up or logged in (sheet or shop SSO) without leaving the room: the
   * socket becomes the member's (`session:upgrade`), which credits the watch
   * time this page earned as a guest.
   */
  async signedIn(reply: AuthReply): Promise<void> {
    startSession(reply);
    st().closeAuth();
    if (socket?.connected && room) {
      try {
        const { me, awarded } = await call('session:upgrade', { token: reply.token });
        st().setMe(me);
        st().setEntered(loadEntered(me.member.id));
        st().pushToast({
          kind: 'info',
          message: awarded > 0 ? { key: 'auth.welcomeKept', params: { name: me.member.displayName, points: awarded } } : { key: 'auth.welcome', params: { name: me.member.displayName } },
        });
        st().resetWatch();
        await refreshMemberData();
        return;
      } catch {
        // e.g. the connection dropped meanwhile: reconnecting with the token joins as the member
        socket.disconnect().connect();
        return;
      }
    }
    await loadMe();
    const me = st().me;
    if (me) st().pushToast({ kind: 'info', message: { key: 'auth.welcome', params: { name: me.member.displayName } } });
  },

  /** Back to guest: forget the token and reconnect without it. */
  signOut(): void {
    forgetSession();
    st().resetWatch();
    if (socket) socket.disconnect().connect();
  },

  loadMoreLedger: () => loadLedger(true),
  reloadLedger: () => loadLedger(false),
};

export type LiveActions = typeof liveActions;
