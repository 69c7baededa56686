/**
 * A bench client worker (a child process forked by live-room.bench.ts): holds
 * a share of the members' Socket.IO connections to /live and runs one phase
 * per command from the parent (protocol.ts). Every phase is bounded in count
 * and in time; the worker exits when the parent closes it or goes away.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { LiveClientEvents, LiveServerEvents, PointsEvent } from '../shared/events.ts';
import type { CpuMs, FromWorker, JoinedReply, LikedReply, BeatenReply, MemberCredential, Outcomes, ToWorker } from './protocol.ts';

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

interface PendingLike {
  sentAt: number;
  pointsAt: number | null;
}

const clock = () => performance.timeOrigin + performance.now();
const sockets: LiveSocket[] = [];
/** Likes in flight by requestId, filled while a like phase runs. */
const pendingLikes = new Map<string, PendingLike>();
const workerTag = `w${process.pid}`;

function count(outcomes: Outcomes, key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

function cpuSince(start: NodeJS.CpuUsage): CpuMs {
  const d = process.cpuUsage(start);
  return { user: d.user / 1000, system: d.system / 1000 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves once `done()` holds or the deadline passes (polling every 5 ms). */
async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await sleep(5);
}

function onPoints(e: PointsEvent): void {
  if (e.reason !== 'like') return;
  const pending = pendingLikes.get(e.key.slice(e.key.lastIndexOf(':') + 1));
  if (pending && pending.pointsAt === null) pending.pointsAt = clock();
}

function connectOne(url: string, token: string, timeoutMs: number): Promise<LiveSocket> {
  const socket: LiveSocket = io(`${url}/live`, {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function join(cmd: Extract<ToWorker, { type: 'join' }>): Promise<JoinedReply> {
  const cpu = process.cpuUsage();
  const outcomes: Outcomes = {};
  const connectMs: number[] = [];
  const joinMs: number[] = [];
  let next = 0;
  const joinOne = async (member: MemberCredential) => {
    const t0 = clock();
    let socket: LiveSocket;
    try {
      socket = await connectOne(cmd.url, member.token, cmd.timeoutMs);
    } catch (err) {
      count(outcomes, `connect: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const t1 = clock();
    socket.on('points', onPoints);
    try {
      const reply = await socket.timeout(cmd.timeoutMs).emitWithAck('stream:join', { streamId: cmd.streamId });
      if (!reply.ok) throw new Error(reply.error.code);
      connectMs.push(t1 - t0);
      joinMs.push(clock() - t1);
      sockets.push(socket);
      count(outcomes, 'ok');
    } catch (err) {
      count(outcomes, err instanceof Error ? err.message : String(err));
      socket.close();
    }
  };
  const lane = async () => {
    while (next < cmd.members.length) await joinOne(cmd.members[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, cmd.concurrency) }, lane));
  return { type: 'joined', outcomes, connectMs, joinMs, cpu: cpuSince(cpu) };
}

/**
 * Every socket beats once per second for `seconds`, the worker's beats spread
 * evenly over each second (an open-loop offered rate of sockets/s). Latency is
 * emit → ack; how late each emit left against its schedule is kept apart.
 */
async function beat(cmd: Extract<ToWorker, { type: 'beat' }>): Promise<BeatenReply> {
  const n = sockets.length;
  const total = n * cmd.seconds;
  const periodMs = n > 0 ? 1000 / n : 1000;
  const outcomes: Outcomes = {};
  const ackMs: number[] = [];
  const sendLagMs: number[] = [];
  let sent = 0;
  let answered = 0;
  let firstSendAt = NaN;
  let lastAckAt = NaN;
  await sleep(Math.max(0, cmd.startAt - Date.now()));
  const cpu = process.cpuUsage();
  const start = clock();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = clock();
      const due = Math.min(total, Math.floor((now - start) / periodMs) + 1);
      while (sent < due) {
        const socket = sockets[sent % n]!;
        const sentAt = clock();
        sendLagMs.push(sentAt - (start + sent * periodMs));
        if (Number.isNaN(firstSendAt)) firstSendAt = sentAt;
        sent++;
        socket.timeout(cmd.ackTimeoutMs).emit('watch:heartbeat', { streamId: cmd.streamId, visible: true, playing: true }, (err, reply) => {
          answered++;
          if (err) return count(outcomes, 'TIMEOUT');
          const at = clock();
          lastAckAt = Number.isNaN(lastAckAt) ? at : Math.max(lastAckAt, at);
          if (!reply.ok) return count(outcomes, reply.error.code);
          ackMs.push(at - sentAt);
          count(outcomes, 'ok');
        });
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 2);
    tick();
  });
  // Every emit carries its own timeout, so this ends; the deadline is a second fence.
  await until(() => answered >= sent, Date.now() + cmd.ackTimeoutMs + 1000);
  return { type: 'beaten', outcomes, sent, ackMs, sendLagMs, firstSendAt, lastAckAt, cpu: cpuSince(cpu) };
}

/**
 * Likes in rounds: each round every socket sends one like at once, and the
 * round ends when every like is acked and every paid like's `points` event
 * has arrived (or at the round's deadline). `sockets` limits which sockets
 * take part (the unloaded probe uses one, sequentially: rounds of one).
 */
async function like(streamId: string, rounds: number, roundTimeoutMs: number, members: LiveSocket[], tag: string): Promise<LikedReply> {
  const cpu = process.cpuUsage();
  const outcomes: Outcomes = {};
  const ackMs: number[] = [];
  const pointsMs: number[] = [];
  let sent = 0;
  let missingPoints = 0;
  let firstSendAt = NaN;
  let lastAckAt = NaN;
  for (let round = 0; round < rounds; round++) {
    const deadline = Date.now() + roundTimeoutMs;
    const paid: PendingLike[] = [];
    let answered = 0;
    members.forEach((socket, i) => {
      const requestId = `${workerTag}-${tag}${round}-${i}`;
      const pending: PendingLike = { sentAt: clock(), pointsAt: null };
      pendingLikes.set(requestId, pending);
      if (Number.isNaN(firstSendAt)) firstSendAt = pending.sentAt;
      sent++;
      socket.timeout(roundTimeoutMs).emit('interact', { streamId, kind: 'like', requestId }, (err, reply) => {
        answered++;
        if (err) return count(outcomes, 'TIMEOUT');
        const at = clock();
        lastAckAt = Number.isNaN(lastAckAt) ? at : Math.max(lastAckAt, at);
        if (!reply.ok) return count(outcomes, reply.error.code);
        ackMs.push(at - pending.sentAt);
        count(outcomes, reply.awarded > 0 ? 'ok' : 'ok (capped)');
        if (reply.awarded > 0) paid.push(pending);
      });
    });
    await until(() => answered >= members.length, deadline);
    await until(() => paid.every((p) => p.pointsAt !== null), deadline);
    for (const p of paid) {
      if (p.pointsAt === null) missingPoints++;
      else pointsMs.push(p.pointsAt - p.sentAt);
    }
    pendingLikes.clear();
  }
  return { type: 'liked', outcomes, sent, ackMs, pointsMs, missingPoints, firstSendAt, lastAckAt, cpu: cpuSince(cpu) };
}

async function run(cmd: ToWorker): Promise<FromWorker> {
  switch (cmd.type) {
    case 'join':
      return join(cmd);
    case 'beat':
      return beat(cmd);
    case 'probe':
      return like(cmd.streamId, cmd.likes, cmd.timeoutMs, sockets.slice(0, 1), 'probe');
    case 'like':
      return like(cmd.streamId, cmd.rounds, cmd.roundTimeoutMs, sockets, 'like');
    case 'close':
      for (const socket of sockets.splice(0)) socket.close();
      return { type: 'closed' };
  }
}

function send(msg: FromWorker): void {
  process.send?.(msg);
}

if (!process.send) {
  console.error('client-worker.ts runs as a child of bench/live-room.bench.ts');
  process.exit(2);
}
process.on('message', (cmd: ToWorker) => {
  run(cmd)
    .then((reply) => {
      send(reply);
      if (cmd.type === 'close') process.disconnect();
    })
    .catch((err) => send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
// The parent went away: drop every connection and leave.
process.on('disconnect', () => {
  for (const socket of sockets.splice(0)) socket.close();
  setTimeout(() => process.exit(0), 100).unref();
});
send({ type: 'ready' });
