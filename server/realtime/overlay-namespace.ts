/**
 * Namespace /overlay: the OBS browser source. It only listens: any event it
 * sends is refused. It follows the show named by `streamId` in its handshake,
 * else whichever show is live, switching by itself when another one starts.
 */
import type { Namespace, Socket } from 'socket.io';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { OverlaySnapshot } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../services/auth-service.ts';
import type { Services } from '../services/services.ts';
import { streamRoom } from './live-namespace.ts';
import { authenticate } from './socket-auth.ts';

const FOLLOW_LIVE_ROOM = 'follow-live';
/** Every socket of one overlay token: revoking or rotating the token cuts them, on every process. */
export const overlayTokenRoom = (tokenId: string) => `overlay-token:${tokenId}`;
/** Server-side event between processes: a show went live or ended. */
const SWITCH_EVENT = 'overlay:switch';

interface OverlayData {
  following: string | null;
}

export const SNAPSHOT_LEADERBOARD_SIZE = 10;

export function setupOverlayNamespace(nsp: Namespace, s: Services, log: Logger, clustered: boolean) {
  nsp.use(authenticate(s.auth, (p) => p.role === 'overlay' || p.role === 'host', 'an overlay token is required'));

  const snapshotFor = async (stream: Stream | null): Promise<OverlaySnapshot> => {
    if (!stream) return { stream: null, viewers: 0, members: 0, leaderboard: [], drops: [], lotteries: [], pinnedDropId: null };
    const [{ viewers, members }, leaderboard, drops, lotteries, { pinnedDropId }] = await Promise.all([
      s.presence.count(stream.id),
      s.leaderboard.top(stream.id, SNAPSHOT_LEADERBOARD_SIZE),
      s.drops.listForStream(stream.id),
      s.lotteries.listForStream(stream.id),
      s.overlayPins.pinnedOf(stream.id),
    ]);
    return { stream, viewers, members, leaderboard, drops: drops.filter((d) => d.status !== 'closed'), lotteries, pinnedDropId };
  };

  const currentLive = async (): Promise<Stream | null> => {
    const live = await s.streams.list('live');
    return live.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0] ?? null;
  };

  const follow = async (socket: Socket, stream: Stream | null) => {
    const data = socket.data as OverlayData;
    if (data.following && data.following !== stream?.id) await socket.leave(streamRoom(data.following));
    data.following = stream?.id ?? null;
    if (stream) await socket.join(streamRoom(stream.id));
    socket.emit('snapshot', await snapshotFor(stream));
  };

  /**
   * On this process: overlays that follow "whatever is live" move to the show
   * that just went live; when their show ends, to the newest show still live.
   */
  const switchLocalFollowers = async (changedId: string) => {
    // From the store, not the 1 s cache: another process may have just changed it.
    const changed = await s.streams.fresh(changedId);
    if (!changed) return;
    const sockets = await nsp.local.in(FOLLOW_LIVE_ROOM).fetchSockets();
    let fallback: Stream | null | undefined;
    for (const remote of sockets) {
      const socket = nsp.sockets.get(remote.id);
      if (!socket) continue;
      const following = (socket.data as OverlayData).following;
      if (changed.status === 'live' && following !== changed.id) await follow(socket, changed);
      if (changed.status === 'ended' && following === changed.id) await follow(socket, (fallback ??= await currentLive()));
    }
  };
  const switchFailed = (err: unknown) => warnUnlessOutage(log, err, {}, 'overlay switch failed');

  nsp.on(SWITCH_EVENT, (streamId: string) => void switchLocalFollowers(streamId).catch(switchFailed));

  // A pin reaches the show's overlays on every process (the adapter carries the room emit).
  s.events.on('dropPinned', (event) => nsp.to(streamRoom(event.streamId)).emit('drop:pin', event));

  // Emitted once, by the process that revoked; the adapter carries the disconnect to the others.
  s.events.on('overlayTokenEnded', (tokenId) => nsp.in(overlayTokenRoom(tokenId)).disconnectSockets(true));

  /**
   * Joins the token's room, then looks again: a revocation that landed between
   * the handshake's check and the join found no socket in the room to cut.
   * Returns false when the socket was cut.
   */
  const joinTokenRoom = async (socket: Socket): Promise<boolean> => {
    const principal = socket.data.principal as Principal;
    if (principal.role !== 'overlay') return true;
    await socket.join(overlayTokenRoom(principal.tokenId));
    const active = await s.auth.overlayTokenStillActive(principal.tokenId);
    if (!active) socket.disconnect(true);
    return active;
  };

  nsp.on('connection', async (socket: Socket) => {
    socket.onAny((...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack({ ok: false, error: { code: ErrorCode.FORBIDDEN, message: 'the overlay only listens' } });
    });
    (socket.data as OverlayData).following = null;
    try {
      if (!(await joinTokenRoom(socket))) return;
      const requested = typeof socket.handshake.auth.streamId === 'string' ? socket.handshake.auth.streamId : null;
      if (requested) {
        await follow(socket, await s.streams.get(requested).catch(() => null));
      } else {
        await socket.join(FOLLOW_LIVE_ROOM);
        await follow(socket, await currentLive());
      }
    } catch (err) {
      warnUnlessOutage(log, err, {}, 'overlay snapshot failed');
    }
  });

  return {
    /** A show changed status: tell every process's followers (and this one's). */
    streamChanged(stream: Stream): void {
      nsp.to(streamRoom(stream.id)).emit('stream', { stream });
      if (clustered) nsp.serverSideEmit(SWITCH_EVENT, stream.id);
      void switchLocalFollowers(stream.id).catch(switchFailed);
    },
  };
}
