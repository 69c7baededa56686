/**
 * The network address a request or socket comes from, decided one way for
 * the HTTP and Socket.IO edges, so per-address limits count the same client
 * on both.
 *
 * `TRUST_PROXY` says which peers may tell us the real client through
 * `X-Forwarded-For`: none by default (a client could otherwise claim any
 * address and slip every per-address limit), `loopback` for a reverse proxy
 * on the same host, a number of proxy hops, or a list of addresses/CIDRs.
 * proxy-addr (express's own resolver) walks the header, so express's
 * `req.ip` and a socket's address agree.
 */
import proxyaddr from 'proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

const NONE: TrustProxy = () => false;

/** Parses the TRUST_PROXY setting; throws a plain message for config.ts to report. */
export function compileTrustProxy(setting: string | undefined): TrustProxy {
  const value = (setting ?? '').trim();
  if (value === '' || value === 'false') return NONE;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(',').map((part) => part.trim()));
}

/** The client address of a peer `remoteAddress` that sent `forwardedFor` (the raw header, if any). */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor };
  const address = proxyaddr({ headers, socket: { remoteAddress } } as unknown as Parameters<typeof proxyaddr>[0], trust);
  return normalized(address ?? 'unknown');
}

/** IPv4 peers on a dual-stack socket appear as '::ffff:1.2.3.4': one client, one key. */
function normalized(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
