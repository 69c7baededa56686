/**
 * Guarantee: nobody acts above their role. Guests earn nothing, members cannot
 * host (nor run drops and lotteries), guests cannot claim or enter, overlay
 * tokens only listen, forged or expired tokens are refused — over real HTTP
 * and real Socket.IO connections, and every refusal changes nothing.
 *
 * Embedded mode only: roles are decided at the edges (principal middleware,
 * socket connect middleware, the namespaces' handlers) and by AuthService,
 * which are the same code in every run mode.
 *
 * The app runs with a known JWT_SECRET so the test can sign tokens exactly as
 * the server does (a control row proves it) and then break one thing at a time.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverlaySnapshot } from '../../shared/events.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { hostKeyVersion } from '../../server/auth/tokens.ts';
import { startApp, TEST_HOST_KEY, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, hostToken, liveShow, nextEvent, shopAssertion, ssoMember } from '../support/clients.ts';

const JWT_SECRET = 'roles-test-jwt-secret-0123456789abcdef';
const OTHER_SECRET = 'an-attackers-own-secret-0123456789abcdef';
const ISSUER = 'front-row';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, everySeconds: 30, points: 10, heartbeatSeconds: 15 },
};
const BEAT_MS = RULES.watch.heartbeatSeconds * 1000;

type Namespace = '/live' | '/overlay' | '/host';

/** What a connection attempt ended with: 'connected', or the refusal's `data` ({ code, message }). */
async function connectOutcome(base: string, ns: Namespace, auth: Record<string, string>): Promise<unknown> {
  return connect(base, ns, auth).then(
    (socket) => {
      socket.close();
      return 'connected';
    },
    (err: { data?: unknown }) => err.data ?? err,
  );
}

/** Connects to /overlay with the snapshot listener in place before the first packet can arrive. */
async function overlayClient(base: string, token: string): Promise<{ socket: Socket; snapshot: OverlaySnapshot }> {
  const socket = io(`${base}/overlay`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, autoConnect: false });
  const snapshot = nextEvent<OverlaySnapshot>(socket, 'snapshot');
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.connect();
  await connected;
  return { socket, snapshot: await snapshot };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Signs like server/auth/tokens.ts does, unless told to differ in one way:
 * a member token carries session version 0 and a fresh jti, a host token the
 * host key's version, as the server's own would.
 */
function sign(
  claims: Record<string, unknown>,
  o: { secret?: string; alg?: 'HS256' | 'HS512'; issuer?: string | null; expiresAt?: number } = {},
): Promise<string> {
  const session =
    claims.role === 'member'
      ? { sv: 0, jti: randomUUID() }
      : claims.role === 'host'
        ? { hkv: hostKeyVersion(JWT_SECRET, { hostKey: TEST_HOST_KEY }) }
        : {};
  const jwt = new SignJWT({ ...session, ...claims }).setProtectedHeader({ alg: o.alg ?? 'HS256' }).setIssuedAt();
  if (o.issuer !== null) jwt.setIssuer(o.issuer ?? ISSUER);
  if (o.expiresAt !== undefined) jwt.setExpirationTime(o.expiresAt);
  return jwt.sign(new TextEncoder().encode(o.secret ?? JWT_SECRET));
}

interface Ctx {
  memberId: string;
  memberToken: string;
  otherMemberId: string;
}

/** Each token is wrong in exactly one way; everything else is what the server would issue. */
const FORGED: Array<{ name: string; make: (c: Ctx) => Promise<string> | string }> = [
  { name: 'member token signed with another secret', make: (c) => sign({ role: 'member', sub: c.memberId }, { secret: OTHER_SECRET }) },
  { name: 'host token signed with another secret', make: () => sign({ role: 'host', sub: 'host' }, { secret: OTHER_SECRET }) },
  {
    name: 'member token with its payload rewritten to host',
    make: (c) => {
      const [header, , signature] = c.memberToken.split('.');
      return `${header}.${b64({ role: 'host', sub: 'host', iss: ISSUER, iat: nowSeconds() })}.${signature}`;
    },
  },
  {
    name: 'member token with its payload rewritten to another member',
    make: (c) => {
      const [header, , signature] = c.memberToken.split('.');
      return `${header}.${b64({ role: 'member', sub: c.otherMemberId, iss: ISSUER, iat: nowSeconds() })}.${signature}`;
    },
  },
  { name: 'alg: none host token', make: () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'host', sub: 'host', iss: ISSUER, iat: nowSeconds() })}.` },
  { name: 'alg: none member token', make: (c) => `${b64({ alg: 'none' })}.${b64({ role: 'member', sub: c.memberId, iss: ISSUER })}.` },
  { name: 'expired member token (server secret)', make: (c) => sign({ role: 'member', sub: c.memberId }, { expiresAt: nowSeconds() - 60 }) },
  { name: 'expired host token (server secret)', make: () => sign({ role: 'host', sub: 'host' }, { expiresAt: nowSeconds() - 60 }) },
  { name: 'HS512 host token (server secret)', make: () => sign({ role: 'host', sub: 'host' }, { alg: 'HS512' }) },
  { name: 'host token without the issuer (server secret)', make: () => sign({ role: 'host', sub: 'host' }, { issuer: null }) },
  { name: 'host token from another issuer (server secret)', make: () => sign({ role: 'host', sub: 'host' }, { issuer: 'someone-else' }) },
  { name: 'unknown role "admin" (server secret)', make: () => sign({ role: 'admin', sub: 'host' }) },
  { name: 'member that does not exist (server secret)', make: () => sign({ role: 'member', sub: 'no-such-member' }) },
  { name: 'overlay token that was never issued (server secret)', make: () => sign({ role: 'overlay', sub: 'never-issued' }) },
  { name: 'not a JWT at all', make: () => 'definitely.not.a-jwt' },
];

describe('nobody acts above their role', () => {
  let running: RunningApp;
  let base: string;
  let host: string;
  let liveId: string;
  let scheduledId: string;
  let member: { token: string; memberId: string };
  let memberSocket: Socket;
  let guestSocket: Socket;
  const sockets: Socket[] = [];
  /** A drop with one unit reserved by the member (claimId), and an open free lottery nobody entered. */
  let dropId: string;
  let claimId: string;
  let lotteryId: string;

  const streamsNow = async () => {
    const r = await api(base, 'GET', '/api/streams');
    return (r.body.streams as Array<{ id: string; status: string }>).map((s) => `${s.id}:${s.status}`).sort();
  };
  const balanceOf = async (token: string) => (await api(base, 'GET', '/api/me', undefined, token)).body.balance as number;

  beforeAll(async () => {
    running = await startApp({ env: { JWT_SECRET } });
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    liveId = await liveShow(base, host, 'Roles live');
    scheduledId = (await api(base, 'POST', '/api/streams', { title: 'Roles scheduled' }, host)).body.stream.id;
    member = await ssoMember(base, 'roles-fan', 'Fan');
    memberSocket = await connect(base, '/live', { token: member.token });
    guestSocket = await connect(base, '/live');
    sockets.push(memberSocket, guestSocket);
    for (const s of [memberSocket, guestSocket]) expect((await ask(s, 'stream:join', { streamId: liveId })).ok).toBe(true);
    const drop = await api(base, 'POST', `/api/streams/${liveId}/drops`, { title: 'Jade bracelet', priceCents: 120_000, stock: 3 }, host);
    expect(drop.status, JSON.stringify(drop.body)).toBe(201);
    dropId = drop.body.drop.id;
    const claimed = await ask(memberSocket, 'drop:claim', { dropId, requestId: 'roles-claim' });
    expect(claimed.ok, JSON.stringify(claimed)).toBe(true);
    claimId = claimed.claim.id;
    const lottery = await api(base, 'POST', `/api/streams/${liveId}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 1, requireWatching: false }, host);
    expect(lottery.status, JSON.stringify(lottery.body)).toBe(201);
    lotteryId = lottery.body.lottery.id;
  });

  /** Drops and lotteries of the live show and the member's claims, as anyone can see them. */
  const perksNow = async () => {
    const [drops, lotteries, claims] = await Promise.all([
      api(base, 'GET', `/api/streams/${liveId}/drops`),
      api(base, 'GET', `/api/streams/${liveId}/lotteries`),
      api(base, 'GET', '/api/me/claims', undefined, member.token),
    ]);
    return {
      drops: (drops.body.drops as Array<{ id: string; status: string; remaining: number }>).map((d) => [d.id, d.status, d.remaining]),
      lotteries: (lotteries.body.lotteries as Array<{ id: string; status: string; entries: number }>).map((l) => [l.id, l.status, l.entries]),
      claims: (claims.body.claims as Array<{ id: string; status: string }>).map((c) => [c.id, c.status]),
    };
  };
  const perksAsSetUp = () => ({ drops: [[dropId, 'open', 2]], lotteries: [[lotteryId, 'open', 0]], claims: [[claimId, 'reserved']] });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await running?.stop();
  });

  describe('guests cannot earn', () => {
    it("a guest's heartbeats ack ok with awarded 0 and no balance, while the same beats pay a member", async () => {
      let memberAwarded = 0;
      for (let round = 0; round < 7; round++) {
        running.clock.advance(BEAT_MS);
        const beat = { streamId: liveId, visible: true, playing: true };
        const guest = await ask(guestSocket, 'watch:heartbeat', beat);
        expect(guest).toMatchObject({ ok: true, awarded: 0 });
        expect(guest).not.toHaveProperty('balance');
        const paid = await ask(memberSocket, 'watch:heartbeat', beat);
        expect(paid.ok).toBe(true);
        memberAwarded += paid.awarded;
      }
      // The first beat starts the clock, six more credit 90 s: 10 points per 30 s, so the beats were worth something.
      expect(memberAwarded).toBe(30);
      expect(await balanceOf(member.token)).toBe(30);
      const board = await api(base, 'GET', `/api/leaderboard?streamId=${liveId}`);
      expect(board.body.entries.map((e: { memberId: string }) => e.memberId)).toEqual([member.memberId]);
    });

    it.each([
      ['interact checkin', 'interact', { kind: 'checkin' }],
      ['interact like', 'interact', { kind: 'like', requestId: 'guest-like-1' }],
      ['interact comment', 'interact', { kind: 'comment', text: 'hello' }],
      ['watch:chest', 'watch:chest', {}],
      ['share:link', 'share:link', {}],
    ])('a guest %s → UNAUTHENTICATED', async (_name, event, extra) => {
      const reply = await ask(guestSocket, event, { streamId: liveId, ...extra });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });

    it.each([
      ['GET', '/api/me', undefined],
      ['GET', '/api/me/ledger', undefined],
      ['GET', '/api/me/claims', undefined],
      ['POST', '/api/streams', { title: 'Guest show' }],
      ['PUT', '/api/rules', RULES],
      ['POST', '/api/overlay-tokens', undefined],
      ['POST', '/api/streams/:live/drops', { title: 'Guest drop', priceCents: 1, stock: 1 }],
      ['POST', '/api/streams/:live/lotteries', { title: 'Guest lottery', prize: 'p', winners: 1 }],
      ['POST', '/api/claims/:claim/confirm', undefined],
      ['POST', '/api/claims/confirm', { checkoutRef: 'FR-ANYREF0000' }],
      ['DELETE', '/api/comments/any-comment', undefined],
      ['PUT', '/api/streams/:live/moderation', { slowModeSeconds: 600 }],
    ] as const)('a guest %s %s → 401 UNAUTHENTICATED', async (method, pattern, body) => {
      const r = await api(base, method, pattern.replace(':live', liveId).replace(':claim', claimId), body);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('a guest cannot claim a drop or enter a lottery (UNAUTHENTICATED), and neither happened', async () => {
      const claim = await ask(guestSocket, 'drop:claim', { dropId, requestId: 'guest-claim-1' });
      expect(claim).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      const entry = await ask(guestSocket, 'lottery:enter', { lotteryId });
      expect(entry).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      expect(await perksNow()).toEqual(perksAsSetUp());
    });
  });

  describe('members cannot host', () => {
    let rulesBefore: unknown;
    let streamsBefore: string[];
    let overlay: { id: string; token: string };

    beforeAll(async () => {
      rulesBefore = (await api(base, 'GET', '/api/rules')).body;
      streamsBefore = await streamsNow();
      overlay = (await api(base, 'POST', '/api/overlay-tokens', undefined, host)).body;
    });

    it.each([
      ['POST', '/api/streams', { title: 'Member show' }],
      ['POST', '/api/streams/:scheduled/start', undefined],
      ['POST', '/api/streams/:live/end', undefined],
      ['PUT', '/api/rules', { ...RULES, checkin: { points: 10_000, streakBonus: 0, streakMax: 0 } }],
      ['POST', '/api/overlay-tokens', undefined],
      ['DELETE', '/api/overlay-tokens/:overlay', undefined],
      ['POST', '/api/streams/:live/drops', { title: 'Member drop', priceCents: 1, stock: 1_000 }],
      ['POST', '/api/drops/:drop/close', undefined],
      ['POST', '/api/claims/:claim/confirm', undefined],
      ['POST', '/api/claims/confirm', { checkoutRef: 'FR-ANYREF0000' }],
      ['GET', '/api/drops/:drop/claims', undefined],
      ['GET', '/api/drops/:drop/claims.csv', undefined],
      ['GET', '/api/lotteries/:lottery/winners.csv', undefined],
      ['POST', '/api/streams/:live/lotteries', { title: 'Member lottery', prize: 'p', winners: 1 }],
      ['POST', '/api/lotteries/:lottery/draw', undefined],
      ['POST', '/api/lotteries/:lottery/cancel', undefined],
      ['DELETE', '/api/comments/any-comment', undefined],
      ['POST', '/api/streams/:live/mutes', { memberId: ':member', seconds: 600 }],
      ['GET', '/api/streams/:live/moderation', undefined],
      ['PUT', '/api/streams/:live/moderation', { slowModeSeconds: 600 }],
      ['POST', '/api/members/:member/ban', undefined],
      ['DELETE', '/api/members/:member/ban', undefined],
      ['POST', '/api/rewards', { kind: 'custom', title: 'Member reward', pricePoints: 0 }],
      ['PATCH', '/api/rewards/any-reward', { pricePoints: 0 }],
      ['POST', '/api/rewards/any-reward/codes', { codes: ['FREE'] }],
      ['GET', '/api/redemptions', undefined],
      ['POST', '/api/redemptions/any-redemption/fulfil', undefined],
      ['POST', '/api/redemptions/any-redemption/reject', undefined],
      ['GET', '/api/webhooks/outbound', undefined],
    ] as const)('a member %s %s → 403 FORBIDDEN', async (method, pattern, body) => {
      const path = pattern
        .replace(':member', member.memberId)
        .replace(':scheduled', scheduledId)
        .replace(':live', liveId)
        .replace(':overlay', overlay.id)
        .replace(':drop', dropId)
        .replace(':claim', claimId)
        .replace(':lottery', lotteryId);
      const filled = body && 'memberId' in body ? { ...body, memberId: member.memberId } : body;
      const r = await api(base, method, path, filled, member.token);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    });

    it('…and none of it happened: same shows, same rules, the overlay token still works', async () => {
      expect(await streamsNow()).toEqual(streamsBefore);
      expect((await api(base, 'GET', '/api/rules')).body).toEqual(rulesBefore);
      expect(await connectOutcome(base, '/overlay', { token: overlay.token })).toBe('connected');
    });

    it('…nor to moderation: nobody banned or muted, slow mode still off', async () => {
      const { store } = running.app.services;
      expect(await store.bannedAt(member.memberId)).toBeNull();
      expect(await store.muteUntil(liveId, member.memberId)).toBeNull();
      expect(await store.streamModeration(liveId)).toEqual({ slowModeSeconds: 0 });
    });

    it('…nor to the perks: no new drop or lottery, the drop still open, the claim still reserved, the lottery not drawn', async () => {
      expect(await perksNow()).toEqual(perksAsSetUp());
      expect((await api(base, 'GET', `/api/lotteries/${lotteryId}/proof`)).body.error.code).toBe('NOT_READY');
    });

    it('a member token on /host → connect_error FORBIDDEN (and so do a guest and an overlay token)', async () => {
      expect(await connectOutcome(base, '/host', { token: member.token })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await connectOutcome(base, '/host', {})).toMatchObject({ code: 'FORBIDDEN' });
      expect(await connectOutcome(base, '/host', { token: overlay.token })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await connectOutcome(base, '/host', { token: host })).toBe('connected');
    });

    it('nobody becomes the host through session:upgrade', async () => {
      const asMember = await ask(memberSocket, 'session:upgrade', { token: host });
      expect(asMember).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'token' } });
      const guest = await connect(base, '/live');
      sockets.push(guest);
      expect(await ask(guest, 'session:upgrade', { token: host })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ask(guest, 'session:upgrade', { token: overlay.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // Still a guest: earning is still refused.
      expect(await ask(guest, 'share:link', { streamId: liveId })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });
  });

  describe('overlay tokens only listen', () => {
    let overlay: { id: string; token: string };
    let overlaySocket: Socket;

    beforeAll(async () => {
      const created = await api(base, 'POST', '/api/overlay-tokens', undefined, host);
      expect(created.status).toBe(201);
      overlay = created.body;
    });

    it('connects to /overlay and receives a snapshot of the live show', async () => {
      const { socket, snapshot } = await overlayClient(base, overlay.token);
      overlaySocket = socket;
      sockets.push(socket);
      expect(snapshot.stream).toMatchObject({ id: liveId, status: 'live' });
      expect(snapshot.leaderboard.map((e) => e.memberId)).toEqual([member.memberId]);
    });

    it('every event it emits is answered FORBIDDEN and changes nothing', async () => {
      const roomBefore = (await api(base, 'GET', `/api/streams/${liveId}`)).body;
      const boardBefore = (await api(base, 'GET', `/api/leaderboard?streamId=${liveId}`)).body;
      const balanceBefore = await balanceOf(member.token);
      const attempts: Array<[string, unknown]> = [
        ['stream:join', { streamId: liveId }],
        ['stream:leave', { streamId: liveId }],
        ['watch:heartbeat', { streamId: liveId, visible: true, playing: true }],
        ['watch:chest', { streamId: liveId }],
        ['interact', { streamId: liveId, kind: 'checkin' }],
        ['interact', { streamId: liveId, kind: 'comment', text: 'from the overlay' }],
        ['share:link', { streamId: liveId }],
        ['drop:claim', { dropId, requestId: 'overlay-claim' }],
        ['lottery:enter', { lotteryId }],
        ['session:upgrade', { token: member.token }],
        ['session:upgrade', { token: host }],
        ['snapshot', {}],
        ['stats', {}],
      ];
      for (const [event, payload] of attempts) {
        const reply = await ask(overlaySocket, event, payload);
        expect(reply, event).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
      }
      running.clock.advance(BEAT_MS);
      expect((await api(base, 'GET', `/api/streams/${liveId}`)).body).toEqual(roomBefore);
      expect((await api(base, 'GET', `/api/leaderboard?streamId=${liveId}`)).body).toEqual(boardBefore);
      expect(await balanceOf(member.token)).toBe(balanceBefore);
      expect(await perksNow()).toEqual(perksAsSetUp());
    });

    it('an overlay token on /live is refused FORBIDDEN', async () => {
      expect(await connectOutcome(base, '/live', { token: overlay.token })).toMatchObject({ code: 'FORBIDDEN' });
    });

    it.each([
      ['GET', '/api/me', undefined],
      ['POST', '/api/streams', { title: 'Overlay show' }],
      ['PUT', '/api/rules', RULES],
      ['POST', '/api/overlay-tokens', undefined],
      ['DELETE', '/api/overlay-tokens/:self', undefined],
      ['GET', '/api/me/claims', undefined],
      ['POST', '/api/streams/:live/drops', { title: 'Overlay drop', priceCents: 1, stock: 1 }],
      ['POST', '/api/claims/:claim/confirm', undefined],
      ['POST', '/api/lotteries/:lottery/draw', undefined],
    ] as const)('an overlay token on %s %s → 403 FORBIDDEN', async (method, pattern, body) => {
      const path = pattern.replace(':self', overlay.id).replace(':live', liveId).replace(':claim', claimId).replace(':lottery', lotteryId);
      const r = await api(base, method, path, body, overlay.token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    });

    it('after DELETE /api/overlay-tokens/:id a new connection with it is refused UNAUTHENTICATED', async () => {
      expect((await api(base, 'DELETE', `/api/overlay-tokens/${overlay.id}`, undefined, host)).status).toBe(204);
      expect(await connectOutcome(base, '/overlay', { token: overlay.token })).toMatchObject({ code: 'UNAUTHENTICATED' });
      const r = await api(base, 'GET', '/api/rules', undefined, overlay.token);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('forged or expired tokens are refused', () => {
    const forged = new Map<string, string>();
    let streamsBefore: string[];
    let balanceBefore: number;
    let otherMember: { token: string; memberId: string };

    beforeAll(async () => {
      otherMember = await ssoMember(base, 'roles-other', 'Other');
      const ctx: Ctx = { memberId: member.memberId, memberToken: member.token, otherMemberId: otherMember.memberId };
      for (const f of FORGED) forged.set(f.name, await f.make(ctx));
      streamsBefore = await streamsNow();
      balanceBefore = await balanceOf(otherMember.token);
    });

    it('control: tokens signed the way the server signs are accepted, so each refusal below is about its one defect', async () => {
      const memberToken = await sign({ role: 'member', sub: member.memberId }, { expiresAt: nowSeconds() + 600 });
      const me = await api(base, 'GET', '/api/me', undefined, memberToken);
      expect(me.status).toBe(200);
      expect(me.body.member.id).toBe(member.memberId);
      const hostLike = await sign({ role: 'host', sub: 'host' }, { expiresAt: nowSeconds() + 600 });
      expect(await connectOutcome(base, '/host', { token: hostLike })).toBe('connected');
    });

    it.each(FORGED.map((f) => f.name))('%s → 401 UNAUTHENTICATED over HTTP', async (name) => {
      const token = forged.get(name)!;
      for (const [method, path, body] of [
        ['GET', '/api/me', undefined],
        ['GET', '/api/rules', undefined],
        ['POST', '/api/streams', { title: 'Forged show' }],
        ['PUT', '/api/rules', { ...RULES, like: { points: 500, maxPerStream: 500 } }],
      ] as const) {
        const r = await api(base, method, path, body, token);
        expect(r.status, `${method} ${path}`).toBe(401);
        expect(r.body, `${method} ${path}`).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      }
    });

    it.each(FORGED.map((f) => f.name))('%s → connect_error UNAUTHENTICATED on /live, /overlay and /host', async (name) => {
      const token = forged.get(name)!;
      for (const ns of ['/live', '/overlay', '/host'] as const) {
        expect(await connectOutcome(base, ns, { token }), ns).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    });

    it.each(FORGED.map((f) => f.name))('%s → session:upgrade answers UNAUTHENTICATED', async (name) => {
      const reply = await ask(guestSocket, 'session:upgrade', { token: forged.get(name)! });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });

    it('…and no forged request changed anything', async () => {
      expect(await streamsNow()).toEqual(streamsBefore);
      expect((await api(base, 'GET', '/api/rules')).body.rules).toEqual(RULES);
      expect(await balanceOf(otherMember.token)).toBe(balanceBefore);
      // The guest socket that was offered every forged token is still a guest.
      expect(await ask(guestSocket, 'watch:chest', { streamId: liveId })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });

    it('a shop SSO assertion signed with the wrong secret → 401', async () => {
      const assertion = await shopAssertion('roles-sso', 'Sso', 300, OTHER_SECRET);
      const r = await api(base, 'POST', '/api/auth/exchange', { assertion });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('an expired shop SSO assertion → 401', async () => {
      const assertion = await shopAssertion('roles-sso', 'Sso', -60);
      const r = await api(base, 'POST', '/api/auth/exchange', { assertion });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('a wrong host key → 401', async () => {
      const r = await api(base, 'POST', '/api/auth/host', { hostKey: 'not-the-host-key-at-all' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
      expect(r.body).not.toHaveProperty('token');
    });

    it('login with a wrong password → 401 with the same message as an unknown handle', async () => {
      const signup = await api(base, 'POST', '/api/auth/signup', { handle: 'roles_pw', password: 'correct horse battery' });
      expect(signup.status).toBe(201);
      const wrongPassword = await api(base, 'POST', '/api/auth/login', { handle: 'roles_pw', password: 'wrong horse battery' });
      const unknownHandle = await api(base, 'POST', '/api/auth/login', { handle: 'roles_nobody', password: 'correct horse battery' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownHandle.status).toBe(401);
      expect(wrongPassword.body).toEqual(unknownHandle.body);
      expect(wrongPassword.body.error.code).toBe('UNAUTHENTICATED');
      // The right password still works: the refusal was about the password.
      expect((await api(base, 'POST', '/api/auth/login', { handle: 'roles_pw', password: 'correct horse battery' })).status).toBe(200);
    });
  });
});
