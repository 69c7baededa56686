/**
 * Real clients for tests: JSON over fetch, Socket.IO over websockets, and shop
 * SSO assertions signed like a shop backend would (fast member creation,
 * without paying for a password hash per member).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import type { LedgerEntry } from '../../shared/models.ts';
import { TEST_HOST_KEY, TEST_SSO_AUDIENCE, TEST_SSO_SECRET, TEST_WEBHOOK_SECRET } from './app-harness.ts';

export interface ApiReply<T = any> {
  status: number;
  body: T;
}

/** `from`: the client address to claim in X-Forwarded-For (honoured by an app started with TRUST_PROXY=loopback). */
export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  from?: string,
): Promise<ApiReply<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function hostToken(base: string): Promise<string> {
  const r = await api(base, 'POST', '/api/auth/host', { hostKey: TEST_HOST_KEY });
  if (r.status !== 200) throw new Error(`host login failed: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A valid assertion, as a shop signs one: a fresh jti, iat now, aud the test servers' audience. */
export function shopAssertion(customerId: string, name: string, expiresInSeconds = 300, secret = TEST_SSO_SECRET): Promise<string> {
  const claims = shopClaims(customerId, name);
  return signShopClaims({ ...claims, exp: (claims.iat as number) + expiresInSeconds }, secret);
}

/**
 * Signs exactly `claims` (nothing added): for assertions missing or bending a
 * claim. `shopClaims` gives a valid set to start from.
 */
export function signShopClaims(claims: Record<string, unknown>, secret = TEST_SSO_SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

export function shopClaims(customerId: string, name: string): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return { sub: customerId, name, jti: randomUUID(), iat, exp: iat + 300, aud: TEST_SSO_AUDIENCE };
}

export async function ssoMember(base: string, customerId: string, name = customerId, from?: string): Promise<{ token: string; memberId: string }> {
  const r = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion(customerId, name) }, undefined, from);
  if (r.status !== 200) throw new Error(`exchange failed: ${JSON.stringify(r.body)}`);
  return { token: r.body.token, memberId: r.body.member.id };
}

export async function liveShow(base: string, host: string, title = 'Show'): Promise<string> {
  const created = await api(base, 'POST', '/api/streams', { title }, host);
  const id = created.body.stream.id as string;
  const started = await api(base, 'POST', `/api/streams/${id}/start`, undefined, host);
  if (started.status !== 200) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  return id;
}

export function connect(
  base: string,
  namespace: '/live' | '/overlay' | '/host',
  auth: Record<string, string> = {},
  from?: string,
): Promise<Socket> {
  const socket = io(`${base}${namespace}`, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    ...(from ? { extraHeaders: { 'x-forwarded-for': from } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits and waits for the ack (rejects after `timeoutMs`). */
export function ask<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next `event` payload matching `predicate`. */
export function nextEvent<T = any>(socket: Socket, event: string, predicate: (p: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (p: T) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(p);
    };
    socket.on(event, listener);
  });
}

/** Polls until `check` returns without throwing (for pushed, coalesced state). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Delivers a shop order webhook signed like the shop would (or with `secret` to forge one). */
export async function deliverOrder(base: string, order: Record<string, unknown>, secret = TEST_WEBHOOK_SECRET): Promise<ApiReply> {
  const raw = JSON.stringify(order);
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const res = await fetch(`${base}/api/webhooks/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-frontrow-signature': signature },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

/**
 * A shop-SSO member with `points` bought through a signed order (one point per
 * NT$1 under the scenarios' purchase rule), connected to /live; the socket is
 * added to `sockets` for the caller's cleanup.
 */
export async function pointedMember(
  base: string,
  o: { scope: string; label: string; points: number; orderId: string; sockets: Socket[] },
): Promise<{ token: string; memberId: string; socket: Socket }> {
  const m = await ssoMember(base, `${o.scope}-${o.label}-${Math.random()}`, o.label);
  if (o.points > 0) {
    const paid = await deliverOrder(base, { orderId: o.orderId, memberId: m.memberId, amountCents: o.points * 100, currency: 'TWD' });
    if (paid.status !== 200) throw new Error(`seed order refused: ${JSON.stringify(paid.body)}`);
  }
  const socket = await connect(base, '/live', { token: m.token });
  o.sockets.push(socket);
  return { ...m, socket };
}

/** Runs `run` over `items`, `size` at a time (bounded concurrency for crowds of clients). */
export async function inBatches<T>(items: T[], size: number, run: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => run(item, i + j)));
}

/** Every ledger entry of the member, following `next` until the last page. */
export async function fullLedger(base: string, token: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const query = `limit=200${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    const page = await api(base, 'GET', `/api/me/ledger?${query}`, undefined, token);
    if (page.status !== 200) throw new Error(`ledger page: ${page.status} ${JSON.stringify(page.body)}`);
    entries.push(...(page.body.entries as LedgerEntry[]));
    if (!page.body.next) return entries;
    before = page.body.next as string;
  }
}

export async function balanceOf(base: string, token: string): Promise<number> {
  const me = await api(base, 'GET', '/api/me', undefined, token);
  if (me.status !== 200) throw new Error(`/api/me: ${me.status} ${JSON.stringify(me.body)}`);
  return me.body.balance as number;
}
