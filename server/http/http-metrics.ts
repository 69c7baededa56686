/**
 * HTTP request metrics (issue 10): every request counted by route, method
 * and status, and timed to the end of its answer, on the response's `finish`
 * (nothing runs per request but a timestamp and a listener).
 *
 * The route label is the express route pattern (`/api/streams/:id`), never
 * the raw URL: ids in the label would make a series per show and per member.
 * Requests no route answered are `(static)` (the screens' assets, served by
 * middleware) or `(unmatched)` (everything else: 404s, a scanner's guesses).
 *
 * Express restores `req.baseUrl` as an error leaves a router, so by `finish`
 * a route under /api may have lost its prefix; `routeBase()`, first in each
 * mounted router, writes it down where the route is found.
 */
import type { RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics.ts';

const BASE = Symbol('routeBase');
type Marked = Response & { [BASE]?: string };

/** First in the app: counts and times every request. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const startedAt = performance.now();
    res.once('finish', () => {
      const route = req.route ? `${(res as Marked)[BASE] ?? ''}${String(req.route.path)}` : res.statusCode < 400 ? '(static)' : '(unmatched)';
      const method = req.method;
      metrics.httpRequests.inc({ route, method, status: String(res.statusCode) });
      metrics.httpSeconds.observe({ route, method }, (performance.now() - startedAt) / 1000);
    });
    next();
  };
}

/** First in a router mounted under a path: the routes it finds are named with that path. */
export function routeBase(): RequestHandler {
  return (req, res, next) => {
    (res as Marked)[BASE] = req.baseUrl;
    next();
  };
}
