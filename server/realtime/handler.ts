/**
 * Every client→server event goes through `handle`: parse with zod, spend the
 * socket's budget for that kind of event, run, ack `{ ok: true, ... }` or
 * `{ ok: false, error }`. An unexpected error is logged with context and
 * reaches the client as INTERNAL; the process stays up.
 *
 * Budgets (domain/budget.ts, held as realtime/event-meters.ts says): a socket
 * given a meter (`meterEvents`) spends a token per event of a metered kind; with none left the event is acked
 * RATE_LIMITED with `retryAfterMs` and nothing runs. A socket that keeps
 * overspending runs out of strikes and is disconnected. A payload that does
 * not parse is refused before it costs anything (it runs nothing either).
 *
 * Admission (realtime/admission.ts), after the parse and the budget (both
 * cheap and in memory, so a flooder still hears RATE_LIMITED and is cut off
 * however busy the process is): when the process is saturated the event is
 * acked UNAVAILABLE (`server.busy`, retryAfterMs) at once and runs nothing.
 * The host's dashboard (/host) is exempt: a handful of events that keep the
 * show in the host's hands while the room floods.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { ErrorCode, type ErrorBody } from '../../shared/error-codes.ts';
import { asDependencyFailure } from '../dependency-state.ts';
import { AppError, refused } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { parseInput } from '../validation.ts';
import type { Metrics } from '../metrics.ts';
import type { Admission } from './admission.ts';
import type { EventMeter } from './event-meters.ts';

const meters = new WeakMap<Socket, () => EventMeter>();
const observers = new WeakMap<object, { metrics: Metrics; admission: Admission | null }>();

/** Namespaces whose events skip admission control (see above). */
const UNADMITTED = new Set(['/host']);

/**
 * Every event handled on this Socket.IO server is counted and timed in
 * `metrics` (/metrics), and, outside /host, first passes `admission`.
 */
export function observeEvents(io: object, metrics: Metrics, admission: Admission | null = null): void {
  observers.set(io, { metrics, admission });
}

/**
 * From now on every metered event of this socket spends from the meter `meterOf`
 * returns at that moment (see `handle`): a guest who signs in on the socket
 * spends from the member's meter from then on.
 */
export function meterEvents(socket: Socket, meterOf: () => EventMeter): void {
  meters.set(socket, meterOf);
}

type Reply = { ok: true; [k: string]: unknown } | { ok: false; error: ErrorBody };

export function handle<S extends z.ZodType>(
  socket: Socket,
  log: Logger,
  event: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<object>,
): void {
  const observer = observers.get(socket.nsp.server);
  const metrics = observer?.metrics;
  const admission = UNADMITTED.has(socket.nsp.name) ? null : (observer?.admission ?? null);
  const answer = (ack: ((r: Reply) => void) | undefined, reply: Reply, startedAt: number) => {
    ack?.(reply);
    metrics?.events.inc({ event, outcome: reply.ok ? 'ok' : reply.error.code });
    metrics?.eventSeconds.observe({ event }, (performance.now() - startedAt) / 1000);
  };
  socket.on(event, async (...args: unknown[]) => {
    const startedAt = performance.now();
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Reply) => void) : undefined;
    let admitted = false;
    try {
      const payload = parseInput(schema, args[0], 'payload');
      const over = await meters.get(socket)?.().spend(event, payload);
      if (over) {
        if (over.cut && socket.connected) {
          log.warn({ address: socket.data.address, event, socket: socket.id }, 'socket disconnected: it kept exceeding its event budget');
          socket.disconnect(true);
        }
        throw refused('socket.overBudget', undefined, { retryAfterMs: over.retryAfterMs });
      }
      const busy = admission?.admit();
      if (busy) throw busy;
      admitted = admission !== null;
      const result = await run(payload);
      answer(ack, { ok: true, ...result }, startedAt);
    } catch (err) {
      answer(ack, { ok: false, error: errorBody(err, log, { event, socket: socket.id }) }, startedAt);
    } finally {
      if (admitted) admission?.release();
    }
  });
}

/**
 * An event this socket has no handler for still gets an answer (NOT_FOUND), so
 * a client never waits on an ack that cannot come. Handlers registered later
 * are seen too: the check is "no listener", not a fixed list.
 */
export function ackUnknownEvents(socket: Socket): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function' || socket.listenerCount(String(event)) > 0) return;
    ack({ ok: false, error: { code: ErrorCode.NOT_FOUND, message: 'no such event' } });
  });
}

export function errorBody(err: unknown, log: Logger, context: object): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  // Redis not answering: UNAVAILABLE (nothing ran) or OUTCOME_UNKNOWN (it may have), no log line per event (the outage is logged once).
  const dependencyFailure = asDependencyFailure(err);
  if (dependencyFailure) return dependencyFailure.toBody();
  log.error({ err, ...context }, 'unhandled socket error');
  return { code: ErrorCode.INTERNAL, message: 'internal error' };
}
