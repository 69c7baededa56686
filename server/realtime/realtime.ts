/**
 * Socket.IO wiring: the three namespaces, the cross-process adapter in Redis
 * mode, and the fan-out of domain events to rooms. Services announce; this
 * decides who hears it.
 */
import { clientAddress, type TrustProxy } from '../client-address.ts';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Admission, type AdmissionLimits } from './admission.ts';
import { observeEvents } from './handler.ts';
import { SOCKET_OPTIONS } from './socket-options.ts';
import type { OriginPolicy } from '../origin-policy.ts';
import { createRedisClient, type RedisClientSettings } from '../redis-client.ts';
import type { Services } from '../services/services.ts';
import { Coalescer } from './coalescer.ts';
import { setupHostNamespace } from './host-namespace.ts';
import { memberRoom, setupLiveNamespace, streamRoom } from './live-namespace.ts';
import { setupOverlayNamespace } from './overlay-namespace.ts';
import { setupPerkEvents } from './perk-events.ts';

export const PRESENCE_EVERY_MS = 1000;
export const LEADERBOARD_EVERY_MS = 2000;
/** A show's community goals are pushed at most this often while they move (issue 14). */
export const GOALS_EVERY_MS = 1000;
export const ROOM_LEADERBOARD_SIZE = 10;
/** Push rates are about sockets, not the domain: they run on the wall clock even when a test moves the domain clock. */
const wallClock = () => Date.now();

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

export function createRealtime(
  httpServer: HttpServer,
  s: Services,
  log: Logger,
  options: {
    processId: string;
    redisUrl?: string;
    redisPrefix: string;
    /** The adapter's clients fail fast and report outages like every Redis client (server/redis-client.ts). */
    redisClient: RedisClientSettings;
    trustProxy: TrustProxy;
    originPolicy: OriginPolicy;
    guestConnectionsPerAddress: number;
    socketBudgetScale: number;
    /** Admission control of socket events (realtime/admission.ts). */
    admission: AdmissionLimits;
    metrics: Metrics;
  },
): Realtime {
  const io = new Server(httpServer, {
    ...SOCKET_OPTIONS,
    // A page on another site may not open sockets (it could pad viewer counts): the handshake — polling or
    // websocket — is refused unless its Origin is allowed (server/origin-policy.ts). Only listed origins get
    // CORS headers; the same site needs none, and sockets authenticate with a token, never a cookie.
    allowRequest: (req, callback) => callback(null, options.originPolicy.allows(req.headers.origin, req.headers.host)),
    cors: { origin: (origin, callback) => callback(null, options.originPolicy.listed(origin)), credentials: false },
  });
  const { metrics } = options;
  const admission = new Admission(options.admission, (reason) => metrics.admissionRefusals.inc({ reason }));
  admission.start();
  observeEvents(io, metrics, admission);
  metrics.reading('frontrow_socket_events_in_flight', 'Socket events admitted and not yet acked', () => admission.figures().inFlight);
  metrics.reading(
    'frontrow_admission_loop_delay_seconds',
    'Worst event-loop delay in the last admission window (what admission control compares with its limit)',
    () => admission.figures().loopDelayMs / 1000,
  );
  options.metrics.gauge('frontrow_socket_connections', 'Sockets connected to this process, by namespace', 'namespace', () =>
    Object.fromEntries(['/live', '/host', '/overlay'].map((name) => [name, io.of(name).sockets.size])),
  );
  const redisClients: Redis[] = [];
  if (options.redisUrl) {
    const pub = createRedisClient(options.redisUrl, options.redisClient, { kind: 'command' });
    const sub = createRedisClient(options.redisUrl, options.redisClient, { kind: 'subscriber' });
    redisClients.push(pub, sub);
    // A failed first connect is an outage like any other: reported to the dependency state, retried.
    for (const client of [pub, sub]) client.connect().catch(() => undefined);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix}socket.io` }));
  }
  const clustered = Boolean(options.redisUrl);

  const live = io.of('/live');
  const overlay = io.of('/overlay');
  // First on every namespace: per-address limits read socket.data.address, decided as express decides req.ip.
  for (const nsp of [live, overlay, io.of('/host')]) {
    nsp.use((socket, next) => {
      socket.data.address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], options.trustProxy);
      next();
    });
  }
  setupLiveNamespace(live, s, log, options.processId, {
    guestConnectionsPerAddress: options.guestConnectionsPerAddress,
    socketBudgetScale: options.socketBudgetScale,
  });
  const overlays = setupOverlayNamespace(overlay, s, log, clustered);
  const hosts = setupHostNamespace(io.of('/host'), s, log);
  const perks = setupPerkEvents(live, overlay, s, log);

  const roomAndOverlay = (streamId: string) => [live.to(streamRoom(streamId)), overlay.to(streamRoom(streamId))];

  const presence = new Coalescer('presence', PRESENCE_EVERY_MS, s.pushGate, wallClock, log, async (streamId) => {
    const count = await s.presence.count(streamId);
    for (const room of roomAndOverlay(streamId)) room.emit('presence', { streamId, ...count });
  });
  const leaderboard = new Coalescer('leaderboard', LEADERBOARD_EVERY_MS, s.pushGate, wallClock, log, async (streamId) => {
    const entries = await s.leaderboard.top(streamId, ROOM_LEADERBOARD_SIZE);
    for (const room of roomAndOverlay(streamId)) room.emit('leaderboard', { streamId, entries });
  });
  const goals = new Coalescer('goals', GOALS_EVERY_MS, s.pushGate, wallClock, log, async (streamId) => {
    const list = await s.goals.list(streamId);
    for (const room of roomAndOverlay(streamId)) room.emit('goals', { streamId, goals: list });
  });
  presence.start();
  leaderboard.start();
  goals.start();

  s.events.on('presenceChanged', (streamId) => presence.mark(streamId));
  s.events.on('goalsChanged', (streamId) => goals.mark(streamId));
  s.events.on('goalCompleted', (event) => {
    for (const room of roomAndOverlay(event.streamId)) room.emit('goal:completed', event);
    hosts.goalCompleted(event);
  });
  s.events.on('points', (memberId, { streamId, ...event }) => {
    live.to(memberRoom(memberId)).emit('points', event);
    if (streamId) leaderboard.mark(streamId);
  });
  s.events.on('tier', (memberId, event) => live.to(memberRoom(memberId)).emit('tier', event));
  s.events.on('claim', (claim, streamId) => {
    live.to(memberRoom(claim.memberId)).emit('claim', { claim, streamId });
    hosts.claimChanged({ claim, streamId });
  });
  s.events.on('redemption', (redemption) => {
    live.to(memberRoom(redemption.memberId)).emit('redemption', { redemption });
    hosts.redemptionChanged(redemption);
  });
  s.events.on('missionCompleted', (memberId, event) => live.to(memberRoom(memberId)).emit('mission:completed', event));
  // A redemption or a badge has no show of its own: announced on whatever is live (usually one show).
  const onLiveOverlays = (announce: (show: string) => void, what: string) =>
    s.streams
      .list('live')
      .then((shows) => shows.forEach((show) => announce(show.id)))
      .catch((err) => warnUnlessOutage(log, err, {}, `${what} failed`));
  s.events.on('rewardAlert', (alert) => void onLiveOverlays((show) => overlay.to(streamRoom(show)).emit('reward:alert', { ...alert, streamId: show }), 'reward alert'));
  s.events.on('badgeUnlocked', (event) => {
    live.to(memberRoom(event.memberId)).emit('badge:unlocked', event);
    void onLiveOverlays((show) => overlay.to(streamRoom(show)).emit('achievement', { ...event, streamId: show }), 'achievement toast');
  });
  s.events.on('badge', (event) => {
    for (const room of roomAndOverlay(event.streamId)) room.emit('badge', event);
  });
  s.events.on('comment', (event) => {
    for (const room of roomAndOverlay(event.streamId)) room.emit('comment', event);
  });
  // The overlay does not show the chat: removals and chat settings go to the viewer room (and the dashboard in it).
  s.events.on('commentRemoved', (event) => live.to(streamRoom(event.streamId)).emit('comment:removed', event));
  s.events.on('moderation', (event) => live.to(streamRoom(event.streamId)).emit('moderation', event));
  s.events.on('stream', (stream) => {
    live.to(streamRoom(stream.id)).emit('stream', { stream });
    overlays.streamChanged(stream);
    hosts.streamChanged(stream);
  });

  return {
    io,
    async close() {
      admission.stop();
      await Promise.all([presence.stop(), leaderboard.stop(), goals.stop(), perks.stop()]);
      hosts.stop();
      // Disconnect every socket first so presence leaves are recorded before the engine closes.
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
