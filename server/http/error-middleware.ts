import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, httpStatusOf } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The one place HTTP errors become `{ error: { code, message, field? } }`. */
export function errorMiddleware(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = asAppError(err);
    if (!appError) {
      log.error({ err, method: req.method, path: req.path }, 'unhandled error');
      res.status(500).json({ error: { code: ErrorCode.INTERNAL, message: 'internal error' } });
      return;
    }
    res.status(httpStatusOf[appError.code]).json({ error: appError.toBody() });
  };
}

/** Body-parser errors (bad JSON, too large) are the client's fault: VALIDATION on the body. */
function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') return new AppError(ErrorCode.VALIDATION, 'body: malformed JSON', 'body');
  if (type === 'entity.too.large') return new AppError(ErrorCode.VALIDATION, 'body: too large', 'body');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError(ErrorCode.VALIDATION, 'body: unsupported encoding', 'body');
  }
  return null;
}
