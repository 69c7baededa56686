/**
 * The room flood's attacker (a child process forked by room-flood.ts, so its
 * CPU is not the measuring process's): member sockets that send heartbeats,
 * likes and comments as fast as the schedule says, without waiting for acks,
 * the way the issue-8 attacker pushed 16,000 events/s. A socket the server
 * cuts for its strikes is replaced by a new connection with the same token —
 * an attacker reconnects. Runs once: one `flood` message in; `started` once
 * every socket has joined and the flood begins, `flooded` at the end, then it exits.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { paceOpenLoop } from '../test/support/open-loop.ts';

export interface FloodCommand {
  type: 'flood';
  url: string;
  streamId: string;
  tokens: string[];
  seconds: number;
  /** Events each socket is scheduled to send per second. */
  perSocketPerSecond: number;
}

export interface FloodReply {
  type: 'flooded';
  sent: number;
  /** Reply codes (ok, RATE_LIMITED, …) of the events that were answered. */
  outcomes: Record<string, number>;
  /** Connections the server closed during the flood (each one reopened). */
  disconnects: number;
  wallMs: number;
  cpuMs: number;
}

type AnySocket = Socket;

function open(url: string, token: string): Promise<AnySocket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => (socket.close(), reject(err)));
  });
}

async function flood(cmd: FloodCommand): Promise<FloodReply> {
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  let sent = 0;
  let disconnects = 0;
  let stopping = false;
  const sockets: (AnySocket | null)[] = [];

  const attach = async (i: number): Promise<void> => {
    let socket: AnySocket;
    try {
      socket = await open(cmd.url, cmd.tokens[i]!);
    } catch (err) {
      // Refused (cut off, RATE_LIMITED): try again when the server says, as a determined attacker would.
      if (stopping) return;
      const retryAfterMs = (err as { data?: { retryAfterMs?: number } }).data?.retryAfterMs ?? 1000;
      count(`reconnect refused`);
      await new Promise((r) => setTimeout(r, retryAfterMs));
      return attach(i);
    }
    await socket.emitWithAck('stream:join', { streamId: cmd.streamId });
    socket.once('disconnect', () => {
      sockets[i] = null;
      if (stopping) return;
      disconnects++;
      attach(i).catch(() => count('reconnect failed'));
    });
    sockets[i] = socket;
  };
  await Promise.all(cmd.tokens.map((_, i) => attach(i)));

  process.send!({ type: 'started' });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const events = [
    (s: AnySocket, ack: (reply: { ok: boolean; error?: { code: string } }) => void) =>
      s.emit('watch:heartbeat', { streamId: cmd.streamId, visible: true, playing: true }, ack),
    (s: AnySocket, ack: (reply: { ok: boolean; error?: { code: string } }) => void) =>
      s.emit('interact', { streamId: cmd.streamId, kind: 'like' }, ack),
    (s: AnySocket, ack: (reply: { ok: boolean; error?: { code: string } }) => void) =>
      s.emit('interact', { streamId: cmd.streamId, kind: 'comment', text: `flood ${sent}` }, ack),
  ];
  await paceOpenLoop(cmd.seconds, cmd.perSocketPerSecond, (due) => {
    for (const socket of sockets) {
      if (!socket?.connected) continue;
      for (let k = 0; k < due; k++) {
        events[sent % events.length]!(socket, (reply) => count(reply.ok ? 'ok' : reply.error?.code ?? 'error'));
        sent++;
      }
    }
  });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  stopping = true;
  for (const socket of sockets) socket?.close();
  return { type: 'flooded', sent, outcomes, disconnects, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

process.once('message', (cmd: FloodCommand) => {
  flood(cmd).then(
    (reply) => process.send!(reply, () => process.exit(0)),
    (err) => process.send!({ type: 'failed', message: String(err) }, () => process.exit(1)),
  );
});
process.once('disconnect', () => process.exit(0));
