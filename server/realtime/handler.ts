/**
 * Every client→server event goes through `handle`: parse with zod, run,
 * ack `{ ok: true, ... }` or `{ ok: false, error }`. An unexpected error is
 * logged with context and reaches the client as INTERNAL; the process stays up.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { ErrorCode, type ErrorBody } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { parseInput } from '../validation.ts';

type Reply = { ok: true; [k: string]: unknown } | { ok: false; error: ErrorBody };

export function handle<S extends z.ZodType>(
  socket: Socket,
  log: Logger,
  event: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<object>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Reply) => void) : undefined;
    try {
      const payload = parseInput(schema, args[0], 'payload');
      const result = await run(payload);
      ack?.({ ok: true, ...result });
    } catch (err) {
      ack?.({ ok: false, error: errorBody(err, log, { event, socket: socket.id }) });
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
  log.error({ err, ...context }, 'unhandled socket error');
  return { code: ErrorCode.INTERNAL, message: 'internal error' };
}
