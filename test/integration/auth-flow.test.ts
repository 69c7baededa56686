/**
 * The sign-in paths end to end over real HTTP (and a real /overlay socket):
 * password signup and login, shop single sign-on, the host key, and overlay
 * tokens from creation to revocation.
 *
 * Embedded mode only: AuthService and the HTTP edge are the same code in every
 * run mode; what the store must do (case-insensitive handles, the atomic
 * upsert by external id) is proven for every store by the store contract suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { TEST_HOST_KEY, startApp, type RunningApp } from '../support/app-harness.ts';
import { api, connect, hostToken, shopAssertion } from '../support/clients.ts';

describe('auth flow', () => {
  let running: RunningApp;
  let base: string;

  beforeAll(async () => {
    running = await startApp();
    base = running.url;
  });

  afterAll(async () => {
    await running?.stop();
  });

  describe('password members', () => {
    let memberId: string;

    it('signup → 201 with a member token and the new member', async () => {
      const r = await api(base, 'POST', '/api/auth/signup', { handle: ' Ada_Lovelace ', password: 'analytical engine', displayName: 'Ada' });
      expect(r.status).toBe(201);
      expect(r.body.token).toEqual(expect.any(String));
      expect(r.body.member).toEqual({
        id: expect.any(String),
        handle: 'Ada_Lovelace',
        displayName: 'Ada',
        externalId: null,
        createdAt: running.clock.now,
      });
      expect(r.body.member).not.toHaveProperty('passwordHash');
      memberId = r.body.member.id;
      const me = await api(base, 'GET', '/api/me', undefined, r.body.token);
      expect(me.status).toBe(200);
      expect(me.body.member.id).toBe(memberId);
    });

    it('login (handle in any case) → the same member; /api/me with that token shows a fresh member', async () => {
      const login = await api(base, 'POST', '/api/auth/login', { handle: 'ADA_lovelace', password: 'analytical engine' });
      expect(login.status).toBe(200);
      expect(login.body.member.id).toBe(memberId);
      const me = await api(base, 'GET', '/api/me', undefined, login.body.token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        member: { id: memberId, handle: 'Ada_Lovelace', displayName: 'Ada' },
        balance: 0,
        earned365: 0,
        tier: { id: DEFAULT_RULES.tiers[0]!.id },
        superFan: false,
      });
      const ledger = await api(base, 'GET', '/api/me/ledger', undefined, login.body.token);
      expect(ledger.body.entries).toEqual([]);
    });

    it('the display name defaults to the handle', async () => {
      const r = await api(base, 'POST', '/api/auth/signup', { handle: 'grace.h', password: 'compilers rule' });
      expect(r.status).toBe(201);
      expect(r.body.member).toMatchObject({ handle: 'grace.h', displayName: 'grace.h' });
    });

    it.each(['ada_lovelace', 'ADA_LOVELACE', '  Ada_Lovelace'])('signup with the taken handle %j → 409 CONFLICT on handle', async (handle) => {
      const r = await api(base, 'POST', '/api/auth/signup', { handle, password: 'a different password' });
      expect(r.status).toBe(409);
      expect(r.body).toEqual({ error: { code: 'CONFLICT', message: expect.any(String), field: 'handle' } });
    });

    it('the refused duplicates did not replace the password', async () => {
      expect((await api(base, 'POST', '/api/auth/login', { handle: 'ada_lovelace', password: 'a different password' })).status).toBe(401);
      expect((await api(base, 'POST', '/api/auth/login', { handle: 'ada_lovelace', password: 'analytical engine' })).status).toBe(200);
    });
  });

  describe('shop single sign-on', () => {
    it('exchanging assertions for the same customer twice gives the same member', async () => {
      const first = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion('shop-42', 'Lin') });
      expect(first.status).toBe(200);
      expect(first.body.member).toMatchObject({ handle: null, displayName: 'Lin', externalId: 'shop-42' });
      const second = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion('shop-42', 'Lin Renamed') });
      expect(second.status).toBe(200);
      expect(second.body.member.id).toBe(first.body.member.id);
      // The shop is the source of its customer's name: the latest assertion wins.
      expect(second.body.member.displayName).toBe('Lin Renamed');
      for (const token of [first.body.token, second.body.token]) {
        const me = await api(base, 'GET', '/api/me', undefined, token);
        expect(me.body.member.id).toBe(first.body.member.id);
      }
    });

    it('another customer id is another member', async () => {
      const a = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion('shop-43', 'Mei') });
      const b = await api(base, 'POST', '/api/auth/exchange', { assertion: await shopAssertion('shop-42', 'Lin') });
      expect(a.body.member.id).not.toBe(b.body.member.id);
      expect(a.body.member.externalId).toBe('shop-43');
    });
  });

  describe('the host', () => {
    it('logs in with the host key and the token can host', async () => {
      const r = await api(base, 'POST', '/api/auth/host', { hostKey: TEST_HOST_KEY });
      expect(r.status).toBe(200);
      const created = await api(base, 'POST', '/api/streams', { title: 'Host flow' }, r.body.token);
      expect(created.status).toBe(201);
      expect(created.body.stream).toMatchObject({ title: 'Host flow', status: 'scheduled' });
      expect((await api(base, 'GET', '/api/me', undefined, r.body.token)).status).toBe(403);
    });
  });

  describe('overlay tokens', () => {
    let host: string;

    beforeAll(async () => {
      host = await hostToken(base);
    });

    it('create → 201 with an id, a token and an overlay URL carrying it; the token connects to /overlay', async () => {
      const r = await api(base, 'POST', '/api/overlay-tokens', undefined, host);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ id: expect.any(String), token: expect.any(String), url: expect.any(String), expiresAt: expect.any(Number) });
      expect(new URL(r.body.url).pathname).toBe('/overlay');
      expect(new URL(r.body.url).searchParams.get('token')).toBe(r.body.token);
      (await connect(base, '/overlay', { token: r.body.token })).close();
    });

    it('revoke → 204; the token no longer connects; another token is unaffected; revoking again is harmless', async () => {
      const a = (await api(base, 'POST', '/api/overlay-tokens', undefined, host)).body;
      const b = (await api(base, 'POST', '/api/overlay-tokens', undefined, host)).body;
      expect((await api(base, 'DELETE', `/api/overlay-tokens/${a.id}`, undefined, host)).status).toBe(204);
      const refused = await connect(base, '/overlay', { token: a.token }).then(
        (s) => {
          s.close();
          return 'connected';
        },
        (err: { data?: unknown }) => err.data,
      );
      expect(refused).toMatchObject({ code: 'UNAUTHENTICATED' });
      (await connect(base, '/overlay', { token: b.token })).close();
      expect((await api(base, 'DELETE', `/api/overlay-tokens/${a.id}`, undefined, host)).status).toBe(204);
    });

    it('revoking a token that was never issued → 404 NOT_FOUND', async () => {
      const r = await api(base, 'DELETE', '/api/overlay-tokens/never-issued', undefined, host);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    });
  });
});
