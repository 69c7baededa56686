/**
 * Namespace /live: the viewer room. Members and guests join shows, beat,
 * interact; every event is parsed and acked through `handle`.
 * Rooms: `stream:<id>` for a show's audience, `member:<id>` for one member's tabs,
 * `session:<jti>` for the tabs of one member session (a logout cuts them alone).
 */
import type { Namespace, Socket } from 'socket.io';
import { ErrorCode } from '../../shared/error-codes.ts';
import {
  ChestPayload,
  HeartbeatPayload,
  InteractPayload,
  JoinPayload,
  LeavePayload,
  ShareLinkPayload,
  UpgradePayload,
} from '../../shared/schemas.ts';
import { ClaimPayload, ClaimPrizePayload, EnterLotteryPayload } from '../../shared/perks.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { WatchState } from '../domain/watch.ts';
import { AppError, refused, unauthenticated } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../services/auth-service.ts';
import type { Services } from '../services/services.ts';
import { createEventMeters } from './event-meters.ts';
import { ackUnknownEvents, handle, meterEvents } from './handler.ts';
import { authenticate, connectError } from './socket-auth.ts';

export const streamRoom = (streamId: string) => `stream:${streamId}`;
export const memberRoom = (memberId: string) => `member:${memberId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** A member joins their own rooms: every tab of theirs, and the tabs of this one session. */
function joinMemberRooms(socket: Socket, principal: Extract<Principal, { role: 'member' }>): Promise<void> | void {
  return socket.join(principal.sessionId ? [memberRoom(principal.memberId), sessionRoom(principal.sessionId)] : memberRoom(principal.memberId));
}

interface Joined {
  /** A guest's own watch clock, credited to them if they sign up during the show. */
  guestWatch: WatchState | null;
  ref: string | null;
}

interface LiveData {
  principal: Principal;
  connId: string;
  joined: Map<string, Joined>;
}

export interface LiveLimits {
  /** Guest sockets one address may hold (members are never capped by address: carrier NAT). */
  guestConnectionsPerAddress: number;
  /** Every event budget times this (domain/budget.ts eventBudget). */
  socketBudgetScale: number;
}

export function setupLiveNamespace(nsp: Namespace, s: Services, log: Logger, processId: string, limits: LiveLimits): void {
  const connIdOf = (socket: Socket) => `${processId}:${socket.id}`;
  // Hosts listen in the room (their dashboard; not counted as audience); overlay tokens only listen, on /overlay.
  const meters = createEventMeters(s.clock, async () => (await s.rules.get()).watch.heartbeatSeconds, limits.socketBudgetScale);
  nsp.use(authenticate(s.auth, (p) => p.role !== 'overlay', 'overlay tokens connect to /overlay'));
  // A member just cut off for overspending stays out a few seconds (event-meters.ts).
  nsp.use((socket, next) => {
    const principal = (socket.data as LiveData).principal;
    const waitMs = principal.role === 'member' ? meters.admittedIn(principal.memberId) : 0;
    if (waitMs === 0) return next();
    next(connectError(refused('socket.cutOff', undefined, { retryAfterMs: waitMs })));
  });
  nsp.use(async (socket, next) => {
    if ((socket.data as LiveData).principal.role !== 'guest') return next();
    const address = socket.data.address as string;
    const connId = connIdOf(socket);
    try {
      if (!(await s.presence.admitGuest(address, connId, limits.guestConnectionsPerAddress))) {
        log.info({ address, cap: limits.guestConnectionsPerAddress }, 'guest connection refused: the address is at its cap');
        throw refused('socket.guestCap');
      }
    } catch (err) {
      return next(connectError(err));
    }
    // Counted out when the socket goes, or its transport closes before the connection completes. A guest who
    // signs in on this socket (session:upgrade) keeps its place until it disconnects.
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      s.presence.releaseGuest(address, connId).catch((err) => warnUnlessOutage(log, err, { address }, 'guest connection release failed'));
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    if (socket.conn.readyState !== 'open') release(); // it closed while we counted
    next();
  });

  // Ended sessions lose their sockets on every process (the adapter carries the disconnect): a token refused over HTTP stops listening too.
  s.events.on('memberSessionsEnded', (memberId, { only, except }) => {
    if (only) nsp.in(sessionRoom(only)).disconnectSockets(true);
    else if (except) nsp.in(memberRoom(memberId)).except(sessionRoom(except)).disconnectSockets(true);
    else nsp.in(memberRoom(memberId)).disconnectSockets(true);
  });

  nsp.on('connection', (socket: Socket) => {
    ackUnknownEvents(socket);
    const data = socket.data as LiveData;
    data.connId = connIdOf(socket);
    meterEvents(socket, () =>
      meters.meter(data.principal.role === 'member' ? { memberId: data.principal.memberId } : { connectionId: data.connId }),
    );
    socket.once('disconnect', () => meters.forgetConnection(data.connId));
    data.joined = new Map();
    if (data.principal.role === 'member') void joinMemberRooms(socket, data.principal);

    const memberId = () => (data.principal.role === 'member' ? data.principal.memberId : null);
    const requireMember = () => memberId() ?? failGuest();
    const joinedOrFail = (streamId: string) => data.joined.get(streamId) ?? failNotJoined();

    handle(socket, log, 'stream:join', JoinPayload, async ({ streamId, ref }) => {
      const stream = await s.streams.get(streamId);
      if (stream.status === 'ended') throw new AppError(ErrorCode.NOT_LIVE, 'the show has ended', 'streamId');
      const id = memberId();
      if (!data.joined.has(streamId)) {
        data.joined.set(streamId, { guestWatch: id ? null : s.watch.newGuestState(), ref: ref ?? null });
        await socket.join(streamRoom(streamId));
        // The host's dashboard listens in the room but is not audience: it is not counted.
        if (data.principal.role !== 'host') {
          await s.presence.join(streamId, data.connId, id ? { kind: 'member', memberId: id } : { kind: 'guest' });
        }
        if (id) await s.watch.memberJoined(streamId, id, ref ?? null, socket.data.address as string | undefined);
      }
      // After the room join above: a comment made from here on reaches this socket as a push (joinState.recentComments).
      const [{ viewers, members }, comments, member] = await Promise.all([
        s.presence.count(streamId),
        s.joinState.recentComments(streamId),
        id ? s.joinState.forMember(streamId, id) : null,
      ]);
      return { stream, viewers, members, comments, ...member };
    });

    handle(socket, log, 'stream:leave', LeavePayload, async ({ streamId }) => {
      if (data.joined.delete(streamId)) {
        await socket.leave(streamRoom(streamId));
        await s.presence.leave(streamId, data.connId);
      }
      return {};
    });

    handle(socket, log, 'watch:heartbeat', HeartbeatPayload, async ({ streamId, visible, playing }) => {
      const joined = joinedOrFail(streamId);
      const id = memberId();
      if (id) return s.watch.memberBeat(streamId, id, { visible, playing });
      const { state, reply } = await s.watch.guestBeat(streamId, joined.guestWatch!, { visible, playing });
      joined.guestWatch = state;
      return reply;
    });

    handle(socket, log, 'watch:chest', ChestPayload, async ({ streamId }) => {
      const id = requireMember();
      joinedOrFail(streamId);
      return s.watch.claimChest(streamId, id);
    });

    handle(socket, log, 'interact', InteractPayload, async (payload) => {
      const id = requireMember();
      joinedOrFail(payload.streamId);
      return s.interactions.interact(id, payload);
    });

    handle(socket, log, 'share:link', ShareLinkPayload, async ({ streamId }) => {
      const id = requireMember();
      await s.streams.get(streamId);
      return { url: `${s.publicUrl()}/live/${encodeURIComponent(streamId)}?ref=${encodeURIComponent(id)}` };
    });

    handle(socket, log, 'drop:claim', ClaimPayload, async ({ dropId, requestId }) => {
      return { claim: await s.drops.claim(requireMember(), dropId, requestId) };
    });

    handle(socket, log, 'lottery:enter', EnterLotteryPayload, async ({ lotteryId }) => {
      const { memberId: id, weight } = await s.lotteries.enter(requireMember(), lotteryId);
      return { entry: { lotteryId, memberId: id, weight } };
    });
    handle(socket, log, 'lottery:claim', ClaimPrizePayload, async ({ lotteryId }) => {
      return { prize: await s.lotteries.claimPrize(requireMember(), lotteryId) };
    });

    handle(socket, log, 'session:upgrade', UpgradePayload, async ({ token }) => {
      const principal = await s.auth.principalOf(token);
      if (principal.role !== 'member') throw new AppError(ErrorCode.FORBIDDEN, 'session:upgrade takes a member token', 'token');
      const previous = memberId();
      if (previous && previous !== principal.memberId) throw new AppError(ErrorCode.CONFLICT, 'this connection belongs to another member', 'token');
      let awarded = 0;
      if (!previous) {
        data.principal = principal;
        await joinMemberRooms(socket, principal);
        for (const [streamId, joined] of data.joined) {
          // Re-enter presence as the member: the guest viewer leaves, the member arrives (a conversion, for the show's report).
          await s.presence.convertGuest(streamId, data.connId, principal.memberId);
          await s.watch.memberJoined(streamId, principal.memberId, joined.ref, socket.data.address as string | undefined);
          // The guest clock joins the member's one clock in the show (capped there), once: it is dropped here.
          if (joined.guestWatch) awarded += await s.watch.creditGuestTime(streamId, principal.memberId, joined.guestWatch);
          joined.guestWatch = null;
        }
      }
      return { me: await s.points.memberState(principal.memberId), awarded };
    });

    socket.on('disconnect', () => {
      for (const streamId of data.joined.keys()) {
        s.presence.leave(streamId, data.connId).catch((err) => warnUnlessOutage(log, err, { streamId }, 'presence leave failed'));
      }
      data.joined.clear();
    });
  });
}

function failGuest(): never {
  throw unauthenticated('sign in to earn points');
}

function failNotJoined(): never {
  throw new AppError(ErrorCode.FORBIDDEN, 'join the show first', 'streamId');
}
