/**
 * The birthday gift through the real server (issue 13), with a hand-moved
 * clock in Asia/Taipei: nothing on 31 December at 23:59 local time, the gift
 * on the first visit at 00:01 on 1 January local time (still 31 December in
 * UTC), and not again that year however often the member comes back; a
 * changed birthday within the year's lock is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { SHARED_MACHINE_ENV } from '../support/shared-machine.ts';
import { api, fullLedger, hostToken, ssoMember } from '../support/clients.ts';

describe.each(['embedded', 'redis'] as const)('the birthday gift (Asia/Taipei, %s)', (mode) => {
  let running: RunningApp;
  let base: string;
  let redis: RedisServer | null = null;

  beforeAll(async () => {
    if (mode === 'redis') redis = await startRedisServer();
    running = await startApp({ env: { MEMBER_TOKEN_DAYS: '365', ...SHARED_MACHINE_ENV }, ...(redis ? { redisUrl: redis.url } : {}) });
    base = running.url;
    const host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', { ...DEFAULT_RULES, timezone: 'Asia/Taipei', birthday: { points: 300 } }, host)).status).toBe(200);
  });
  afterAll(async () => {
    await running?.stop();
    await redis?.stop();
  });

  it('arrives once, on the first visit of the birthday month by local time, across the new year — points and a free coupon', async () => {
    const host = await hostToken(base);
    const coupon = (await api(base, 'POST', '/api/rewards', { kind: 'coupon', title: 'Birthday cake', pricePoints: 999, codeMode: 'shared', sharedCode: 'HBD-CAKE' }, host)).body.reward;
    expect((await api(base, 'PUT', '/api/rules', { ...DEFAULT_RULES, timezone: 'Asia/Taipei', birthday: { points: 300, rewardId: coupon.id } }, host)).status).toBe(200);
    const fan = await ssoMember(base, `birthday-${Math.random()}`, 'Mei');
    const set = await api(base, 'PUT', '/api/me/birthday', { month: 1, day: 5 }, fan.token);
    expect(set.body.birthday).toMatchObject({ month: 1, day: 5 });
    const visit = async () => (await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance as number;

    running.clock.now = Date.parse('2026-12-31T15:59:00Z'); // 23:59 on 31 December in Taipei
    expect(await visit()).toBe(0);
    running.clock.now = Date.parse('2026-12-31T16:01:00Z'); // 00:01 on 1 January 2027 in Taipei
    expect(await visit()).toBe(300);
    expect(await visit()).toBe(300);
    running.clock.now = Date.parse('2027-01-20T04:00:00Z');
    expect(await visit()).toBe(300);
    const gifts = (await fullLedger(base, fan.token)).filter((e) => e.reason === 'birthday');
    expect(gifts.map((e) => e.key)).toEqual([`birthday:${fan.memberId}:2027`]);
    // The coupon came with it, free and once: the points above were not spent on it.
    const mine = (await api(base, 'GET', '/api/me/redemptions', undefined, fan.token)).body.redemptions;
    expect(mine).toEqual([expect.objectContaining({ rewardId: coupon.id, code: 'HBD-CAKE', pricePoints: 0, requestId: 'birthday-2027', status: 'fulfilled' })]);
  });

  it('locks a changed birthday for a year, refusing the change by field and keeping the first', async () => {
    const fan = await ssoMember(base, `birthday-lock-${Math.random()}`, 'Hao');
    expect((await api(base, 'PUT', '/api/me/birthday', { month: 3, day: 14 }, fan.token)).status).toBe(200);
    expect((await api(base, 'PUT', '/api/me/birthday', { month: 3, day: 14 }, fan.token)).status).toBe(200); // the same date: no change
    const changed = await api(base, 'PUT', '/api/me/birthday', { month: 4, day: 1 }, fan.token);
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: 'CONFLICT', field: 'month' });
    expect((await api(base, 'GET', '/api/me/birthday', undefined, fan.token)).body.birthday).toMatchObject({ month: 3, day: 14 });
    expect((await api(base, 'PUT', '/api/me/birthday', { month: 2, day: 30 }, fan.token)).body.error).toMatchObject({ code: 'VALIDATION', field: 'day' });
  });
});
