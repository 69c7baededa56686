/**
 * Authentication throttles, end to end over HTTP (issue 8), written once and
 * run in both modes (auth-throttle-embedded/-redis.test.ts). The app trusts
 * loopback proxies, so each request names its client in X-Forwarded-For and
 * one test process plays many addresses: attackers and the account's owner.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_HOST_KEY } from '../support/app-harness.ts';
import { shopAssertion } from '../support/clients.ts';

/** The defaults (server/config.ts), written out: the harness raises them for other tests. */
export const THROTTLE_ENV = {
  TRUST_PROXY: 'loopback',
  SIGNUPS_PER_ADDRESS_PER_HOUR: '10',
  AUTH_FAILURES_PER_ACCOUNT_ADDRESS: '5',
  AUTH_FAILURES_PER_ADDRESS: '30',
};
const PER_PAIR = 5;
const PER_ADDRESS = 30;
const SIGNUPS = 10;

export interface Reply {
  status: number;
  body: any;
  retryAfter: string | null;
}

/** POST /api<path> as the client at `address`. */
export async function postFrom(base: string, address: string, path: string, body: unknown): Promise<Reply> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after') };
}

/** A 429 RATE_LIMITED with Retry-After (whole seconds) and retryAfterMs that agree. */
export function expectThrottled(r: Reply): void {
  expect(r.status, JSON.stringify(r.body)).toBe(429);
  expect(r.body.error.code).toBe('RATE_LIMITED');
  expect(r.body.error.retryAfterMs).toBeGreaterThan(0);
  expect(Number(r.retryAfter)).toBe(Math.ceil(r.body.error.retryAfterMs / 1000));
}

let seq = 0;
/** A fresh address per call, so the tests of one app do not share counters. */
export const freshAddress = () => `10.${Math.floor(++seq / 250)}.${seq % 250}.${1 + Math.floor(Math.random() * 250)}`;

export function authThrottleScenario(start: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  let server: { url: string; stop(): Promise<void> };
  const post = (address: string, path: string, body: unknown) => postFrom(server.url, address, path, body);
  const handles = new Set<string>();
  const signUp = async (address: string) => {
    const handle = `owner${Math.random().toString(36).slice(2, 10)}`;
    handles.add(handle);
    const r = await post(address, '/auth/signup', { handle, password: 'right-password' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return handle;
  };

  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('locks a login flood out after the threshold, while the owner signs in from another address', async () => {
    const handle = await signUp(freshAddress());
    const attacker = freshAddress();
    for (let i = 0; i < PER_PAIR; i++) {
      expect((await post(attacker, '/auth/login', { handle, password: `guess-${i}` })).status).toBe(401);
    }
    const flood = await Promise.all(Array.from({ length: 20 }, (_, i) => post(attacker, '/auth/login', { handle, password: `more-${i}` })));
    for (const r of flood) expectThrottled(r);
    // The first lockout is a minute (domain/auth-throttle.ts).
    expect(Number(flood[0]!.retryAfter)).toBeLessThanOrEqual(60);
    expect(Number(flood[0]!.retryAfter)).toBeGreaterThan(50);
    // Locked from there even with the right password; free from anywhere else.
    expectThrottled(await post(attacker, '/auth/login', { handle, password: 'right-password' }));
    const owner = await post(freshAddress(), '/auth/login', { handle, password: 'right-password' });
    expect(owner.status).toBe(200);
    expect(owner.body.token).toEqual(expect.any(String));
    // Bad input from the locked address is still the input's fault.
    const bad = await post(attacker, '/auth/login', { handle, password: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION', field: 'password' });
  });

  it('counts consecutive failures: a success from the address starts the count again', async () => {
    const handle = await signUp(freshAddress());
    const address = freshAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < PER_PAIR - 1; i++) expect((await post(address, '/auth/login', { handle, password: 'nope' })).status).toBe(401);
      expect((await post(address, '/auth/login', { handle, password: 'right-password' })).status).toBe(200);
    }
  });

  it('locks an address that tries many accounts, not the accounts elsewhere', async () => {
    const victims = await Promise.all([signUp(freshAddress()), signUp(freshAddress())]);
    const attacker = freshAddress();
    // One failure per handle (never the pair limit): the address limit decides.
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect((await post(attacker, '/auth/login', { handle: `nobody${i}`, password: 'x' })).status).toBe(401);
    }
    expectThrottled(await post(attacker, '/auth/login', { handle: victims[0], password: 'right-password' }));
    expect((await post(freshAddress(), '/auth/login', { handle: victims[0], password: 'right-password' })).status).toBe(200);
    // Only logins are locked for that address: its host-key and sign-up counters are their own.
    expect((await post(attacker, '/auth/signup', { handle: `late${Math.random().toString(36).slice(2, 8)}`, password: 'pw-123456' })).status).toBe(201);
  });

  it('locks a host-key flood out after the threshold, while the host signs in from another address', async () => {
    const attacker = freshAddress();
    // 40 at once: attempts in flight count, so only the limit's worth is ever checked (hashed); the rest wait.
    const flood = await Promise.all(Array.from({ length: 40 }, (_, i) => post(attacker, '/auth/host', { hostKey: `flood-${i}-0123456789` })));
    expect(flood.filter((r) => r.status === 401)).toHaveLength(PER_PAIR);
    for (const r of flood.filter((r) => r.status !== 401)) expectThrottled(r);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => post(attacker, '/auth/host', { hostKey: `again-${i}-0123456789` })));
    for (const r of again) expectThrottled(r);
    expect(Number(again[0]!.retryAfter)).toBeGreaterThan(50);
    expectThrottled(await post(attacker, '/auth/host', { hostKey: TEST_HOST_KEY }));
    const host = await post(freshAddress(), '/auth/host', { hostKey: TEST_HOST_KEY });
    expect(host.status).toBe(200);
  });

  it('locks an SSO flood of forged assertions out, while real shop sign-ons from elsewhere go through', async () => {
    const attacker = freshAddress();
    const forged = await shopAssertion('cust-forged', 'Forger', 300, 'not-the-shop-secret-0123456789abcdefgh');
    for (let i = 0; i < PER_PAIR; i++) expect((await post(attacker, '/auth/exchange', { assertion: forged })).status).toBe(401);
    const flood = await Promise.all(Array.from({ length: 10 }, () => post(attacker, '/auth/exchange', { assertion: forged })));
    for (const r of flood) expectThrottled(r);
    const genuine = await shopAssertion('cust-genuine', 'Genuine');
    expectThrottled(await post(attacker, '/auth/exchange', { assertion: genuine }));
    const elsewhere = await post(freshAddress(), '/auth/exchange', { assertion: genuine });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.member.displayName).toBe('Genuine');
  });

  it(`caps sign-ups at ${SIGNUPS} per address per hour, not elsewhere; bad input is still VALIDATION`, async () => {
    const address = freshAddress();
    const replies = await Promise.all(
      Array.from({ length: SIGNUPS + 5 }, (_, i) => post(address, '/auth/signup', { handle: `cap${i}${Math.random().toString(36).slice(2, 8)}`, password: 'pw-123456' })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(SIGNUPS);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    for (const r of refused) expectThrottled(r);
    expect(Number(refused[0]!.retryAfter)).toBeLessThanOrEqual(3600);
    const bad = await post(address, '/auth/signup', { handle: 'x', password: 'pw-123456', admin: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect((await post(freshAddress(), '/auth/signup', { handle: `other${Math.random().toString(36).slice(2, 8)}`, password: 'pw-123456' })).status).toBe(201);
  });
}
