/**
 * Which browser origins may call the API and open sockets, decided one way
 * for the HTTP and Socket.IO edges.
 *
 * A browser names the page that makes a request in the `Origin` header; a
 * page on another site must not act with a member's token or open sockets
 * (that would pad viewer counts). Allowed:
 *   - no `Origin` at all: not a cross-site browser request (a shop backend, the
 *     CLI, OBS's first load, tests) — tokens still decide what it may do;
 *   - the request's own site: the origin's host:port equals the `Host` header
 *     (the scheme is not compared: behind a TLS proxy the page is https while
 *     this server hears http);
 *   - the origin of `PUBLIC_URL` (a proxy that rewrites `Host`);
 *   - the origins listed in `ALLOWED_ORIGINS`.
 * Everything else — including the opaque origin `null` of sandboxed frames
 * and file pages — is refused.
 */

export interface OriginPolicy {
  /** True when a request carrying `origin` (the raw header) to `host` (the raw Host header) may go on. */
  allows(origin: string | undefined, host: string | undefined): boolean;
  /** True only for the listed extra origins (these get CORS headers; the same site needs none). */
  listed(origin: string | undefined): boolean;
}

export function createOriginPolicy(options: { publicUrl?: string; allowedOrigins: readonly string[] }): OriginPolicy {
  const extra = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  const listed = (origin: string | undefined) => origin !== undefined && extra.has(origin.toLowerCase());
  return {
    listed,
    allows(origin, host) {
      if (origin === undefined) return true;
      if (listed(origin) || (publicOrigin !== undefined && origin.toLowerCase() === publicOrigin)) return true;
      const originHost = hostOf(origin);
      return originHost !== null && host !== undefined && originHost === host.toLowerCase();
    },
  };
}

/** host[:port] of a serialised origin, as a Host header carries it (default ports left out); null if not http(s). */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Parses ALLOWED_ORIGINS (comma-separated origins such as
 * `https://shop.example,https://studio.example:8443`) into canonical origins;
 * throws a plain message for config.ts to report.
 */
export function parseAllowedOrigins(setting: string | undefined): string[] {
  const parts = (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.map((part) => {
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw new Error(`"${part}" is not an origin (scheme://host[:port])`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${part}": only http and https origins`);
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
      throw new Error(`"${part}" is not an origin: no path, query or credentials`);
    }
    return url.origin;
  });
}
