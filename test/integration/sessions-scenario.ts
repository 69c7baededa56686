/**
 * Sessions that end (issue 9), written once and run in every mode, against
 * real server processes: requests go to process A, the sockets that must be
 * cut listen on process B — another process on the same Redis and DATA_DIR in
 * Redis mode, the same one embedded. What must hold:
 * - revoking or rotating an overlay token cuts its sockets within 1 s;
 * - logout ends that session only; logout-all and a password change end the
 *   member's other sessions (HTTP 401 with the old token, sockets cut);
 * - a shop assertion works once (on either process), and only with jti, iat,
 *   aud equal to the configured audience, and exp at most 10 min after iat;
 * - a new HOST_KEY ends host tokens made with the old one (member tokens live on).
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOST_KEY, TEST_SSO_AUDIENCE } from '../support/app-harness.ts';
import { api, ask, connect, hostToken, shopAssertion, shopClaims, signShopClaims } from '../support/clients.ts';

/** The bound for a revoked token's sockets to go. */
const CUT_WITHIN_MS = 1000;
const NEW_HOST_KEY = 'a-brand-new-host-key-9876543210';

export interface SessionsFixture {
  /** Process A: receives the requests. */
  a(): string;
  /** Process B: holds the sockets (A itself in embedded mode). */
  b(): string;
  /** Restarts every process on the same DATA_DIR with these extra variables. */
  restart(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** Limits the scenario must not trip: it fails SSO and password checks on purpose, all from 127.0.0.1. */
export const SESSIONS_ENV = { AUTH_FAILURES_PER_ACCOUNT_ADDRESS: '1000', AUTH_FAILURES_PER_ADDRESS: '1000' };

/** Connects to /overlay and resolves once the first snapshot arrived: by then the socket is in its token's room. */
function connectOverlay(base: string, token: string): Promise<Socket> {
  const socket = io(`${base}/overlay`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** A member's /live socket, past its connection handler (an ack came back), so it is in its rooms. */
async function connectMember(base: string, token: string): Promise<Socket> {
  const socket = await connect(base, '/live', { token });
  await ask(socket, 'stream:leave', { streamId: 'not-joined' });
  return socket;
}

/** Resolves with the reason and the time once the server cuts the socket; rejects when it is still connected after 5 s. */
function disconnection(socket: Socket): Promise<{ reason: string; at: number }> {
  if (!socket.connected) return Promise.resolve({ reason: 'already disconnected', at: Date.now() });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not cut within 5 s')), 5_000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ reason, at: Date.now() });
    });
  });
}

/** 'connected', or the connect_error's data ({ code, message }). */
async function connectOutcome(base: string, ns: '/live' | '/overlay' | '/host', token: string): Promise<unknown> {
  try {
    (await connect(base, ns, { token })).close();
    return 'connected';
  } catch (err) {
    return (err as { data?: unknown }).data;
  }
}

/** A socket still served: an event gets its ack. */
async function stillServed(socket: Socket): Promise<boolean> {
  return socket.connected && (await ask(socket, 'stream:leave', { streamId: 'not-joined' }, 5_000).then(() => true, () => false));
}

export function sessionsScenario(name: string, start: () => Promise<SessionsFixture>): void {
  describe(`sessions that end (${name})`, () => {
    let f: SessionsFixture;
    let host: string;
    const sockets: Socket[] = [];
    const keep = <T extends Socket>(s: T) => (sockets.push(s), s);

    const signup = async (label: string) => {
      const handle = `${label}_${randomUUID().slice(0, 8)}`;
      const r = await api(f.a(), 'POST', '/api/auth/signup', { handle, password: 'first password 1' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return { handle, token: r.body.token as string, memberId: r.body.member.id as string };
    };
    const login = async (handle: string, password = 'first password 1') => {
      const r = await api(f.a(), 'POST', '/api/auth/login', { handle, password });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.token as string;
    };
    const meStatus = async (base: string, token: string) => (await api(base, 'GET', '/api/me', undefined, token)).status;

    beforeAll(async () => {
      f = await start();
      host = await hostToken(f.a());
    }, 60_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await f?.stop();
    });

    describe('overlay tokens', () => {
      it('revoking a token disconnects its socket on the other process within 1 s; a new connection is refused', async () => {
        const created = await api(f.a(), 'POST', '/api/overlay-tokens', {}, host);
        expect(created.status).toBe(201);
        const other = await api(f.a(), 'POST', '/api/overlay-tokens', {}, host);
        const socket = keep(await connectOverlay(f.b(), created.body.token));
        const bystander = keep(await connectOverlay(f.b(), other.body.token));

        const cut = disconnection(socket);
        const sentAt = Date.now();
        expect((await api(f.a(), 'DELETE', `/api/overlay-tokens/${created.body.id}`, undefined, host)).status).toBe(204);
        const { reason, at } = await cut;
        expect(reason).toBe('io server disconnect');
        expect(at - sentAt).toBeLessThan(CUT_WITHIN_MS);

        expect(await connectOutcome(f.b(), '/overlay', created.body.token)).toMatchObject({ code: 'UNAUTHENTICATED' });
        // Another token's socket listens on.
        expect(bystander.connected).toBe(true);
      });

      it('rotating gives a new token and ends the old one: its socket is cut within 1 s, the new one connects', async () => {
        const old = (await api(f.a(), 'POST', '/api/overlay-tokens', {}, host)).body;
        const socket = keep(await connectOverlay(f.b(), old.token));

        const cut = disconnection(socket);
        const sentAt = Date.now();
        const rotated = await api(f.a(), 'POST', `/api/overlay-tokens/${old.id}/rotate`, {}, host);
        expect(rotated.status, JSON.stringify(rotated.body)).toBe(201);
        expect(rotated.body).toEqual({ id: expect.any(String), token: expect.any(String), url: expect.any(String), expiresAt: expect.any(Number) });
        expect(rotated.body.id).not.toBe(old.id);
        const { at } = await cut;
        expect(at - sentAt).toBeLessThan(CUT_WITHIN_MS);

        expect(await connectOutcome(f.b(), '/overlay', old.token)).toMatchObject({ code: 'UNAUTHENTICATED' });
        keep(await connectOverlay(f.b(), rotated.body.token));
        // A revoked token cannot be rotated back to life.
        const again = await api(f.a(), 'POST', `/api/overlay-tokens/${old.id}/rotate`, {}, host);
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('CONFLICT');
      });

      it('tokens expire: 180 days by default, or expiresInDays; the host lists them with their status', async () => {
        const day = 86_400_000;
        const byDefault = (await api(f.a(), 'POST', '/api/overlay-tokens', {}, host)).body;
        const short = (await api(f.a(), 'POST', '/api/overlay-tokens', { expiresInDays: 2 }, host)).body;
        expect(Math.abs(byDefault.expiresAt - (Date.now() + 180 * day))).toBeLessThan(60_000);
        expect(Math.abs(short.expiresAt - (Date.now() + 2 * day))).toBeLessThan(60_000);
        for (const expiresInDays of [0, 3651, 1.5, '7']) {
          const bad = await api(f.a(), 'POST', '/api/overlay-tokens', { expiresInDays }, host);
          expect(bad.status, String(expiresInDays)).toBe(400);
          expect(bad.body.error).toMatchObject({ code: 'VALIDATION', field: 'expiresInDays' });
        }

        const listed = await api(f.b(), 'GET', '/api/overlay-tokens', undefined, host);
        expect(listed.status).toBe(200);
        const byId = new Map(listed.body.tokens.map((t: { id: string }) => [t.id, t]));
        expect(byId.get(short.id)).toEqual({ id: short.id, createdAt: expect.any(Number), revokedAt: null, expiresAt: short.expiresAt, status: 'active' });
        expect(listed.body.tokens.some((t: { status: string }) => t.status === 'revoked')).toBe(true);
        expect(JSON.stringify(listed.body)).not.toContain(short.token);
        // The listing is the host's.
        const member = await signup('lister');
        expect((await api(f.a(), 'GET', '/api/overlay-tokens', undefined, member.token)).status).toBe(403);
      });
    });

    describe('member sessions', () => {
      it('logout ends this session only: its token gets 401 on every process and its socket is cut', async () => {
        const m = await signup('leaver');
        const other = await login(m.handle);
        const leaving = keep(await connectMember(f.b(), m.token));
        const staying = keep(await connectMember(f.b(), other));

        const cut = disconnection(leaving);
        expect((await api(f.a(), 'POST', '/api/auth/logout', undefined, m.token)).status).toBe(204);
        expect((await cut).reason).toBe('io server disconnect');
        expect(await meStatus(f.a(), m.token)).toBe(401);
        expect(await meStatus(f.b(), m.token)).toBe(401);
        expect(await connectOutcome(f.b(), '/live', m.token)).toMatchObject({ code: 'UNAUTHENTICATED' });

        expect(await meStatus(f.b(), other)).toBe(200);
        expect(await stillServed(staying)).toBe(true);
      });

      it('logout-all ends every session of the member (401, sockets cut); another member is untouched; signing in again works', async () => {
        const m = await signup('everywhere');
        const second = await login(m.handle);
        const bystander = await signup('bystander');
        const tabs = [keep(await connectMember(f.b(), m.token)), keep(await connectMember(f.b(), second))];
        const bystanderTab = keep(await connectMember(f.b(), bystander.token));

        const cuts = tabs.map(disconnection);
        expect((await api(f.a(), 'POST', '/api/auth/logout-all', undefined, m.token)).status).toBe(204);
        for (const { reason } of await Promise.all(cuts)) expect(reason).toBe('io server disconnect');
        for (const token of [m.token, second]) {
          expect(await meStatus(f.a(), token)).toBe(401);
          expect(await meStatus(f.b(), token)).toBe(401);
        }
        expect(await meStatus(f.b(), bystander.token)).toBe(200);
        expect(await stillServed(bystanderTab)).toBe(true);
        expect(await meStatus(f.b(), await login(m.handle))).toBe(200);
      });

      it('a password change checks the current one, ends the other sessions and returns a fresh token', async () => {
        const m = await signup('changer');
        const elsewhere = await login(m.handle);
        const callerTab = keep(await connectMember(f.b(), m.token));
        const elsewhereTab = keep(await connectMember(f.b(), elsewhere));

        const wrong = await api(f.a(), 'PUT', '/api/me/password', { current: 'not my password', next: 'second password 2' }, m.token);
        expect(wrong.status).toBe(403);
        expect(wrong.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'current' });
        expect(await meStatus(f.b(), elsewhere)).toBe(200);
        const short = await api(f.a(), 'PUT', '/api/me/password', { current: 'first password 1', next: 'short' }, m.token);
        expect(short.body.error).toMatchObject({ code: 'VALIDATION', field: 'next' });

        const cut = disconnection(elsewhereTab);
        const changed = await api(f.a(), 'PUT', '/api/me/password', { current: 'first password 1', next: 'second password 2' }, m.token);
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        expect(changed.body.member.id).toBe(m.memberId);
        expect((await cut).reason).toBe('io server disconnect');
        expect(await meStatus(f.b(), elsewhere)).toBe(401);
        expect(await meStatus(f.b(), m.token)).toBe(401);
        expect(await meStatus(f.b(), changed.body.token)).toBe(200);
        // The caller's own tab stays; the caller goes on with the fresh token.
        expect(await stillServed(callerTab)).toBe(true);

        const oldPassword = await api(f.a(), 'POST', '/api/auth/login', { handle: m.handle, password: 'first password 1' });
        expect(oldPassword.status).toBe(401);
        expect(await meStatus(f.a(), await login(m.handle, 'second password 2'))).toBe(200);
      });

      it('a member who signs in through the shop has no password to change', async () => {
        const sso = await api(f.a(), 'POST', '/api/auth/exchange', { assertion: await shopAssertion(`pw-${randomUUID()}`, 'Shopper') });
        const r = await api(f.a(), 'PUT', '/api/me/password', { current: 'anything at all', next: 'second password 2' }, sso.body.token);
        expect(r.status).toBe(403);
        expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'current' });
      });
    });

    describe('shop SSO assertions', () => {
      const exchange = async (base: string, assertion: string) => api(base, 'POST', '/api/auth/exchange', { assertion });

      it('an assertion works once: a replay gets 401 on this process and on the other', async () => {
        const assertion = await shopAssertion(`once-${randomUUID()}`, 'Once');
        expect((await exchange(f.a(), assertion)).status).toBe(200);
        for (const base of [f.a(), f.b()]) {
          const replay = await exchange(base, assertion);
          expect(replay.status).toBe(401);
          expect(replay.body.error.code).toBe('UNAUTHENTICATED');
        }
      });

      it('concurrent replays on both processes: exactly one is accepted', async () => {
        const assertion = await shopAssertion(`race-${randomUUID()}`, 'Race');
        const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => exchange(i % 2 ? f.a() : f.b(), assertion)));
        expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
      });

      it('exp at most 10 min after iat: 600 s is accepted, 601 s is refused', async () => {
        const claims = shopClaims(`ten-${randomUUID()}`, 'Ten');
        const iat = claims.iat as number;
        expect((await exchange(f.a(), await signShopClaims({ ...claims, exp: iat + 600 }))).status).toBe(200);
        const tooLong = await exchange(f.a(), await signShopClaims({ ...claims, jti: randomUUID(), exp: iat + 601 }));
        expect(tooLong.status).toBe(401);
        const century = await exchange(f.a(), await signShopClaims({ ...claims, jti: randomUUID(), exp: iat + 100 * 365 * 86_400 }));
        expect(century.status).toBe(401);
      });

      it.each([
        ['a wrong aud', { aud: 'https://another-shop.example' }],
        ['no aud', { aud: undefined }],
        ['no jti', { jti: undefined }],
        ['an empty jti', { jti: '' }],
        ['no iat', { iat: undefined }],
        ['an iat an hour ahead', { iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 3900 }],
      ])('%s → 401, and no member is created', async (_label, change) => {
        const customer = `bad-${randomUUID()}`;
        const claims: Record<string, unknown> = { ...shopClaims(customer, 'Bad'), ...change };
        for (const key of Object.keys(change)) if (claims[key] === undefined) delete claims[key];
        const r = await exchange(f.a(), await signShopClaims(claims));
        expect(r.status, JSON.stringify(r.body)).toBe(401);
        expect(r.body.error.code).toBe('UNAUTHENTICATED');
        // The same customer with a good assertion is created now (so nothing was created before).
        const good = await exchange(f.a(), await shopAssertion(customer, 'Bad'));
        expect(good.status).toBe(200);
        expect(good.body).toMatchObject({ member: { externalId: customer } });
      });

      it('the control: the audience the test servers expect is the one the harness signs with', () => {
        expect(shopClaims('x', 'y').aud).toBe(TEST_SSO_AUDIENCE);
      });
    });

    describe('host key', () => {
      it('a new HOST_KEY ends host tokens made with the old one; member tokens live on', async () => {
        const oldHost = host;
        const member = await signup('survivor');
        expect((await api(f.a(), 'GET', '/api/overlay-tokens', undefined, oldHost)).status).toBe(200);

        await f.restart({ HOST_KEY: NEW_HOST_KEY });

        for (const base of [f.a(), f.b()]) {
          const r = await api(base, 'GET', '/api/overlay-tokens', undefined, oldHost);
          expect(r.status).toBe(401);
          expect(r.body.error.code).toBe('UNAUTHENTICATED');
          expect(await connectOutcome(base, '/host', oldHost)).toMatchObject({ code: 'UNAUTHENTICATED' });
        }
        expect((await api(f.a(), 'POST', '/api/auth/host', { hostKey: TEST_HOST_KEY })).status).toBe(401);
        const fresh = await api(f.a(), 'POST', '/api/auth/host', { hostKey: NEW_HOST_KEY });
        expect(fresh.status).toBe(200);
        expect((await api(f.b(), 'GET', '/api/overlay-tokens', undefined, fresh.body.token)).status).toBe(200);
        // Same DATA_DIR, same JWT secret: what ended the host token is the key's version, not a new secret.
        expect(await meStatus(f.b(), member.token)).toBe(200);
      }, 60_000);
    });
  });
}
