/**
 * Points expiry through the real server (issue 13) with a hand-moved clock:
 * points earned on day 0 expire on day 30, less what was spent (spends use
 * the oldest points first); points earned later keep their own day; the
 * member is told what expires next; a second visit expires nothing twice;
 * the tier, which counts points earned, is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { api, deliverOrder, fullLedger, hostToken, ssoMember } from '../support/clients.ts';

const DAY = 86_400_000;
const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  points: { expireAfterDays: 30 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2 },
  ],
};

describe.each(['embedded', 'redis'] as const)('points expiry (%s)', (mode) => {
  let running: RunningApp;
  let base: string;
  let redis: RedisServer | null = null;

  beforeAll(async () => {
    if (mode === 'redis') redis = await startRedisServer();
    running = await startApp({ env: { MEMBER_TOKEN_DAYS: '365', ...SHARED_MACHINE_ENV }, ...(redis ? { redisUrl: redis.url } : {}) });
    base = running.url;
    const host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
  });
  afterAll(async () => {
    await running?.stop();
    await redis?.stop();
  });

  it('expires the oldest points on their day, after spends used them first, once', async () => {
    const t0 = running.clock.now;
    const host = await hostToken(base);
    const fan = await ssoMember(base, `expiry-${Math.random()}`, 'Mei');
    const me = async () => (await api(base, 'GET', '/api/me', undefined, fan.token)).body;
    await deliverOrder(base, { orderId: `expiry-a-${Math.random()}`, memberId: fan.memberId, amountCents: 100 * 100, currency: 'TWD' });
    running.clock.now = t0 + 5 * DAY;
    const gift = (await api(base, 'POST', '/api/rewards', { kind: 'item', title: 'Mug', pricePoints: 30 }, host)).body.reward;
    expect((await api(base, 'POST', `/api/rewards/${gift.id}/redeem`, { requestId: 'mug' }, fan.token)).status).toBe(200);
    running.clock.now = t0 + 29 * DAY;
    await deliverOrder(base, { orderId: `expiry-b-${Math.random()}`, memberId: fan.memberId, amountCents: 20 * 100, currency: 'TWD' });
    const before = await me();
    expect(before.balance).toBe(90);
    expect(before.expiring).toEqual({ points: 70, at: t0 + 30 * DAY });
    const tier = before.tier.id;

    running.clock.now = t0 + 30 * DAY;
    const after = await me();
    expect(after.balance).toBe(20);
    expect(after.expiring).toEqual({ points: 20, at: t0 + 59 * DAY });
    expect(after.tier.id).toBe(tier);
    expect((await me()).balance).toBe(20);
    const expiries = (await fullLedger(base, fan.token)).filter((e) => e.reason === 'expiry');
    expect(expiries.map((e) => [e.delta, e.at])).toEqual([[-70, t0 + 30 * DAY]]);

    running.clock.now = t0 + 59 * DAY;
    expect((await me()).balance).toBe(0);
    expect((await me()).expiring).toBeNull();
  });
});
