import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../../shared/error-codes.ts';
import { httpStatusOf } from '../domain/refusals.ts';
import { asDependencyFailure } from '../dependency-state.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/**
 * The one place HTTP errors become `{ error: { code, message, field? } }`,
 * with the status the refusal table gives their code (domain/refusals.ts).
 */
export function errorMiddleware(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = asAppError(err);
    if (!appError) {
      log.error({ err, method: req.method, path: req.path }, 'unhandled error');
      res.status(500).json({ error: { code: ErrorCode.INTERNAL, message: 'internal error' } });
      return;
    }
    // A refusal that says when to come back (RATE_LIMITED, UNAVAILABLE) says it in Retry-After too, in whole seconds.
    const retryAfterMs = appError.details?.retryAfterMs;
    if (typeof retryAfterMs === 'number' && retryAfterMs > 0) res.setHeader('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    res.status(httpStatusOf[appError.code]).json({ error: appError.toBody() });
  };
}

/**
 * Errors raised before a route runs are the client's fault: body-parser errors
 * (bad JSON, too large, a corrupt gzip body) are VALIDATION on the body; a path
 * with broken percent-encoding (the router cannot decode `:id`) is VALIDATION on the path.
 */
function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  // A dependency not answering (Redis down or stalled): 503 UNAVAILABLE (nothing ran) or 504 OUTCOME_UNKNOWN (it may
  // have), with Retry-After, logged once elsewhere.
  const dependencyFailure = asDependencyFailure(err);
  if (dependencyFailure) return dependencyFailure;
  const { type, status, expose } = (err ?? {}) as { type?: string; status?: unknown; expose?: unknown };
  if (type === 'entity.parse.failed') return new AppError(ErrorCode.VALIDATION, 'body: malformed JSON', 'body');
  if (type === 'entity.too.large') return new AppError(ErrorCode.VALIDATION, 'body: too large', 'body');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError(ErrorCode.VALIDATION, 'body: unsupported encoding', 'body');
  }
  if (err instanceof URIError && status === 400) return new AppError(ErrorCode.VALIDATION, 'path: malformed percent-encoding', 'path');
  // Any other 4xx http-error from the body parser (e.g. zlib failing on a corrupt gzip body).
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(ErrorCode.VALIDATION, 'body: unreadable', 'body');
  }
  return null;
}
