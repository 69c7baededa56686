/**
 * The rewards store under a storm, across two real server processes on one
 * DATA_DIR (and, in Redis mode, one private Redis) — issue 13's done-when:
 * 2,000 members redeem a coupon with 100 codes at once, half on each
 * process, every tenth also retrying the same request on the other process
 * in the same instant. Exactly 100 redemptions, each code given once, nobody
 * over their limit, no balance below zero, balance == ledger sum. Then the
 * same storm on a second coupon with one process SIGKILLed in the middle:
 * every acknowledged redemption is there with its code after the restart,
 * and none is doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import type { Redemption } from '../../shared/rewards.ts';
import { randomPrefix } from '../support/app-harness.ts';
import { api, deliverOrder, fullLedger, hostToken, inBatches, ssoMember } from '../support/clients.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../support/server-process.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';

const MEMBERS = Number(process.env.REWARDS_STORM_MEMBERS ?? 2000);
const CODES = 100;
const PRICE = 100;
/** Enough for one redemption of each coupon (default rules: 1 point per whole NT$100). */
const SEED_POINTS = 250;
const RETRY_EVERY = 10;

type Tab = 'a' | 'b';
const other = (tab: Tab): Tab => (tab === 'a' ? 'b' : 'a');

interface Member {
  index: number;
  memberId: string;
  token: string;
  home: Tab;
}

interface Reply {
  status: number;
  body: any;
}

describe.each(['embedded', 'redis'] as const)('the rewards store on two processes (%s)', (mode) => {
  let redis: RedisServer | null = null;
  let dataDir: string;
  let options: ServerProcessOptions;
  const servers: Partial<Record<Tab, ServerProcess>> = {};
  const url = (tab: Tab) => servers[tab]!.url;
  const members: Member[] = [];
  let host: string;

  const coupon = async (title: string) => {
    const created = await api(url('a'), 'POST', '/api/rewards', { kind: 'coupon', title, pricePoints: PRICE, codeMode: 'pool', perMemberLimit: 1 }, host);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.reward.id as string;
    const codes = Array.from({ length: CODES }, (_, i) => `${title}-${i}`);
    expect((await api(url('b'), 'POST', `/api/rewards/${id}/codes`, { codes }, host)).body).toMatchObject({ added: CODES });
    return id;
  };

  /** Everyone at once, half on each process; every tenth sends the same request to the other process too. */
  const storm = (rewardId: string, onError?: (m: Member, tab: Tab) => void) =>
    Promise.all(
      members.flatMap((m) =>
        (m.index % RETRY_EVERY === 0 ? [m.home, other(m.home)] : [m.home]).map(async (tab): Promise<[Member, Tab, Reply | null]> => {
          try {
            return [m, tab, await api(url(tab), 'POST', `/api/rewards/${rewardId}/redeem`, { requestId: `storm-${rewardId}` }, m.token)];
          } catch {
            onError?.(m, tab);
            return [m, tab, null]; // the process died with the request in flight: no answer, no promise made
          }
        }),
      ),
    );

  const redemptionsOf = async (m: Member, tab: Tab): Promise<Redemption[]> => {
    const r = await api(url(tab), 'GET', '/api/me/redemptions', undefined, m.token);
    if (r.status !== 200) throw new Error(`/api/me/redemptions: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.redemptions;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `frontrow-rewards-${mode}-`));
    if (mode === 'redis') redis = await startRedisServer();
    options = { dataDir, ...(redis ? { redisUrl: redis.url, redisPrefix: randomPrefix() } : {}), env: SHARED_MACHINE_ENV };
    const [a, b] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    Object.assign(servers, { a, b });
    expect([a.mode, b.mode]).toEqual([mode, mode]);
    host = await hostToken(url('a'));
    await inBatches(
      Array.from({ length: MEMBERS }, (_, i) => i),
      40,
      async (i) => {
        const home: Tab = i % 2 ? 'b' : 'a';
        const { token, memberId } = await ssoMember(url(home), `rewards-${mode}-${i}`, `Fan ${i}`);
        members[i] = { index: i, memberId, token, home };
        const paid = await deliverOrder(url(other(home)), { orderId: `rewards-seed-${i}`, memberId, amountCents: SEED_POINTS * DEFAULT_RULES.purchase.unitCents, currency: 'TWD' });
        expect(paid.body, `seed order of member ${i}`).toMatchObject({ ok: true, points: SEED_POINTS });
      },
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.kill('SIGKILL')));
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`gives ${CODES} codes to ${CODES} of ${MEMBERS} members redeeming at once, each code once, balances equal to their ledger`, async () => {
    const rewardId = await coupon('FIRST');
    const replies = await storm(rewardId);
    expect(replies.every(([, , r]) => r !== null)).toBe(true);
    const refusals = replies.filter(([, , r]) => r!.status !== 200).map(([, , r]) => r!.body.error.code);
    expect(new Set(refusals)).toEqual(new Set(['SOLD_OUT']));
    // One request, one outcome, whichever process answered.
    for (const m of members.filter((x) => x.index % RETRY_EVERY === 0)) {
      const both = replies.filter(([x]) => x === m).map(([, , r]) => r!.body);
      expect(both[0], `member ${m.index}`).toEqual(both[1]);
    }
    const won = new Map(replies.filter(([, , r]) => r!.status === 200).map(([m, , r]) => [m.index, r!.body.redemption as Redemption]));
    expect(won.size).toBe(CODES);
    expect(new Set([...won.values()].map((x) => x.code)).size).toBe(CODES);

    await inBatches(members, 50, async (m) => {
      const mine = await redemptionsOf(m, other(m.home));
      expect(mine.length, `member ${m.index}`).toBeLessThanOrEqual(1);
      expect(mine.map((x) => x.code)).toEqual(won.has(m.index) ? [won.get(m.index)!.code] : []);
      const balance = (await api(url(m.home), 'GET', '/api/me', undefined, m.token)).body.balance as number;
      expect(balance).toBe(won.has(m.index) ? SEED_POINTS - PRICE : SEED_POINTS);
    });
    // The ledger as the store holds it (Redis mode: copied through the outbox) sums to each balance.
    await inBatches(members.filter((m) => m.index % 20 === 0 || won.has(m.index)), 25, async (m) => {
      const ledger = await fullLedger(url(m.home), m.token);
      expect(ledger.reduce((sum, e) => sum + e.delta, 0), `ledger of member ${m.index}`).toBe(won.has(m.index) ? SEED_POINTS - PRICE : SEED_POINTS);
    });
  }, 240_000);

  it('keeps every acknowledged redemption, with its code, when a process is SIGKILLed mid-storm; none doubled', async () => {
    const rewardId = await coupon('SECOND');
    const killing = new Promise<void>((resolve) => setTimeout(() => void servers.a!.kill('SIGKILL').then(resolve), 150));
    const replies = await storm(rewardId);
    await killing;
    servers.a = await startServerProcess({ ...options, port: servers.a!.port });
    const acked = replies.filter(([, , r]) => r?.status === 200).map(([m, , r]) => [m, r!.body.redemption as Redemption] as const);
    expect(acked.length).toBeGreaterThan(0);
    // The kill landed mid-storm: some requests to the killed process got no answer.
    expect(replies.some(([, tab, r]) => tab === 'a' && r === null)).toBe(true);
    await inBatches(members, 50, async (m) => {
      const mine = (await redemptionsOf(m, m.index % 2 ? 'a' : 'b')).filter((x) => x.rewardId === rewardId);
      expect(mine.length, `member ${m.index} has one redemption at most`).toBeLessThanOrEqual(1);
      for (const [, r] of acked.filter(([x]) => x === m)) expect(mine, `member ${m.index}'s acknowledged redemption`).toEqual([r]);
    });
    // Each code still went to one member only, and no more than the pool held.
    const all = (await Promise.all(members.map((m) => redemptionsOf(m, 'b')))).flat().filter((x) => x.rewardId === rewardId);
    expect(new Set(all.map((x) => x.code)).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(CODES);
    await inBatches(members.filter((m) => m.index % 20 === 0), 25, async (m) => {
      const balance = (await api(url('b'), 'GET', '/api/me', undefined, m.token)).body.balance as number;
      expect(balance).toBeGreaterThanOrEqual(0);
    });
  }, 240_000);
});
