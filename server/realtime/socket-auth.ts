import type { Socket } from 'socket.io';
import { z } from 'zod';
import { asDependencyFailure } from '../dependency-state.ts';
import { AppError } from '../errors.ts';
import type { AuthService, Principal } from '../services/auth-service.ts';
import { parseInput } from '../validation.ts';

const HandshakeAuth = z.object({ token: z.string().min(1).max(4096).optional(), streamId: z.string().max(64).optional() });

/** Socket.IO connect middleware: a refused connection carries `{ code, message }` as `err.data`. */
export function authenticate(auth: AuthService, accept: (p: Principal) => boolean, refusal: string) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      const handshake = parseInput(HandshakeAuth, { ...socket.handshake.auth }, 'auth');
      const principal = await auth.principalOf(handshake.token);
      if (!accept(principal)) throw new AppError('FORBIDDEN', refusal);
      socket.data.principal = principal;
      next();
    } catch (err) {
      next(connectError(err));
    }
  };
}

/** The error a connect middleware refuses with: the client's connect_error carries `{ code, message }` as `err.data`. */
export function connectError(err: unknown): Error {
  // A dependency not answering (Redis down, SQLite locked) refuses the connection UNAVAILABLE or OUTCOME_UNKNOWN, not INTERNAL.
  const known = err instanceof AppError ? err : asDependencyFailure(err);
  const body = known ? known.toBody() : { code: 'INTERNAL', message: 'internal error' };
  return Object.assign(new Error(body.message), { data: body });
}
