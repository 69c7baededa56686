/**
 * The API's answer to browsers on other sites (server/origin-policy.ts).
 *
 * A request whose Origin the policy refuses is answered 403 FORBIDDEN before
 * any route runs, so a foreign page cannot act with a token it somehow holds
 * (and a "simple" cross-site POST, which browsers send without asking, changes
 * nothing). An origin listed in ALLOWED_ORIGINS gets CORS headers and its
 * preflights answered. No credentials are allowed: the API authenticates with
 * a bearer token, never a cookie.
 */
import type { RequestHandler } from 'express';
import { refused } from '../errors.ts';
import type { OriginPolicy } from '../origin-policy.ts';

const METHODS = 'GET, POST, PUT, PATCH, DELETE';
const HEADERS = 'authorization, content-type';
const PREFLIGHT_CACHE_SECONDS = '600';

export function crossOriginGuard(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (!policy.allows(origin, req.headers.host)) throw refused('origin.notAllowed', 'origin');
    if (policy.listed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', METHODS);
        res.setHeader('Access-Control-Allow-Headers', HEADERS);
        res.setHeader('Access-Control-Max-Age', PREFLIGHT_CACHE_SECONDS);
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
