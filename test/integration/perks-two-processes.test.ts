/**
 * Member perks on one host, several processes: two real server processes share
 * one private Redis (same REDIS_PREFIX) and one DATA_DIR. 2,000 members, half
 * on each process, claim 100 units at once; every tenth also retries the same
 * requestId on the other process in the same instant (a retry across nodes).
 * Then 300 members enter a paid lottery through both processes at once.
 * What must hold, whichever process a request hits: exactly 100 claims, the
 * same claim for the same requestId everywhere, nobody above their limit, and
 * one entry and one charge per member however many processes they reach.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProof, type LotteryProof } from '../../shared/lottery-proof.ts';
import type { Claim } from '../../shared/perks.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, deliverOrder, eventually, fullLedger, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';

const MEMBERS = 2000;
const STOCK = 100;
/** Every RETRY_EVERY-th member sends its claim to both processes at once, with one requestId. */
const RETRY_EVERY = 10;
const ENTRANTS = 300;
const ENTRY_COST = 10;
/** Points each entrant buys first (default rules: 1 point per whole NT$100). */
const SEED_POINTS = 25;
const SEED_CENTS = SEED_POINTS * DEFAULT_RULES.purchase.unitCents;

type Tab = 'a' | 'b';
const other = (tab: Tab): Tab => (tab === 'a' ? 'b' : 'a');

interface Member {
  index: number;
  memberId: string;
  token: string;
  /** The process the member signed in through and claims on. */
  home: Tab;
  sockets: Partial<Record<Tab, Socket>>;
  /** Every drop:claim ack the member got in the storm, by process. */
  answers: Partial<Record<Tab, any>>;
}

async function claimsOf(base: string, token: string): Promise<Claim[]> {
  const r = await api(base, 'GET', '/api/me/claims', undefined, token);
  if (r.status !== 200) throw new Error(`/api/me/claims: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.claims as Claim[];
}

describe('member perks on two processes, one Redis, one DATA_DIR', () => {
  let redis: RedisServer;
  let dataDir: string;
  const servers: Partial<Record<Tab, ServerProcess>> = {};
  const url = (tab: Tab) => servers[tab]!.url;
  let host: string;
  let streamId: string;
  let dropId: string;
  const members: Member[] = [];

  const socketOn = async (m: Member, tab: Tab): Promise<Socket> => (m.sockets[tab] ??= await connect(url(tab), '/live', { token: m.token }));

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'frontrow-perks-two-'));
    const options = { dataDir, redisUrl: redis.url, redisPrefix: randomPrefix(), env: SHARED_MACHINE_ENV };
    const [a, b] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    Object.assign(servers, { a, b });
    expect([a.mode, b.mode]).toEqual(['redis', 'redis']);
  });

  afterAll(async () => {
    for (const m of members) for (const s of Object.values(m.sockets)) s.close();
    await Promise.all(Object.values(servers).map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`sells exactly ${STOCK} units to ${MEMBERS} members claiming on both processes at once`, async () => {
    host = await hostToken(url('a'));
    streamId = await liveShow(url('a'), host, 'perks on two processes');
    const created = await api(url('a'), 'POST', `/api/streams/${streamId}/drops`, { title: 'Jade bracelet', priceCents: 120_000, stock: STOCK, perMemberLimit: 1 }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    dropId = created.body.drop.id;

    const indexes = Array.from({ length: MEMBERS }, (_, i) => i);
    await inBatches(indexes, 40, async (i) => {
      // Half sign in through each process: a token from one is good on the other.
      const home: Tab = i % 2 ? 'b' : 'a';
      const { token, memberId } = await ssoMember(url(home), `perks-two-${i}`, `Fan ${i}`);
      members[i] = { index: i, memberId, token, home, sockets: {}, answers: {} };
    });
    await inBatches(members, 100, async (m) => {
      await socketOn(m, m.home);
      if (m.index % RETRY_EVERY === 0) await socketOn(m, other(m.home));
    });

    // All at once; the retriers' second copy goes to the other process in the same instant.
    await Promise.all(
      members.flatMap((m) =>
        (Object.keys(m.sockets) as Tab[]).map(async (tab) => {
          m.answers[tab] = await ask(m.sockets[tab]!, 'drop:claim', { dropId, requestId: `storm-${m.index}` }, 60_000);
        }),
      ),
    );

    const answers = members.flatMap((m) => Object.values(m.answers));
    expect(answers).toHaveLength(MEMBERS + MEMBERS / RETRY_EVERY);
    const otherRefusals = answers.filter((a) => !a.ok && a.error?.code !== 'SOLD_OUT');
    expect(otherRefusals, 'every refusal is SOLD_OUT').toEqual([]);

    // One requestId, one outcome, on whichever process: both acks carry the same claim, or both are SOLD_OUT.
    const retriers = members.filter((m) => m.index % RETRY_EVERY === 0);
    const split = retriers.filter((m) => JSON.stringify(m.answers.a) !== JSON.stringify(m.answers.b));
    expect(split.map((m) => [m.index, m.answers.a, m.answers.b]), 'retries across processes that disagree').toEqual([]);

    const winners = members.filter((m) => m.answers[m.home].ok);
    expect(winners).toHaveLength(STOCK);
    // The race across processes was run for winners too, not only for the sold-out (about 1 in 10 retriers wins).
    expect(retriers.filter((m) => m.answers.a.ok).length).toBeGreaterThan(0);
    expect(new Set(winners.map((m) => m.answers[m.home].claim.id)).size).toBe(STOCK);
    for (const m of winners) expect(m.answers[m.home].claim).toMatchObject({ dropId, status: 'reserved', checkoutRef: expect.stringMatching(/^FR-/) });

    for (const tab of ['a', 'b'] as const) {
      const { body } = await api(url(tab), 'GET', `/api/drops/${dropId}`);
      expect(body.drop, `drop as process ${tab} sees it`).toMatchObject({ stock: STOCK, remaining: 0, status: 'sold-out' });
    }
  }, 120_000);

  it('answers a winner’s requestId replayed on the other process with the same claim, and nothing more', async () => {
    const winners = members.filter((m) => m.answers[m.home].ok);
    await inBatches(winners, 50, async (m) => {
      const away = await socketOn(m, other(m.home));
      const replay = await ask(away, 'drop:claim', { dropId, requestId: `storm-${m.index}` });
      expect(replay, `member ${m.index}`).toEqual({ ok: true, claim: m.answers[m.home].claim });
      // A fresh tap is sold out on either process.
      const fresh = await ask(away, 'drop:claim', { dropId, requestId: `late-${m.index}` });
      expect(fresh).toMatchObject({ ok: false, error: { code: 'SOLD_OUT' } });
    });
    for (const tab of ['a', 'b'] as const) expect((await api(url(tab), 'GET', `/api/drops/${dropId}`)).body.drop.remaining).toBe(0);
  }, 60_000);

  it('keeps every member at one reserved claim, and only the winners hold one, as the store sees it', async () => {
    const winners = members.filter((m) => m.answers[m.home].ok);
    // The claims reach the shared SQLite file through the Redis outbox: wait until the copies caught up.
    await eventually(
      async () => {
        await inBatches(winners, 50, async (m) => {
          const claims = await claimsOf(url(other(m.home)), m.token);
          expect(claims.map((c) => c.id), `claims of member ${m.index}`).toEqual([m.answers[m.home].claim.id]);
        });
      },
      15_000,
      250,
    );

    let held = 0;
    await inBatches(members, 50, async (m) => {
      const claims = await claimsOf(url(m.index % 3 ? 'a' : 'b'), m.token);
      const reserved = claims.filter((c) => c.status === 'reserved');
      expect(reserved.length, `reserved claims of member ${m.index}`).toBeLessThanOrEqual(1);
      if (m.answers[m.home].ok) {
        const acked = m.answers[m.home].claim;
        expect(claims).toEqual([
          expect.objectContaining({ id: acked.id, dropId, memberId: m.memberId, requestId: `storm-${m.index}`, status: 'reserved', checkoutRef: acked.checkoutRef }),
        ]);
      } else {
        expect(claims, `member ${m.index} was told SOLD_OUT`).toEqual([]);
      }
      held += claims.length;
    });
    expect(held).toBe(STOCK);
  }, 60_000);

  it(`enters ${ENTRANTS} members into a paid lottery once each, charged once, through both processes at once`, async () => {
    const created = await api(
      url('b'),
      'POST',
      `/api/streams/${streamId}/lotteries`,
      { title: 'Tea set', prize: 'A tea set', winners: 5, entryCostPoints: ENTRY_COST, requireWatching: false },
      host,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lotteryId = created.body.lottery.id as string;
    const entrants = members.slice(0, ENTRANTS);

    // Points to spend, bought through either process.
    await inBatches(entrants, 50, async (m) => {
      const paid = await deliverOrder(url(m.index % 2 ? 'a' : 'b'), { orderId: `seed-${m.index}`, memberId: m.memberId, amountCents: SEED_CENTS, currency: 'TWD' });
      expect(paid.body, `order of member ${m.index}`).toMatchObject({ ok: true, points: SEED_POINTS, created: true });
    });
    await inBatches(entrants, 100, async (m) => Promise.all([socketOn(m, 'a'), socketOn(m, 'b')]));

    // Each entrant enters once per process, all of them at the same time.
    const entries = await Promise.all(
      entrants.map(async (m) => {
        const [a, b] = await Promise.all((['a', 'b'] as const).map((tab) => ask(m.sockets[tab]!, 'lottery:enter', { lotteryId }, 60_000)));
        return { m, a, b };
      }),
    );
    for (const { m, a, b } of entries) {
      expect(a, `member ${m.index} on a`).toEqual({ ok: true, entry: { lotteryId, memberId: m.memberId, weight: 1 } });
      expect(b, `member ${m.index} on b`).toEqual(a);
    }
    for (const tab of ['a', 'b'] as const) {
      expect((await api(url(tab), 'GET', `/api/lotteries/${lotteryId}`)).body.lottery, `lottery as process ${tab} sees it`).toMatchObject({
        status: 'open',
        entries: ENTRANTS,
      });
    }

    const key = (m: Member) => `lottery:${lotteryId}:${m.memberId}`;
    // Spends reach the store through the outbox too.
    await eventually(
      async () => {
        await inBatches(entrants, 50, async (m) => {
          const ledger = await fullLedger(url(m.index % 2 ? 'b' : 'a'), m.token);
          expect(ledger.filter((e) => e.key === key(m)), `member ${m.index}`).toHaveLength(1);
        });
      },
      15_000,
      250,
    );
    await inBatches(entrants, 50, async (m) => {
      const [balanceA, balanceB, ledger] = await Promise.all([balanceOf(url('a'), m.token), balanceOf(url('b'), m.token), fullLedger(url('b'), m.token)]);
      const charges = ledger.filter((e) => e.key === key(m));
      expect(charges, `charges of member ${m.index}`).toEqual([expect.objectContaining({ delta: -ENTRY_COST, reason: 'lottery-entry', memberId: m.memberId })]);
      expect(ledger.filter((e) => e.reason === 'lottery-entry'), `member ${m.index}`).toHaveLength(1);
      expect(balanceA, `balance of member ${m.index}`).toBe(SEED_POINTS - ENTRY_COST);
      expect(balanceB).toBe(balanceA);
      expect(ledger.reduce((sum, e) => sum + e.delta, 0), `ledger sum of member ${m.index}`).toBe(balanceA);
    });

    // The draw sees every entrant once, at their weight, and its proof holds.
    const draw = await api(url('a'), 'POST', `/api/lotteries/${lotteryId}/draw`, undefined, host);
    expect(draw.status, JSON.stringify(draw.body)).toBe(200);
    const proof = draw.body.proof as LotteryProof;
    expect(proof.entries).toHaveLength(ENTRANTS);
    expect(new Set(proof.entries.map(([id]) => id))).toEqual(new Set(entrants.map((m) => m.memberId)));
    expect(proof.entries.every(([, weight]) => weight === 1)).toBe(true);
    expect(await verifyProof(proof)).toEqual({ ok: true, version: 1 });
    expect((await api(url('b'), 'GET', `/api/lotteries/${lotteryId}/proof`)).body.proof).toEqual(proof);
  }, 90_000);

  it('drains both processes on SIGTERM', async () => {
    for (const m of members) for (const s of Object.values(m.sockets)) s.close();
    const codes = await Promise.all([servers.a!.stop(), servers.b!.stop()]);
    expect(codes, `${servers.a!.output()}\n${servers.b!.output()}`).toEqual([0, 0]);
  }, 60_000);
});
