/**
 * Member perks over real sockets, written once and run in every mode: a drop
 * storm of 2,000 members for 100 units, tier windows to the second, expiry and
 * confirmation, the signed order webhook, and a provably fair lottery from
 * creation to a proof the verifier accepts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, eventually, hostToken, inBatches, liveShow, nextEvent, pointedMember, ssoMember } from '../support/clients.ts';

const run = promisify(execFile);

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.2, earlyAccessSeconds: 300, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 500, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
};
const STORM_MEMBERS = 2000;
const STORM_STOCK = 100;
const CONCURRENT_TAPS = 30;
/**
 * What the harness starts the app with: one member's 30 simultaneous taps test the engine's per-member
 * limit, not the socket's claim budget (10 at once by default), so the budgets are raised to let them through.
 */
export const PERKS_ENV = { SOCKET_BUDGET_SCALE: String(CONCURRENT_TAPS / 10) };

export function perksScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`member perks (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    const sockets: Socket[] = [];
    let orderSeq = 0;

    const member = (label: string, points = 0) =>
      pointedMember(base, { scope: name, label, points, orderId: `seed-${name}-${orderSeq++}`, sockets });
    const createDrop = async (body: Record<string, unknown>) => {
      const r = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Jade bracelet', priceCents: 120000, ...body }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.drop;
    };

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `perks ${name}`);
    }, 120_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it(`never oversells: ${STORM_MEMBERS} members claim ${STORM_STOCK} units at once`, async () => {
      const drop = await createDrop({ stock: STORM_STOCK });
      const crowd = [];
      for (let i = 0; i < STORM_MEMBERS; i++) crowd.push(await ssoMember(base, `${name}-storm-${i}-${Math.random()}`, `Storm ${i}`));
      const stormSockets: Socket[] = [];
      await inBatches(crowd, 200, async (m) => stormSockets.push(await connect(base, '/live', { token: m.token })));
      sockets.push(...stormSockets);
      const answers = await Promise.all(stormSockets.map((s, i) => ask(s, 'drop:claim', { dropId: drop.id, requestId: `storm-${i}` }, 60_000)));
      const won = answers.filter((a) => a.ok);
      expect(won).toHaveLength(STORM_STOCK);
      expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'SOLD_OUT')).toBe(true);
      expect(new Set(won.map((a) => a.claim.id)).size).toBe(STORM_STOCK);
      // A double tap (same requestId) answers the same claim; a fresh tap is sold out.
      const firstWinner = answers.findIndex((a) => a.ok);
      const again = await ask(stormSockets[firstWinner]!, 'drop:claim', { dropId: drop.id, requestId: `storm-${firstWinner}` });
      expect(again.claim).toEqual(answers[firstWinner].claim);
      expect((await ask(stormSockets[firstWinner]!, 'drop:claim', { dropId: drop.id, requestId: 'another-tap' })).error.code).toBe('SOLD_OUT');
      expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop).toMatchObject({ remaining: 0, status: 'sold-out' });
    }, 180_000);

    it('holds a member to their limit under concurrent taps', async () => {
      const drop = await createDrop({ stock: 50, perMemberLimit: 3 });
      const fan = await member('Eager');
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT_TAPS }, (_, i) => ask(fan.socket, 'drop:claim', { dropId: drop.id, requestId: `tap-${i}` })),
      );
      expect(answers.filter((a) => a.ok)).toHaveLength(3);
      expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'LIMIT_REACHED')).toBe(true);
      expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop.remaining).toBe(47);
    });

    it('opens each tier to the second, and keeps tiers below minTier out', async () => {
      const opensAt = running.clock.now + 3_600_000;
      const drop = await createDrop({ stock: 10, opensAt });
      expect(drop.windows).toEqual([
        { tierId: 'gold', opensAt: opensAt - 600_000 },
        { tierId: 'silver', opensAt: opensAt - 300_000 },
        { tierId: 'bronze', opensAt },
      ]);
      const gold = await member('Gold fan', 600);
      const silver = await member('Silver fan', 150);
      running.clock.now = opensAt - 600_000 - 1;
      expect((await ask(gold.socket, 'drop:claim', { dropId: drop.id, requestId: 'g0' })).error).toMatchObject({ code: 'NOT_OPEN', opensAt: opensAt - 600_000 });
      running.clock.now = opensAt - 600_000;
      expect((await ask(gold.socket, 'drop:claim', { dropId: drop.id, requestId: 'g1' })).ok).toBe(true);
      running.clock.now = opensAt - 300_001;
      const early = await ask(silver.socket, 'drop:claim', { dropId: drop.id, requestId: 's1' });
      expect(early.error).toMatchObject({ code: 'NOT_OPEN', opensAt: opensAt - 300_000 });
      running.clock.now = opensAt - 300_000;
      expect((await ask(silver.socket, 'drop:claim', { dropId: drop.id, requestId: 's1' })).ok).toBe(true);

      const exclusive = await createDrop({ stock: 5, minTier: 'gold' });
      expect((await ask(silver.socket, 'drop:claim', { dropId: exclusive.id, requestId: 'x' })).error.code).toBe('TIER_TOO_LOW');
      expect((await ask(gold.socket, 'drop:claim', { dropId: exclusive.id, requestId: 'x' })).ok).toBe(true);
    });

    it('returns the stock of expired reservations; a confirmed claim never expires', async () => {
      const drop = await createDrop({ stock: 2, reservationSeconds: 60 });
      const a = await member('Keeper');
      const b = await member('Dawdler');
      const c = await member('Latecomer');
      const kept = await ask(a.socket, 'drop:claim', { dropId: drop.id, requestId: 'k' });
      const lapsed = await ask(b.socket, 'drop:claim', { dropId: drop.id, requestId: 'd' });
      expect((await ask(c.socket, 'drop:claim', { dropId: drop.id, requestId: 'l1' })).error.code).toBe('SOLD_OUT');
      const confirmed = await api(base, 'POST', `/api/claims/${kept.claim.id}/confirm`, undefined, host);
      expect(confirmed.body.claim.status).toBe('confirmed');
      running.clock.advance(61_000);
      const late = await ask(c.socket, 'drop:claim', { dropId: drop.id, requestId: 'l2' });
      expect(late.ok, JSON.stringify(late)).toBe(true);
      expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop).toMatchObject({ remaining: 0, reserved: 1, confirmed: 1 });
      await running.app.services.engine.flush();
      const claimsOf = async (token: string) => (await api(base, 'GET', '/api/me/claims', undefined, token)).body.claims;
      expect((await claimsOf(a.token)).map((x: { status: string }) => x.status)).toEqual(['confirmed']);
      expect((await claimsOf(b.token))[0]).toMatchObject({ id: lapsed.claim.id, status: 'expired' });
      const tooLate = await api(base, 'POST', `/api/claims/${lapsed.claim.id}/confirm`, undefined, host);
      expect(tooLate.body.error.code).toBe('CONFLICT');
    });

    it('confirms a claim and pays purchase points once, however often the shop delivers the order', async () => {
      const drop = await createDrop({ stock: 3 });
      const buyer = await member('Buyer');
      const { claim } = await ask(buyer.socket, 'drop:claim', { dropId: drop.id, requestId: 'buy' });
      const order = { orderId: `order-${name}-1`, memberId: buyer.memberId, amountCents: 1_200_00, currency: 'TWD', claimId: claim.id };
      const deliveries = await Promise.all([1, 2, 3].map(() => deliverOrder(base, order)));
      for (const d of deliveries) expect(d.body).toMatchObject({ ok: true, points: 1200, claim: { status: 'confirmed' } });
      expect(deliveries.filter((d) => d.body.created)).toHaveLength(1);
      await deliverOrder(base, order);
      const me = (await api(base, 'GET', '/api/me', undefined, buyer.token)).body;
      expect(me).toMatchObject({ balance: 1200, earned365: 1200, tier: { id: 'gold' } });

      const forged = await deliverOrder(base, { ...order, orderId: `order-${name}-forged` }, 'not-the-shop-secret-0123456789abcdef');
      expect(forged.status).toBe(401);
      expect(forged.body.error.code).toBe('UNAUTHENTICATED');
      expect((await api(base, 'GET', '/api/me', undefined, buyer.token)).body.balance).toBe(1200);
    });

    it('runs a provably fair lottery: commit, idempotent paid entries, draw, a proof the verifier accepts', async () => {
      const created = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea set', prize: 'A tea set', winners: 2, entryCostPoints: 50 }, host);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const lottery = created.body.lottery;
      expect(lottery.commitment).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(lottery)).not.toMatch(/seed/);
      const watcher = await connect(base, '/live');
      sockets.push(watcher);
      await ask(watcher, 'stream:join', { streamId });
      const fans = await Promise.all([member('Lucky A', 200), member('Lucky B', 600), member('Lucky C', 40)]);
      for (const f of fans) {
        await ask(f.socket, 'stream:join', { streamId });
        expect((await ask(f.socket, 'lottery:enter', { lotteryId: lottery.id })).error.code).toBe('NOT_READY'); // not watching yet
        await ask(f.socket, 'watch:heartbeat', { streamId, visible: true, playing: true });
      }
      const first = await ask(fans[0].socket, 'lottery:enter', { lotteryId: lottery.id });
      expect(first).toMatchObject({ ok: true, entry: { memberId: fans[0].memberId, weight: 2 } });
      expect((await ask(fans[0].socket, 'lottery:enter', { lotteryId: lottery.id })).entry).toEqual(first.entry);
      expect((await ask(fans[1].socket, 'lottery:enter', { lotteryId: lottery.id })).entry.weight).toBe(4);
      expect((await ask(fans[2].socket, 'lottery:enter', { lotteryId: lottery.id })).error.code).toBe('INSUFFICIENT_POINTS');
      const balances = await Promise.all(fans.map(async (f) => (await api(base, 'GET', '/api/me', undefined, f.token)).body.balance));
      expect(balances).toEqual([150, 550, 40]);
      expect((await api(base, 'GET', `/api/lotteries/${lottery.id}/proof`)).body.error.code).toBe('NOT_READY');

      const drawn = nextEvent(watcher, 'lottery:drawn', (e) => e.lotteryId === lottery.id);
      const draw = await api(base, 'POST', `/api/lotteries/${lottery.id}/draw`, undefined, host);
      expect(draw.body.lottery).toMatchObject({ status: 'drawn', entries: 2 });
      expect((await drawn).winners.map((w: { displayName: string }) => w.displayName).sort()).toEqual(['Lucky A', 'Lucky B']);
      expect((await ask(fans[2].socket, 'lottery:enter', { lotteryId: lottery.id })).error.code).toBe('CLOSED');
      const again = await api(base, 'POST', `/api/lotteries/${lottery.id}/draw`, undefined, host);
      expect(again.body.proof).toEqual(draw.body.proof);

      const proofUrl = `${base}/api/lotteries/${lottery.id}/proof`;
      const holds = await run('npm', ['run', '--silent', 'verify:lottery', '--', proofUrl]);
      expect(holds.stdout).toMatch(/PROOF HOLDS/);
      const dir = mkdtempSync(join(tmpdir(), 'proof-'));
      const tampered = { ...draw.body.proof, entries: draw.body.proof.entries.map(([id, w]: [string, number]) => [id, w * 2]) };
      writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ proof: tampered }));
      const fails = await run('npm', ['run', '--silent', 'verify:lottery', '--', join(dir, 'tampered.json')]).catch((e) => e);
      expect(fails.code).toBe(1);
      expect(fails.stdout).toMatch(/PROOF FAILS/);
    });

    it('returns the stock of lapsed reservations even after the show has ended', async () => {
      const showId = await liveShow(base, host, `ending ${name}`);
      const created = await api(base, 'POST', `/api/streams/${showId}/drops`, { title: 'Last call', priceCents: 500, stock: 2, reservationSeconds: 30 }, host);
      const drop = created.body.drop;
      const m = await member('Undecided');
      expect((await ask(m.socket, 'drop:claim', { dropId: drop.id, requestId: 'maybe' })).ok).toBe(true);
      expect((await api(base, 'POST', `/api/streams/${showId}/end`, undefined, host)).status).toBe(200);
      running.clock.advance(31_000);
      // Nobody claims any more: the periodic sweep alone must bring the unit back.
      await eventually(async () => expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop.remaining).toBe(2));
    });

    it('lets only the host create, close and draw, and only members claim and enter', async () => {
      const drop = await createDrop({ stock: 1 });
      const m = await member('Pretender');
      expect((await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'x', priceCents: 1, stock: 1 }, m.token)).status).toBe(403);
      expect((await api(base, 'POST', `/api/drops/${drop.id}/close`, undefined, m.token)).status).toBe(403);
      const lot = (await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 't', prize: 'p', winners: 1, requireWatching: false }, host)).body.lottery;
      expect((await api(base, 'POST', `/api/lotteries/${lot.id}/draw`, undefined, m.token)).status).toBe(403);
      const guest = await connect(base, '/live');
      sockets.push(guest);
      expect((await ask(guest, 'drop:claim', { dropId: drop.id, requestId: 'g' })).error.code).toBe('UNAUTHENTICATED');
      expect((await ask(guest, 'lottery:enter', { lotteryId: lot.id })).error.code).toBe('UNAUTHENTICATED');
      expect((await api(base, 'GET', `/api/drops/${drop.id}`)).body.drop.remaining).toBe(1);
      expect((await api(base, 'GET', `/api/lotteries/${lot.id}`)).body.lottery.entries).toBe(0);
    });
  });
}
