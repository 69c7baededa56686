/**
 * The rewards store through the real server (issue 13), run in each mode:
 * the host's catalogue and code upload, members redeeming at once over HTTP
 * (each code once, balances down by the price, a replay the same), a gift
 * the host rejects (points back once however often) or fulfils, tier
 * prices and minimum tiers, what a guest may not see (a shared code), the
 * overlay alert of a reward that asks for one, and a tier's welcome reward.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import type { RewardAlertEvent } from '../../shared/events.ts';
import { api, connect, deliverOrder, eventually, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'gold', name: 'Gold', minPoints: 1000, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
};

export function rewardsScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`rewards store (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let orders = 0;

    const member = async (label: string, points: number) => {
      const m = await ssoMember(base, `${name}-${label}-${Math.random()}`, label);
      if (points > 0) expect((await deliverOrder(base, { orderId: `rw-${name}-${orders++}-${Math.random()}`, memberId: m.memberId, amountCents: points * 100, currency: 'TWD' })).status).toBe(200);
      return m;
    };
    const balance = async (token: string) => (await api(base, 'GET', '/api/me', undefined, token)).body.balance as number;
    const create = async (body: Record<string, unknown>) => {
      const r = await api(base, 'POST', '/api/rewards', { title: 'Reward', pricePoints: 100, ...body }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.reward as { id: string; left: number | null };
    };
    const redeem = (rewardId: string, token: string, requestId = 'tap-1') => api(base, 'POST', `/api/rewards/${rewardId}/redeem`, { requestId }, token);

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    }, 60_000);
    afterAll(async () => {
      await running?.stop();
    });

    it('hands each uploaded code to one member only, charges the price once, and replays a repeated tap', async () => {
      const coupon = await create({ kind: 'coupon', codeMode: 'pool', perMemberLimit: 1 });
      const upload = await api(base, 'POST', `/api/rewards/${coupon.id}/codes`, { codes: ['SAVE-1', 'SAVE-2', 'SAVE-3', 'SAVE-1'] }, host);
      expect(upload.body).toEqual({ added: 3, duplicates: 1, unused: 3 });
      const crowd = await Promise.all(Array.from({ length: 6 }, (_, i) => member(`fan${i}`, 300)));
      const replies = await Promise.all(crowd.map((m) => redeem(coupon.id, m.token)));
      const won = replies.filter((r) => r.status === 200);
      expect(won).toHaveLength(3);
      expect(new Set(won.map((r) => r.body.redemption.code))).toEqual(new Set(['SAVE-1', 'SAVE-2', 'SAVE-3']));
      expect(replies.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(['SOLD_OUT', 'SOLD_OUT', 'SOLD_OUT']);
      for (const [i, r] of replies.entries()) expect(await balance(crowd[i]!.token)).toBe(r.status === 200 ? 200 : 300);
      const winner = crowd[replies.findIndex((r) => r.status === 200)]!;
      const again = await redeem(coupon.id, winner.token);
      expect(again.body.redemption).toEqual(won.find((r) => r.body.redemption.memberId === winner.memberId)!.body.redemption);
      expect(await balance(winner.token)).toBe(200);
      expect((await api(base, 'GET', '/api/me/redemptions', undefined, winner.token)).body.redemptions).toHaveLength(1);
      const catalogue = (await api(base, 'GET', '/api/rewards', undefined, winner.token)).body.rewards;
      expect(catalogue.find((r: { id: string }) => r.id === coupon.id)).toMatchObject({ left: 0, mine: { total: 1 } });
    });

    it('a gift waits for the host: rejected, its points come back once however often; a fulfilled one cannot be rejected', async () => {
      const gift = await create({ kind: 'item', stock: 2 });
      const fan = await member('gifted', 250);
      const made = (await redeem(gift.id, fan.token)).body.redemption;
      expect(made).toMatchObject({ status: 'pending', code: null });
      const queue = (await api(base, 'GET', '/api/redemptions?status=pending', undefined, host)).body.redemptions;
      expect(queue.map((r: { id: string }) => r.id)).toContain(made.id);
      const rejects = await Promise.all([1, 2, 3].map(() => api(base, 'POST', `/api/redemptions/${made.id}/reject`, {}, host)));
      expect(rejects.every((r) => r.status === 200 && r.body.redemption.status === 'rejected')).toBe(true);
      expect(await balance(fan.token)).toBe(250);
      expect((await api(base, 'POST', `/api/redemptions/${made.id}/fulfil`, {}, host)).body.error.code).toBe('CONFLICT');
      const second = (await redeem(gift.id, fan.token, 'tap-2')).body.redemption;
      // The member's open tabs hear the host fulfil it.
      const socket = await connect(base, '/live', { token: fan.token });
      try {
        const pushed = nextEvent(socket, 'redemption', (e) => e.redemption.id === second.id && e.redemption.status === 'fulfilled');
        expect((await api(base, 'POST', `/api/redemptions/${second.id}/fulfil`, {}, host)).body.redemption.status).toBe('fulfilled');
        expect((await pushed).redemption).toMatchObject({ id: second.id, status: 'fulfilled' });
      } finally {
        socket.close();
      }
      expect((await api(base, 'POST', `/api/redemptions/${second.id}/reject`, {}, host)).body.error.code).toBe('CONFLICT');
      expect(await balance(fan.token)).toBe(150);
    });

    it('tier prices and minimum tiers; a shared code only for those who redeemed; members cannot run the catalogue', async () => {
      const perk = await create({ kind: 'shipping', codeMode: 'shared', sharedCode: 'SHIPFREE', tierPrices: { gold: 40 } });
      const vip = await create({ kind: 'custom', minTier: 'gold' });
      const guestView = (await api(base, 'GET', '/api/rewards')).body.rewards;
      expect(JSON.stringify(guestView)).not.toContain('SHIPFREE');
      const gold = await member('goldie', 1200);
      const bronze = await member('bronzie', 300);
      expect((await redeem(perk.id, gold.token)).body.redemption).toMatchObject({ code: 'SHIPFREE', pricePoints: 40 });
      expect((await redeem(perk.id, bronze.token)).body.redemption).toMatchObject({ pricePoints: 100 });
      expect((await redeem(vip.id, bronze.token)).body.error.code).toBe('TIER_TOO_LOW');
      expect((await api(base, 'POST', '/api/rewards', { kind: 'custom', title: 'x', pricePoints: 1 }, bronze.token)).status).toBe(403);
      expect((await api(base, 'POST', `/api/redemptions/no-such/reject`, {}, host)).body.error.code).toBe('NOT_FOUND');
      const poorer = await member('broke', 10);
      expect((await redeem(perk.id, poorer.token)).body.error.code).toBe('INSUFFICIENT_POINTS');
      expect(await balance(poorer.token)).toBe(10);
    });

    it("announces a redemption on the live show's overlay only when the reward asks, once, with the member's name", async () => {
      const streamId = await liveShow(base, host, `alerts ${name}`);
      const overlay = io(`${base}/overlay`, { auth: { token: host, streamId }, transports: ['websocket'], reconnection: false, forceNew: true });
      const alerts: RewardAlertEvent[] = [];
      try {
        await nextEvent(overlay, 'snapshot'); // listened for before the socket can connect: the snapshot comes at once
        overlay.on('reward:alert', (e: RewardAlertEvent) => alerts.push(e));
        const quiet = await create({ kind: 'custom', title: 'Quiet thanks', pricePoints: 0 });
        const loud = await create({ kind: 'shipping', codeMode: 'shared', sharedCode: 'FREESHIP', title: 'Free shipping', pricePoints: 10, overlayAlert: true });
        const mei = await member('Mei', 50);
        expect((await redeem(quiet.id, mei.token)).status).toBe(200);
        expect((await redeem(loud.id, mei.token)).status).toBe(200);
        expect((await redeem(loud.id, mei.token)).status).toBe(200); // a replayed tap: no second alert
        // The host turns the alert on for the quiet one: from now on it is announced.
        expect((await api(base, 'PATCH', `/api/rewards/${quiet.id}`, { overlayAlert: true }, host)).body.reward.overlayAlert).toBe(true);
        expect((await redeem(quiet.id, mei.token, 'tap-2')).status).toBe(200);
        await eventually(() => expect(alerts).toHaveLength(2));
        await new Promise((r) => setTimeout(r, 300));
        expect(alerts.map((a) => [a.streamId, a.displayName, a.rewardTitle, a.kind])).toEqual([
          [streamId, 'Mei', 'Free shipping', 'shipping'],
          [streamId, 'Mei', 'Quiet thanks', 'custom'],
        ]);
        expect(JSON.stringify(alerts)).not.toContain('FREESHIP');
      } finally {
        overlay.close();
        await api(base, 'POST', `/api/streams/${streamId}/end`, {}, host);
      }
    });

    it("gives a tier's welcome reward once, free, the first time a member reaches the tier", async () => {
      const welcome = await create({ kind: 'coupon', codeMode: 'shared', sharedCode: 'WELCOME-GOLD', title: 'Gold welcome', pricePoints: 500 });
      const tiers = RULES.tiers.map((t) => (t.id === 'gold' ? { ...t, entryRewardId: welcome.id } : t));
      expect((await api(base, 'PUT', '/api/rules', { ...RULES, tiers }, host)).status).toBe(200);
      try {
        const climber = await member('climber', 1100);
        const welcomes = async () =>
          ((await api(base, 'GET', '/api/me/redemptions', undefined, climber.token)).body.redemptions as { rewardId: string; pricePoints: number; code: string }[]).filter(
            (r) => r.rewardId === welcome.id,
          );
        await eventually(async () => expect(await welcomes()).toHaveLength(1));
        expect((await welcomes())[0]).toMatchObject({ pricePoints: 0, code: 'WELCOME-GOLD' });
        expect(await balance(climber.token)).toBe(1100);
        await deliverOrder(base, { orderId: `rw-more-${name}-${Math.random()}`, memberId: climber.memberId, amountCents: 100 * 100, currency: 'TWD' });
        expect(await balance(climber.token)).toBe(1200);
        expect(await welcomes()).toHaveLength(1);
        const bronze = await member('stays-bronze', 200);
        expect((await api(base, 'GET', '/api/me/redemptions', undefined, bronze.token)).body.redemptions).toEqual([]);
      } finally {
        expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      }
    });
  });
}
