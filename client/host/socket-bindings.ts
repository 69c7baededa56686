/**
 * The one place the dashboard touches sockets. The binding follows the
 * store: while a host token is held it keeps /host (stats, show changes) and
 * /live (the focused show's room, as a host-token guest) connected; the
 * focused show decides which room to sit in. Every pushed event goes to a
 * store action; the server clock offset is measured once per /host
 * connection. Components never see a socket.
 */
import { io, type Socket } from 'socket.io-client';
import type { HostServerEvents, LiveClientEvents, LiveServerEvents } from '../../shared/events.ts';
import { measureServerOffset } from '../common/server-clock.ts';
import type { HostState, HostStore } from './store/index.ts';
import { selectRoomShowId } from './store/selectors.ts';

type HostSocket = Socket<HostServerEvents, Record<string, never>>;
type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;
export interface HostSockets {
  host: HostSocket;
  live: LiveSocket;
}

const refusedCode = (err: Error) => (err as Error & { data?: { code?: string } }).data?.code;

/** The dashboard's two sockets, not yet connected; each (re)connection sends the token held then. */
export function openHostSockets(token: () => string | null): HostSockets {
  const auth = (cb: (data: object) => void) => cb({ token: token() ?? '' });
  return { host: io('/host', { autoConnect: false, auth }), live: io('/live', { autoConnect: false, auth }) };
}

/** Binds the sockets to the store; returns the unbinding (it also disconnects). */
export function bindHostSocket({ host, live }: HostSockets, store: HostStore): () => void {
  const act = (): HostState => store.getState();
  const serverNow = () => Date.now() + act().clockOffset;

  /** the room the /live socket is in, and the one it is asking to join */
  let joined: string | null = null;
  let joining: string | null = null;

  const refused = (err: Error, which: 'host' | 'live') => {
    const code = refusedCode(err);
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') act().sessionExpired();
    else act().setLink(which, 'connecting');
  };

  function syncRoom(): void {
    if (!live.connected) return;
    const want = selectRoomShowId(act());
    if (want === joined || (want !== null && want === joining)) return;
    if (joined) {
      live.emit('stream:leave', { streamId: joined }, () => undefined);
      joined = null;
    }
    if (!want) return;
    joining = want;
    live.emit('stream:join', { streamId: want }, (reply) => {
      if (joining === want) joining = null;
      if (!live.connected) return;
      if (!reply.ok) {
        // the show ended meanwhile: the list catches up and the room is left alone
        if (reply.error.code === 'NOT_LIVE' || reply.error.code === 'NOT_FOUND') void act().loadShows();
        return;
      }
      joined = want;
      act().receiveStream(reply.stream);
      act().receivePresence({ streamId: want, viewers: reply.viewers, members: reply.members }, serverNow());
      void act().loadPerks(want); // resync whatever was pushed while we were away
      void act().loadModeration(want);
      syncRoom(); // the focus may have moved while joining
    });
  }

  const forgetRoom = () => {
    joined = null;
    joining = null;
  };

  host.on('connect', () => {
    act().setLink('host', 'online');
    void measureServerOffset().then((ms) => act().setClockOffset(ms));
    void act().loadShows();
    act().resyncRewards(); // redemptions pushed while disconnected
  });
  host.on('disconnect', () => act().setLink('host', 'connecting'));
  host.on('connect_error', (err) => refused(err, 'host'));
  host.on('stats', (stats) => act().receiveStats(stats, serverNow()));
  host.on('stream', ({ stream }) => act().receiveStream(stream));
  host.on('claim', ({ claim }) => act().receiveClaim(claim));
  host.on('redemption', ({ redemption }) => act().receiveRedemption(redemption));
  host.on('goal:completed', (e) => act().receiveGoalCompleted(e));

  live.on('connect', () => {
    act().setLink('live', 'online');
    forgetRoom();
    syncRoom();
  });
  live.on('disconnect', () => {
    act().setLink('live', 'connecting');
    forgetRoom();
  });
  live.on('connect_error', (err) => refused(err, 'live'));
  live.on('presence', (e) => act().receivePresence(e, serverNow()));
  live.on('comment', (e) => act().receiveComment(e));
  live.on('comment:removed', (e) => act().receiveCommentRemoved(e));
  live.on('moderation', (e) => act().receiveModeration(e));
  live.on('badge', (e) => act().receiveBadge(e, serverNow()));
  live.on('stream', ({ stream }) => act().receiveStream(stream));
  live.on('drop', ({ drop }) => act().receiveDrop(drop));
  live.on('drop:stock', (e) => act().receiveDropStock(e));
  live.on('lottery', ({ lottery }) => act().receiveLottery(lottery));
  live.on('lottery:entries', (e) => act().receiveLotteryEntries(e));
  live.on('lottery:drawn', (e) => act().receiveLotteryDrawn(e, serverNow()));

  function connect(): void {
    act().setLink('host', 'connecting');
    act().setLink('live', 'connecting');
    host.connect();
    live.connect();
  }

  function disconnect(): void {
    host.disconnect();
    live.disconnect();
    forgetRoom();
    act().setLink('host', 'offline');
    act().setLink('live', 'offline');
  }

  if (act().token) connect();

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.token !== prev.token) {
      disconnect();
      if (state.token) connect();
      return;
    }
    if (state.streams !== prev.streams || state.focusedShowId !== prev.focusedShowId) syncRoom();
  });

  return () => {
    unsubscribe();
    disconnect();
    host.removeAllListeners();
    live.removeAllListeners();
  };
}
