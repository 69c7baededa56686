/**
 * Security headers on every response, through helmet.
 *
 * The screens are Vite builds: module scripts and stylesheets from /assets,
 * no inline script and no inline <style>, so the policy allows scripts and
 * styles from this origin only. What the screens load from elsewhere is
 * content chosen by the host, never code:
 *   - drop pictures (any https URL) → img-src https: (and data: for the icons);
 *   - the show's video (any https media URL) → media-src https: blob:;
 *   - the show's player page (YouTube, Twitch, Vimeo or the shop's own page) → frame-src https:.
 * React's `style={…}` props are set through the CSSOM, which CSP does not
 * govern, so style-src needs no 'unsafe-inline'.
 *
 * Framing: nobody may frame the viewer room or the dashboard (a page on
 * another site could overlay them and steal clicks); the overlay only by this
 * origin, because the dashboard previews it in an iframe. OBS loads it as a
 * top-level page, which framing rules do not touch.
 *
 * Referrer: the overlay's URL carries its token, so it sends none; the other
 * pages send their URL to this origin only (their links carry ?sso= and ?ref=).
 *
 * HSTS: only for a request that arrived over https — with TRUST_PROXY, a
 * trusted proxy's X-Forwarded-Proto says so (req.secure); this server itself
 * speaks plain http, so without a proxy no request is secure and a plain-http
 * deployment is never pinned to https.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/** The pages that may be framed by this origin (the dashboard's overlay preview). */
const FRAMEABLE_BY_SELF = new Set(['/overlay', '/overlay/']);

/** A Host header fit to name in a policy (anything else gets no explicit ws: source; 'self' still covers it). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Socket.IO's websocket on this host: CSP 3 browsers match it with 'self'; older ones need it named. */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

function pageHeaders(frameAncestors: "'none'" | "'self'", referrer: 'no-referrer' | 'same-origin'): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        mediaSrc: ["'self'", 'https:', 'blob:'],
        frameSrc: ["'self'", 'https:'],
        connectSrc: ["'self'", sameHostSockets],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [frameAncestors],
      },
    },
    xFrameOptions: { action: frameAncestors === "'self'" ? 'sameorigin' : 'deny' },
    referrerPolicy: { policy: referrer },
    // Set below, and only over https.
    strictTransportSecurity: false,
  }) as RequestHandler;
}

/** One year; no includeSubDomains or preload: the operator's other hosts are not ours to pin. */
const hsts = strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: false }) as RequestHandler;

export function securityHeaders(): RequestHandler {
  const app = pageHeaders("'none'", 'same-origin');
  const overlay = pageHeaders("'self'", 'no-referrer');
  return (req, res, next) => {
    if (req.secure) hsts(req, res, () => undefined);
    (FRAMEABLE_BY_SELF.has(req.path) ? overlay : app)(req, res, next);
  };
}
