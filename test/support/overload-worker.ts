/**
 * The overload test's crowd (test/integration/overload.test.ts), a child
 * process forked with `--import tsx` so its CPU is not the test's: member
 * sockets that send heartbeats and likes open-loop — on a schedule, never
 * waiting for acks — faster than the server can do them. It keeps every ack:
 * per member the awards the ok acks reported and the likes they paid, the
 * refusals with their bodies, and any disconnect it did not ask for.
 *
 * One `flood` message in; after the flood it waits for every ack still owed
 * (a graceful server answers all of them), replies `flooded`, then closes
 * its sockets and exits.
 */
import { io, type Socket } from 'socket.io-client';
import { paceOpenLoop } from './open-loop.ts';

export interface OverloadCommand {
  type: 'flood';
  url: string;
  streamId: string;
  members: { memberId: string; token: string }[];
  seconds: number;
  /** Events each socket sends per second, heartbeats and likes in turn. */
  perSocketPerSecond: number;
  /** How long to wait for the acks still owed after the flood. */
  drainMs: number;
}

export interface MemberTally {
  memberId: string;
  /** Sum of `awarded` over the ok acks (heartbeats and likes). */
  awarded: number;
  /** requestIds of likes whose ok ack paid points. */
  paidLikes: string[];
  /** requestIds of likes that were refused. */
  refusedLikes: string[];
}

export interface OverloadReply {
  type: 'flooded';
  sent: number;
  /** Replies by outcome: `ok`, `<code>:<reason>` when the refusal names one, else `<code> <message>`. */
  outcomes: Record<string, number>;
  /** Refusals whose body lacks a code or a positive retryAfterMs (at most a few kept). */
  badRefusals: unknown[];
  /** Events never answered, after drainMs. */
  unanswered: number;
  /** Sockets that closed without being asked to, with the reason socket.io gave. */
  disconnects: string[];
  members: MemberTally[];
}

type Reply = { ok: true; awarded?: number } | { ok: false; error: { code?: string; reason?: string; retryAfterMs?: number } };

/** Refusals that tell the client to come back later: they must say when. */
const RETRYABLE = new Set(['UNAVAILABLE', 'RATE_LIMITED']);

function open(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => (socket.close(), reject(err)));
  });
}

async function flood(cmd: OverloadCommand): Promise<{ reply: OverloadReply; sockets: Socket[] }> {
  const outcomes: Record<string, number> = {};
  const badRefusals: unknown[] = [];
  const disconnects: string[] = [];
  let sent = 0;
  let answered = 0;
  let closing = false;
  const tallies: MemberTally[] = cmd.members.map((m) => ({ memberId: m.memberId, awarded: 0, paidLikes: [], refusedLikes: [] }));

  const sockets: Socket[] = [];
  for (let i = 0; i < cmd.members.length; i += 25) {
    const batch = cmd.members.slice(i, i + 25);
    sockets.push(...(await Promise.all(batch.map((m) => open(cmd.url, m.token)))));
  }
  // Joining all at once is itself more than the small bounds take: a refused join is tried again when it says, as clients do.
  const join = async (s: Socket): Promise<void> => {
    const joined = (await s.timeout(60_000).emitWithAck('stream:join', { streamId: cmd.streamId })) as Reply;
    if (joined.ok) return;
    if (joined.error.code !== 'UNAVAILABLE' || !joined.error.retryAfterMs) throw new Error(`join refused: ${JSON.stringify(joined)}`);
    await new Promise((r) => setTimeout(r, joined.error.retryAfterMs! * (1 + Math.random())));
    return join(s);
  };
  await Promise.all(sockets.map(join));
  sockets.forEach((s, i) => s.on('disconnect', (reason) => closing || disconnects.push(`member ${i}: ${reason}`)));
  process.send!({ type: 'started' });

  const settle = (tally: MemberTally, likeId: string | null) => (reply: Reply) => {
    answered++;
    if (reply.ok) {
      outcomes.ok = (outcomes.ok ?? 0) + 1;
      const awarded = reply.awarded ?? 0;
      tally.awarded += awarded;
      if (likeId && awarded > 0) tally.paidLikes.push(likeId);
      return;
    }
    const { code, reason, retryAfterMs } = reply.error ?? {};
    const key = reason ? `${code}:${reason}` : `${code} ${(reply.error as { message?: string }).message}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    if (likeId) tally.refusedLikes.push(likeId);
    const saysWhen = typeof retryAfterMs === 'number' && retryAfterMs > 0;
    if ((!code || (RETRYABLE.has(code) && !saysWhen)) && badRefusals.length < 5) badRefusals.push(reply);
  };

  await paceOpenLoop(cmd.seconds, cmd.perSocketPerSecond, (due) => {
    sockets.forEach((socket, i) => {
      if (!socket.connected) return;
      for (let k = 0; k < due; k++) {
        const n = sent++;
        if (n % 2 === 0) {
          socket.emit('watch:heartbeat', { streamId: cmd.streamId, visible: true, playing: true }, settle(tallies[i]!, null));
        } else {
          const requestId = `o${n}`;
          socket.emit('interact', { streamId: cmd.streamId, kind: 'like', requestId }, settle(tallies[i]!, requestId));
        }
      }
    });
  });

  const drainUntil = performance.now() + cmd.drainMs;
  while (answered < sent && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  closing = true;
  return {
    reply: { type: 'flooded', sent, outcomes, badRefusals, unanswered: sent - answered, disconnects, members: tallies },
    sockets,
  };
}

process.once('message', (cmd: OverloadCommand) => {
  flood(cmd).then(
    ({ reply, sockets }) =>
      process.send!(reply, () => {
        for (const s of sockets) s.close();
        process.exit(0);
      }),
    (err) => process.send!({ type: 'failed', message: String(err) }, () => process.exit(1)),
  );
});
process.once('disconnect', () => process.exit(0));
