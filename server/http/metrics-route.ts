/**
 * GET /metrics for Prometheus: served only when METRICS_TOKEN is set, and
 * only to a request bearing it (`Authorization: Bearer <token>`, compared in
 * constant time) — the figures say how busy the show is and which process is
 * struggling, which is nobody else's business. Unset: 404, as if absent.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token === undefined ? null : digest(token);
  return async (req, res) => {
    if (expected === null) throw new AppError(ErrorCode.NOT_FOUND, `no route ${req.method} ${req.path}`);
    const offered = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (offered === undefined || !timingSafeEqual(digest(offered), expected)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'a metrics token is needed (METRICS_TOKEN)');
    }
    res.setHeader('cache-control', 'no-store');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
