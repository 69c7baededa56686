/**
 * A tier's welcome points (issue 13): given the first time a member reaches
 * the tier, once ever (its ledger key is per member and tier) — not for more
 * points in the same tier, not on a second visit; and a member already in
 * the tier when the host adds the welcome gets it on their next visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, deliverOrder, eventually, fullLedger, hostToken, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2, entryPoints: 50 },
  ],
};

describe('tier welcome points', () => {
  let running: RunningApp;
  let base: string;
  let host: string;

  beforeAll(async () => {
    running = await startApp();
    base = running.url;
    host = await hostToken(base);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('welcomes a member to a tier once, however they get there again', async () => {
    const fan = await ssoMember(base, `tier-${Math.random()}`, 'Lin');
    const balance = async () => (await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance as number;
    expect((await deliverOrder(base, { orderId: `tier-a-${Math.random()}`, memberId: fan.memberId, amountCents: 150 * 100, currency: 'TWD' })).status).toBe(200);
    await eventually(async () => expect(await balance()).toBe(200));
    expect((await deliverOrder(base, { orderId: `tier-b-${Math.random()}`, memberId: fan.memberId, amountCents: 30 * 100, currency: 'TWD' })).status).toBe(200);
    expect(await balance()).toBe(230);
    expect(await balance()).toBe(230);
    const welcomes = (await fullLedger(base, fan.token)).filter((e) => e.reason === 'tier-entry');
    expect(welcomes.map((e) => [e.key, e.delta])).toEqual([[`tier-entry:${fan.memberId}:silver`, 50]]);
  });

  it('a member already in the tier when the host adds a welcome gets it on their next visit, once', async () => {
    const fan = await ssoMember(base, `tier-late-${Math.random()}`, 'Hao');
    const without = { ...RULES, tiers: RULES.tiers.map(({ entryPoints: _none, ...t }) => t) };
    expect((await api(base, 'PUT', '/api/rules', without, host)).status).toBe(200);
    await deliverOrder(base, { orderId: `tier-late-${Math.random()}`, memberId: fan.memberId, amountCents: 120 * 100, currency: 'TWD' });
    expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBe(120);
    expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBe(170);
    expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.balance).toBe(170);
  });
});
