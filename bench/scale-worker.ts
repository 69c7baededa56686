/**
 * A client worker of the scale part (forked by scale-run.ts through
 * worker-pool.ts): holds at most 2,500 members' sockets to /live and runs one
 * phase per command (scale-protocol.ts) against Front Row or the bare
 * baseline. It counts what it sees: replies by outcome, sockets lost, comments
 * delivered, and per member the points every acked award carried, so the
 * audit can hold the server's balances to them. Every phase is bounded in
 * time; the worker leaves when the parent closes it or goes away.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { api } from '../test/support/clients.ts';
import { refusalKey, type CpuMs, type MemberCredential, type Outcomes } from './protocol.ts';
import type { ScaleAudit, ScaleCommand, ScaleJoined, ScalePhaseReply, ScaleReply } from './scale-protocol.ts';

type Reply = { ok: true; awarded?: number; credited?: number } | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };
type AckFn = (err: Error | null, reply: Reply) => void;

interface Member {
  credential: MemberCredential;
  socket: Socket;
  /** Points of every award acked to this member. */
  awarded: number;
  /** Award-bearing events that went unanswered or were answered OUTCOME_UNKNOWN: the ack sum is then a lower bound. */
  unanswered: number;
  /** Resolves the member's own comment when it comes back through the room. */
  echo: ((text: string) => void) | null;
}

const clock = () => performance.timeOrigin + performance.now();
const tag = `w${process.pid}`;
const members: Member[] = [];
let closing = false;
let lost = 0;
let seq = 0;
const delivery = { counting: false, count: 0, first: NaN, last: NaN };

function cpuSince(start: NodeJS.CpuUsage): CpuMs {
  const d = process.cpuUsage(start);
  return { user: d.user / 1000, system: d.system / 1000 };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await sleep(10);
}

/** One phase's tally; `reply()` turns it into the message for the parent. */
function tally() {
  const cpu = process.cpuUsage();
  const lostBefore = lost;
  const t = { outcomes: {} as Outcomes, acks: 0, answered: 0, ackSample: [] as number[], firstSendAt: NaN, lastAckAt: NaN, lastAnswerAt: NaN };
  delivery.count = 0;
  delivery.first = NaN;
  delivery.last = NaN;
  return {
    sent(at: number) {
      if (!(t.firstSendAt <= at)) t.firstSendAt = at;
    },
    count(key: string) {
      t.outcomes[key] = (t.outcomes[key] ?? 0) + 1;
    },
    /** A reply came, ok or refused. */
    answered() {
      const at = clock();
      t.answered++;
      if (!(t.lastAnswerAt >= at)) t.lastAnswerAt = at;
    },
    ok(sentAt: number) {
      const at = clock();
      if (t.acks++ % 10 === 0) t.ackSample.push(at - sentAt);
      if (!(t.lastAckAt >= at)) t.lastAckAt = at;
    },
    reply(): ScalePhaseReply {
      return {
        type: 'phase',
        ...t,
        lost: lost - lostBefore,
        connected: members.filter((m) => m.socket.connected).length,
        deliveries: delivery.count,
        firstDeliveryAt: delivery.first,
        lastDeliveryAt: delivery.last,
        cpu: cpuSince(cpu),
      };
    },
  };
}
type Tally = ReturnType<typeof tally>;

/**
 * Emits one event and files its answer: ok (split by what it earned), the
 * error code, or TIMEOUT. Points acked go to the member; an unanswered event
 * that could have earned makes the member's sum uncertain.
 */
function send(m: Member, t: Tally, event: string, payload: unknown, timeoutMs: number, prefix: string, done: (reply: Reply | null) => void): void {
  const sentAt = clock();
  t.sent(sentAt);
  const earns = event === 'watch:heartbeat' || event === 'interact';
  m.socket.timeout(timeoutMs).emit(event, payload, ((err, reply) => {
    if (err) {
      t.count(`${prefix}TIMEOUT`);
      if (earns) m.unanswered++;
      return done(null);
    }
    t.answered();
    if (!reply.ok) {
      t.count(`${prefix}${refusalKey(reply.error)}`);
      // It may have been applied: the ack sum is then a lower bound, as for no answer at all.
      if (earns && reply.error.code === 'OUTCOME_UNKNOWN') m.unanswered++;
      return done(reply);
    }
    t.ok(sentAt);
    const awarded = reply.awarded ?? 0;
    m.awarded += awarded;
    const kind =
      reply.awarded === undefined ? 'ok' : awarded > 0 ? 'ok: awarded' : (reply.credited ?? 0) > 0 ? 'ok: credited' : event === 'interact' ? 'ok: capped' : 'ok: nothing';
    t.count(`${prefix}${kind}`);
    done(reply);
  }) as AckFn);
}

function connectOne(url: string, token: string, timeoutMs: number): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => (socket.close(), reject(err)));
  });
}

function onComment(m: Member, e: { text: string }): void {
  if (delivery.counting) {
    const at = clock();
    delivery.count++;
    if (!(delivery.first <= at)) delivery.first = at;
    delivery.last = at;
  }
  m.echo?.(e.text);
}

async function join(cmd: Extract<ScaleCommand, { type: 'join' }>): Promise<ScaleJoined> {
  const cpu = process.cpuUsage();
  const outcomes: Outcomes = {};
  const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
  let next = 0;
  const joinOne = async (credential: MemberCredential) => {
    let socket: Socket;
    try {
      socket = await connectOne(cmd.url, credential.token, cmd.timeoutMs);
    } catch (err) {
      return count(`connect: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      const reply = (await socket.timeout(cmd.timeoutMs).emitWithAck('stream:join', { streamId: cmd.streamId })) as Reply;
      if (!reply.ok) throw new Error(reply.error.code);
    } catch (err) {
      socket.close();
      return count(err instanceof Error ? err.message : String(err));
    }
    const m: Member = { credential, socket, awarded: 0, unanswered: 0, echo: null };
    socket.on('comment', (e: { text: string }) => onComment(m, e));
    socket.once('disconnect', () => {
      if (!closing) lost++;
    });
    members.push(m);
    count('ok');
  };
  const lane = async () => {
    while (next < cmd.members.length) await joinOne(cmd.members[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, cmd.concurrency) }, lane));
  return { type: 'joined', outcomes, connected: members.length, cpu: cpuSince(cpu) };
}

/** Each connected socket: send, wait for the answer, send again, until the phase ends. */
async function loop(cmd: Extract<ScaleCommand, { type: 'loop' }>): Promise<ScalePhaseReply> {
  const t = tally();
  const endAt = Date.now() + cmd.seconds * 1000;
  let running = 0;
  const phase = seq++;
  for (const [i, m] of members.entries()) {
    if (!m.socket.connected) continue;
    running++;
    let n = 0;
    const go = () => {
      if (Date.now() >= endAt || !m.socket.connected) return void running--;
      const payload =
        cmd.kind === 'beat'
          ? { streamId: cmd.streamId, visible: true, playing: true }
          : { streamId: cmd.streamId, kind: 'like', requestId: `${tag}-${phase}-${i}-${n++}` };
      // The next as soon as the ack arrives; after a refusal, when it said to retry (retryAfterMs), as the protocol
      // asks — a client that ignores it is what the event budgets cut off.
      send(m, t, cmd.kind === 'beat' ? 'watch:heartbeat' : 'interact', payload, cmd.ackTimeoutMs, '', (reply) => {
        const waitMs = reply && !reply.ok ? Math.min(reply.error.retryAfterMs ?? 0, endAt - Date.now()) : 0;
        if (waitMs > 0) setTimeout(go, waitMs);
        else go();
      });
    };
    go();
  }
  await until(() => running === 0, endAt + cmd.ackTimeoutMs + 2_000);
  return t.reply();
}

/** Commenters comment closed-loop (the next once their own came back, or after retryAfterMs when refused); every socket counts deliveries. */
async function comment(cmd: Extract<ScaleCommand, { type: 'comment' }>): Promise<ScalePhaseReply> {
  const t = tally();
  delivery.counting = true;
  const endAt = Date.now() + cmd.seconds * 1000;
  const phase = seq++;
  const commenter = async (m: Member, i: number) => {
    for (let n = 0; Date.now() < endAt && m.socket.connected; n++) {
      const text = `c ${tag} ${phase} ${i} ${n}`;
      const echoed = new Promise<void>((resolve) => {
        const timer = setTimeout(() => (t.count('echo missing'), resolve()), cmd.ackTimeoutMs);
        m.echo = (got) => {
          if (got === text) (clearTimeout(timer), resolve());
        };
      });
      const reply = await new Promise<Reply | null>((r) =>
        send(m, t, 'interact', { streamId: cmd.streamId, kind: 'comment', text, requestId: `${tag}-c${phase}-${i}-${n}` }, cmd.ackTimeoutMs, '', r),
      );
      if (reply?.ok) await echoed;
      else await sleep(reply && !reply.ok ? Math.min(endAt - Date.now(), reply.error.retryAfterMs ?? 200) : 0);
      m.echo = null;
    }
  };
  const speakers = members.filter((m) => m.socket.connected).slice(0, cmd.commenters);
  await Promise.all(speakers.map(commenter));
  await sleep(500); // the last comments' deliveries still on their way
  delivery.counting = false;
  return t.reply();
}

async function claim(cmd: Extract<ScaleCommand, { type: 'claim' }>): Promise<ScalePhaseReply> {
  await sleep(Math.max(0, cmd.startAt - Date.now()));
  const t = tally();
  let answered = 0;
  const sent = members.filter((m) => m.socket.connected);
  sent.forEach((m, i) => send(m, t, 'drop:claim', { dropId: cmd.dropId, requestId: `${tag}-claim-${i}` }, cmd.ackTimeoutMs, '', () => answered++));
  await until(() => answered >= sent.length, Date.now() + cmd.ackTimeoutMs + 2_000);
  return t.reply();
}

/**
 * Show-like rates for `seconds`: each member beats every beatEveryMs (offsets
 * spread), likes once in each like burst (every likeEveryMs, within 2 s),
 * commenters comment every commentEveryMs; a drop the room announces is
 * claimed by one member in claimEvery within 2 s, a lottery entered by all
 * within enterWithinMs. One scheduler tick every 50 ms sends what is due.
 */
async function soak(cmd: Extract<ScaleCommand, { type: 'soak' }>): Promise<ScalePhaseReply> {
  const t = tally();
  delivery.counting = true;
  const start = Date.now();
  const endAt = start + cmd.seconds * 1000;
  const phase = seq++;
  let inFlight = 0;
  const done = () => void inFlight--;
  const fire = (m: Member, event: string, payload: unknown, prefix: string) => {
    inFlight++;
    send(m, t, event, payload, cmd.ackTimeoutMs, prefix, done);
  };
  const plan = members.map((m, i) => ({
    m,
    i,
    nextBeat: start + Math.random() * cmd.beatEveryMs,
    nextLike: start + 2_000 + Math.random() * 2_000,
    nextComment: i < cmd.commenters ? start + Math.random() * cmd.commentEveryMs : Infinity,
    n: 0,
  }));
  const later = (at: number, f: () => void) => setTimeout(f, Math.max(0, at - Date.now()));
  const seen = new Set<string>();
  const onDrop = (e: { drop: { id: string; status: string } }) => {
    if (e.drop.status !== 'open' || seen.has(e.drop.id)) return;
    seen.add(e.drop.id);
    for (const p of plan) if (p.i % cmd.claimEvery === 0 && Date.now() < endAt)
      later(Date.now() + Math.random() * 2_000, () => fire(p.m, 'drop:claim', { dropId: e.drop.id, requestId: `${tag}-soak-${p.i}` }, 'claim '));
  };
  const onLottery = (e: { lottery: { id: string; status: string } }) => {
    if (e.lottery.status !== 'open' || seen.has(e.lottery.id)) return;
    seen.add(e.lottery.id);
    for (const p of plan) later(Date.now() + Math.random() * cmd.enterWithinMs, () => fire(p.m, 'lottery:enter', { lotteryId: e.lottery.id }, 'lottery '));
  };
  // One listener set is enough to learn of a drop or lottery: the first connected socket's.
  const listener = members.find((m) => m.socket.connected)?.socket;
  listener?.on('drop', onDrop);
  listener?.on('lottery', onLottery);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      if (now >= endAt) return clearInterval(timer), resolve();
      for (const p of plan) {
        if (!p.m.socket.connected) continue;
        if (now >= p.nextBeat) {
          p.nextBeat += cmd.beatEveryMs;
          fire(p.m, 'watch:heartbeat', { streamId: cmd.streamId, visible: true, playing: true }, 'beat ');
        }
        if (now >= p.nextLike) {
          p.nextLike += cmd.likeEveryMs;
          fire(p.m, 'interact', { streamId: cmd.streamId, kind: 'like', requestId: `${tag}-s${phase}-${p.i}-${p.n++}` }, 'like ');
        }
        if (now >= p.nextComment) {
          p.nextComment += cmd.commentEveryMs;
          const text = `soak ${tag} ${p.i} ${p.n++}`;
          fire(p.m, 'interact', { streamId: cmd.streamId, kind: 'comment', text, requestId: `${tag}-s${phase}-${p.i}-${p.n++}` }, 'comment ');
        }
      }
    }, 50);
  });
  listener?.off('drop', onDrop);
  listener?.off('lottery', onLottery);
  await until(() => inFlight <= 0, Date.now() + cmd.ackTimeoutMs + 2_000);
  delivery.counting = false;
  return t.reply();
}

/**
 * The member's balance from GET /api/me, asked again (up to 5 times, backing
 * off) when a server still digesting the soak refuses the connection or
 * answers 503; NaN if it never answers (the member then counts as wrong).
 */
async function balanceOf(url: string, token: string): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const me = await api(url, 'GET', '/api/me', undefined, token);
      if (me.status === 200) return me.body.balance as number;
      if (me.status !== 503) return NaN;
    } catch {
      // connection refused or reset: try again
    }
    await sleep(500 * 2 ** attempt);
  }
  return NaN;
}

async function audit(cmd: Extract<ScaleCommand, { type: 'audit' }>): Promise<ScaleAudit> {
  const result: ScaleAudit = { type: 'audited', members: members.length, exact: 0, wrong: 0, unsure: 0, ackedPoints: 0, serverPoints: 0, examples: [] };
  let next = 0;
  const lane = async () => {
    while (next < members.length) {
      const m = members[next++]!;
      const balance = await balanceOf(cmd.url, m.credential.token);
      result.ackedPoints += m.awarded;
      result.serverPoints += Number.isFinite(balance) ? balance : 0;
      if (balance === m.awarded) result.exact++;
      // An event of unknown outcome may have paid more than was acked, never less.
      else if (m.unanswered > 0 && balance > m.awarded) result.unsure++;
      else {
        result.wrong++;
        if (result.examples.length < 5) result.examples.push(`${m.credential.memberId}: server ${balance}, acked ${m.awarded}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, cmd.concurrency) }, lane));
  return result;
}

async function run(cmd: ScaleCommand): Promise<ScaleReply> {
  switch (cmd.type) {
    case 'join':
      return join(cmd);
    case 'loop':
      return loop(cmd);
    case 'comment':
      return comment(cmd);
    case 'claim':
      return claim(cmd);
    case 'soak':
      return soak(cmd);
    case 'audit':
      return audit(cmd);
    case 'close':
      closing = true;
      for (const m of members.splice(0)) m.socket.close();
      return { type: 'closed' };
  }
}

if (!process.send) {
  console.error('scale-worker.ts runs as a child of bench/scale-run.ts');
  process.exit(2);
}
process.on('message', (cmd: ScaleCommand) => {
  run(cmd)
    .then((reply) => {
      process.send?.(reply);
      if (cmd.type === 'close') process.disconnect();
    })
    .catch((err) => process.send?.({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
// A reply sent after the parent went away fails (EPIPE): nobody is left to tell, so leave.
process.on('error', () => process.exit(0));
process.on('disconnect', () => {
  closing = true;
  for (const m of members.splice(0)) m.socket.close();
  setTimeout(() => process.exit(0), 100).unref();
});
process.send({ type: 'ready' });
