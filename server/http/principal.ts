import type { NextFunction, Request, Response } from 'express';
import type { AuthService, Principal } from '../services/auth-service.ts';
import { requireRole } from '../services/auth-service.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal: Principal;
  }
}

/** The bearer token of the request, if any. */
export const bearerToken = (req: Request): string | undefined => req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];

/** Reads `Authorization: Bearer <token>`; no header means a guest; a bad token is refused. */
export function principalMiddleware(auth: AuthService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.header('authorization');
    const token = bearerToken(req);
    req.principal = await auth.principalOf(header ? (token ?? 'malformed') : undefined);
    next();
  };
}

export const memberOf = (req: Request) => requireRole(req.principal, 'member');
export const hostOf = (req: Request) => requireRole(req.principal, 'host');
