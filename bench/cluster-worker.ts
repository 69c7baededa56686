/**
 * A client worker of the cluster bench (forked by bench/cluster-run.ts): holds
 * up to a few thousand members' /live sockets, all opened through the load
 * balancer, and runs one phase per command (cluster-protocol.ts). It counts,
 * per member, every award an ack reported: the run compares that with the
 * balance the server stored. Leaves when the parent goes away.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { FromClusterWorker, ToClusterWorker } from './cluster-protocol.ts';
import { refusalKey, type MemberCredential, type Outcomes } from './protocol.ts';

interface Held {
  memberId: string;
  socket: Socket;
}

const held: Held[] = [];
const acked: Record<string, number> = {};
/** Emits whose ack never came (a timeout): an award they made is not in `acked`. */
let unanswered = 0;
const uncertain = new Set<string>();
/** Joined sockets that went away since, by Socket.IO's reason ('ping timeout', 'transport close', …). */
const disconnects: Outcomes = {};
const clock = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function count(outcomes: Outcomes, key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

function connectOne(url: string, token: string, timeoutMs: number): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => (socket.close(), reject(err)));
  });
}

/** Emits and records the outcome; an ok ack's `awarded` is added to the member's tally. */
async function emitCounted(h: Held, event: string, payload: unknown, timeoutMs: number, outcomes: Outcomes, ackMs: number[]): Promise<void> {
  const t0 = clock();
  try {
    const reply = await h.socket.timeout(timeoutMs).emitWithAck(event, payload);
    if (!reply.ok) {
      // It may have been applied (UNAVAILABLE, like every other refusal, means nothing was).
      if (reply.error?.code === 'OUTCOME_UNKNOWN') uncertain.add(h.memberId);
      return count(outcomes, reply.error ? refusalKey(reply.error) : 'refused');
    }
    ackMs.push(clock() - t0);
    acked[h.memberId] = (acked[h.memberId] ?? 0) + (reply.awarded ?? 0);
    count(outcomes, 'ok');
  } catch {
    unanswered++;
    uncertain.add(h.memberId);
    count(outcomes, 'TIMEOUT');
  }
}

async function join(cmd: Extract<ToClusterWorker, { type: 'join' }>): Promise<FromClusterWorker> {
  const outcomes: Outcomes = {};
  const ackMs: number[] = [];
  let next = 0;
  const joinOne = async (m: MemberCredential) => {
    const t0 = clock();
    let socket: Socket;
    try {
      socket = await connectOne(cmd.url, m.token, cmd.timeoutMs);
    } catch (err) {
      return count(outcomes, `connect: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      const reply = await socket.timeout(cmd.timeoutMs).emitWithAck('stream:join', { streamId: cmd.streamId });
      if (!reply.ok) throw new Error(refusalKey(reply.error));
      held.push({ memberId: m.memberId, socket });
      socket.once('disconnect', (reason) => count(disconnects, reason));
      ackMs.push(clock() - t0);
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
  return { type: 'done', outcomes, ackMs };
}

/** Each socket: beat, wait for the ack, wait out the rest of the second, again. Starts spread over the first second. */
async function beat(cmd: Extract<ToClusterWorker, { type: 'beat' }>): Promise<FromClusterWorker> {
  const outcomes: Outcomes = {};
  const ackMs: number[] = [];
  const payload = { streamId: cmd.streamId, visible: true, playing: true };
  await Promise.all(
    held.map(async (h, i) => {
      await sleep((i * 1000) / held.length);
      for (let n = 0; n < cmd.beats; n++) {
        const started = Date.now();
        await emitCounted(h, 'watch:heartbeat', payload, cmd.ackTimeoutMs, outcomes, ackMs);
        if (n < cmd.beats - 1) await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
    }),
  );
  return { type: 'done', outcomes, ackMs };
}

async function like(cmd: Extract<ToClusterWorker, { type: 'like' }>): Promise<FromClusterWorker> {
  const outcomes: Outcomes = {};
  const ackMs: number[] = [];
  await Promise.all(held.map((h) => emitCounted(h, 'interact', { streamId: cmd.streamId, kind: 'like', requestId: cmd.requestId }, cmd.ackTimeoutMs, outcomes, ackMs)));
  return { type: 'done', outcomes, ackMs };
}

async function run(cmd: ToClusterWorker): Promise<FromClusterWorker> {
  switch (cmd.type) {
    case 'join':
      return join(cmd);
    case 'beat':
      return beat(cmd);
    case 'like':
      return like(cmd);
    case 'tally':
      return { type: 'tally', connected: held.filter((h) => h.socket.connected).length, acked, uncertain: [...uncertain], unanswered, disconnects };
    case 'close':
      for (const h of held.splice(0)) h.socket.close();
      return { type: 'closed' };
  }
}

if (!process.send) {
  console.error('cluster-worker.ts runs as a child of bench/cluster-run.ts');
  process.exit(2);
}
process.on('message', (cmd: ToClusterWorker) => {
  run(cmd)
    .then((reply) => {
      process.send?.(reply);
      if (cmd.type === 'close') process.disconnect();
    })
    .catch((err) => process.send?.({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
process.on('disconnect', () => {
  for (const h of held.splice(0)) h.socket.close();
  setTimeout(() => process.exit(0), 100).unref();
});
process.send({ type: 'ready' });
