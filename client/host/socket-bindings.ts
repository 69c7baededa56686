/**
 * The one place the dashboard touches sockets. It follows the store: a token
 * opens /host (stats, show changes) and /live (the focused show's room, as a
 * host-token guest); the focused show decides which room to sit in. Every
 * pushed event goes to a store action; the server clock offset is measured
 * once per /host connection. Components never see a socket.
 */
import { io, type Socket } from 'socket.io-client';
import type { HostServerEvents, LiveClientEvents, LiveServerEvents } from '../../shared/events.ts';
import { measureServerOffset } from '../common/server-clock.ts';
import { useHostStore } from './store/index.ts';
import { selectRoomShowId } from './store/selectors.ts';
import type { HostState } from './store/types.ts';

type HostSocket = Socket<HostServerEvents, Record<string, never>>;
type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;
type Store = typeof useHostStore;

const refusedCode = (err: Error) => (err as Error & { data?: { code?: string } }).data?.code;

export function bindSockets(store: Store = useHostStore): () => void {
  const act = (): HostState => store.getState();
  const serverNow = () => Date.now() + act().clockOffset;

  let host: HostSocket | null = null;
  let live: LiveSocket | null = null;
  /** the room this socket is in, and the one it is asking to join */
  let joined: string | null = null;
  let joining: string | null = null;

  const refused = (err: Error, which: 'host' | 'live') => {
    const code = refusedCode(err);
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') act().sessionExpired();
    else act().setLink(which, 'connecting');
  };

  function syncRoom(): void {
    if (!live?.connected) return;
    const want = selectRoomShowId(act());
    if (want === joined || (want !== null && want === joining)) return;
    if (joined) {
      live.emit('stream:leave', { streamId: joined }, () => undefined);
      joined = null;
    }
    if (!want) return;
    joining = want;
    const socket = live;
    socket.emit('stream:join', { streamId: want }, (reply) => {
      if (joining === want) joining = null;
      if (socket !== live) return;
      if (!reply.ok) {
        // the show ended meanwhile: the list catches up and the room is left alone
        if (reply.error.code === 'NOT_LIVE' || reply.error.code === 'NOT_FOUND') void act().loadShows();
        return;
      }
      joined = want;
      act().receiveStream(reply.stream);
      act().receivePresence({ streamId: want, viewers: reply.viewers, members: reply.members }, serverNow());
      void act().loadPerks(want); // resync whatever was pushed while we were away
      syncRoom(); // the focus may have moved while joining
    });
  }

  function connect(token: string): void {
    act().setLink('host', 'connecting');
    act().setLink('live', 'connecting');

    host = io('/host', { auth: { token } });
    host.on('connect', () => {
      act().setLink('host', 'online');
      void measureServerOffset().then((ms) => act().setClockOffset(ms));
      void act().loadShows();
    });
    host.on('disconnect', () => act().setLink('host', 'connecting'));
    host.on('connect_error', (err) => refused(err, 'host'));
    host.on('stats', (stats) => act().receiveStats(stats, serverNow()));
    host.on('stream', ({ stream }) => act().receiveStream(stream));

    live = io('/live', { auth: { token } });
    live.on('connect', () => {
      act().setLink('live', 'online');
      joined = null;
      joining = null;
      syncRoom();
    });
    live.on('disconnect', () => {
      act().setLink('live', 'connecting');
      joined = null;
      joining = null;
    });
    live.on('connect_error', (err) => refused(err, 'live'));
    live.on('presence', (e) => act().receivePresence(e, serverNow()));
    live.on('comment', (e) => act().receiveComment(e));
    live.on('badge', (e) => act().receiveBadge(e, serverNow()));
    live.on('stream', ({ stream }) => act().receiveStream(stream));
    live.on('drop', ({ drop }) => act().receiveDrop(drop));
    live.on('drop:stock', (e) => act().receiveDropStock(e));
    live.on('lottery', ({ lottery }) => act().receiveLottery(lottery));
    live.on('lottery:entries', (e) => act().receiveLotteryEntries(e));
    live.on('lottery:drawn', (e) => act().receiveLotteryDrawn(e, serverNow()));
  }

  function disconnect(): void {
    host?.disconnect();
    live?.disconnect();
    host = live = null;
    joined = joining = null;
    act().setLink('host', 'offline');
    act().setLink('live', 'offline');
  }

  const token = act().token;
  if (token) connect(token);

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.token !== prev.token) {
      disconnect();
      if (state.token) connect(state.token);
      return;
    }
    if (state.streams !== prev.streams || state.focusedShowId !== prev.focusedShowId) syncRoom();
  });

  return () => {
    unsubscribe();
    disconnect();
  };
}
