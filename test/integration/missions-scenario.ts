/**
 * Missions through the real server (issue 14), written once and run in each
 * mode with a hand-moved clock: each goal type completes exactly when it
 * should and pays its stage once (ledger key
 * `mission:<id>:<member>:<period>:<stage>`); a replayed like or order never
 * counts twice; periods turn at local midnight, on Monday and on the 1st in
 * Asia/Taipei, and a date range counts only inside it; a staged "repurchase
 * check-in" pays A after one order and B (a catalogue reward) after two; a
 * mission above the member's tier counts nothing; the member's tab hears the
 * completion.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionView } from '../../shared/missions.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, eventually, fullLedger, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Asia/Taipei',
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  like: { points: 1, maxPerStream: 50 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'gold', name: 'Gold', minPoints: 100_000, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 4 },
  ],
};
/** Taipei is UTC+8 with no daylight saving: local midnight of a day is 16:00 UTC the day before. */
const taipei = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`);

export function missionsScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`missions (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    const sockets: Socket[] = [];
    let seq = 0;

    const createMission = async (body: Record<string, unknown>): Promise<string> => {
      const r = await api(base, 'POST', '/api/missions', { title: `Mission ${++seq}`, ...body }, host);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.mission.id;
    };
    const points = (n: number) => ({ points: n, rewardId: null });
    const member = async (label: string) => {
      const m = await ssoMember(base, `${name}-${label}-${Math.random()}`, label);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      await ask(socket, 'stream:join', { streamId });
      return { ...m, socket };
    };
    const mine = async (token: string, missionId: string) => {
      const missions = (await api(base, 'GET', '/api/missions', undefined, token)).body.missions as MissionView[];
      return missions.find((m) => m.id === missionId)!.mine!;
    };
    /** The mission payments in the member's ledger, as [key, points]. */
    const paid = async (token: string): Promise<Array<[string, number]>> =>
      (await fullLedger(base, token)).filter((e: LedgerEntry) => e.reason === 'mission').map((e) => [e.key, e.delta] as [string, number]).sort();
    /** Waits for the progress to reach `expected`, then checks it stays there (nothing late, e.g. a replay, moves it on). */
    const progressSettles = async (token: string, missionId: string, expected: number) => {
      await eventually(async () => expect((await mine(token, missionId)).progress).toBe(expected));
      await new Promise((r) => setTimeout(r, 150));
      expect((await mine(token, missionId)).progress).toBe(expected);
    };
    const like = (socket: Socket, requestId: string, show = streamId) => ask(socket, 'interact', { streamId: show, kind: 'like', requestId });

    beforeAll(async () => {
      running = await start();
      running.clock.now = taipei('2026-11-23T12:00:00');
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `missions ${name}`);
    }, 60_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('likes in this show: the third completes it, once; a replayed like counts nothing; the tab hears it', async () => {
      const missionId = await createMission({ goal: { kind: 'likes' }, period: { kind: 'show' }, stages: [{ target: 3, reward: points(15) }] });
      const fan = await member('Liker');
      expect((await like(fan.socket, 'l1')).ok).toBe(true);
      expect((await like(fan.socket, 'l2')).ok).toBe(true);
      await like(fan.socket, 'l2'); // the same request again
      await progressSettles(fan.token, missionId, 2);
      expect(await paid(fan.token)).toEqual([]);
      const toast = nextEvent(fan.socket, 'mission:completed');
      await like(fan.socket, 'l3');
      expect(await toast).toMatchObject({ missionId, stage: 1, period: streamId, reward: { points: 15 } });
      for (const id of ['l3', 'l4', 'l5']) await like(fan.socket, id);
      await progressSettles(fan.token, missionId, 5);
      expect(await paid(fan.token)).toEqual([[`mission:${missionId}:${fan.memberId}:${streamId}:1`, 15]]);
      expect(await mine(fan.token, missionId)).toMatchObject({ period: streamId, reached: 1, endsAt: null });
    });

    it('check-ins: the day turns at Taipei midnight, the week on Monday, the month on the 1st; a range counts inside it only', async () => {
      const daily = await createMission({ goal: { kind: 'checkins' }, period: { kind: 'day' }, stages: [{ target: 1, reward: points(5) }] });
      const weekly = await createMission({ goal: { kind: 'checkins' }, period: { kind: 'week' }, stages: [{ target: 2, reward: points(20) }] });
      const monthly = await createMission({ goal: { kind: 'checkins' }, period: { kind: 'month' }, stages: [{ target: 2, reward: points(30) }] });
      const range = await createMission({
        goal: { kind: 'checkins' },
        period: { kind: 'range', from: taipei('2026-11-30T00:00:00'), until: taipei('2026-12-02T00:00:00') },
        stages: [{ target: 2, reward: points(40) }],
      });
      const fan = await member('Checker');
      // Sunday 23:59, then a minute after midnight on Monday, Tuesday (1 December) and Wednesday.
      const days = ['2026-11-29T23:59:00', '2026-11-30T00:01:00', '2026-12-01T00:01:00', '2026-12-02T00:01:00'];
      for (const [i, local] of days.entries()) {
        running.clock.now = taipei(local);
        expect((await ask(fan.socket, 'interact', { streamId, kind: 'checkin' })).ok).toBe(true);
        await eventually(async () => expect((await mine(fan.token, daily)).progress).toBe(1));
        if (i === 1) expect(await mine(fan.token, weekly)).toMatchObject({ period: '2026-11-30', progress: 1, endsAt: taipei('2026-12-07T00:00:00') });
      }
      const id = fan.memberId;
      const expected: Array<[string, number]> = [
        ...['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map((d): [string, number] => [`mission:${daily}:${id}:${d}:1`, 5]),
        [`mission:${weekly}:${id}:2026-11-30:1`, 20],
        [`mission:${monthly}:${id}:2026-11:1`, 30],
        [`mission:${monthly}:${id}:2026-12:1`, 30],
        [`mission:${range}:${id}:range:1`, 40],
      ];
      await eventually(async () => expect(await paid(fan.token)).toEqual(expected.sort()));
      // Wednesday: outside the range, whose progress stopped at the two days inside it.
      expect(await mine(fan.token, range)).toMatchObject({ period: null, progress: 0 });
      expect(await mine(fan.token, weekly)).toMatchObject({ progress: 3, reached: 1 });
    });

    it('a staged repurchase mission pays A after one order and B, a catalogue reward, after two; a redelivered order counts once', async () => {
      const gift = (await api(base, 'POST', '/api/rewards', { kind: 'item', title: 'Gift B', pricePoints: 900 }, host)).body.reward;
      const missionId = await createMission({
        goal: { kind: 'purchases' },
        period: { kind: 'month' },
        stages: [
          { target: 1, reward: points(50) },
          { target: 2, reward: { points: 0, rewardId: gift.id } },
        ],
      });
      const spend = await createMission({ goal: { kind: 'purchases', measure: 'amount' }, period: { kind: 'month' }, stages: [{ target: 100_000, reward: points(70) }] });
      const fan = await member('Buyer');
      const order = (orderId: string, amountCents: number) => deliverOrder(base, { orderId, memberId: fan.memberId, amountCents, currency: 'TWD' });
      const first = `${name}-first-${Math.random()}`;
      expect((await order(first, 60_000)).status).toBe(200);
      expect((await order(first, 60_000)).status).toBe(200);
      await progressSettles(fan.token, missionId, 1);
      expect(await paid(fan.token)).toEqual([[`mission:${missionId}:${fan.memberId}:2026-12:1`, 50]]);
      expect((await order(`${name}-second-${Math.random()}`, 45_000)).status).toBe(200);
      await progressSettles(fan.token, missionId, 2);
      await eventually(async () => {
        const gifts = (await api(base, 'GET', '/api/me/redemptions', undefined, fan.token)).body.redemptions.filter((r: { rewardId: string }) => r.rewardId === gift.id);
        expect(gifts).toMatchObject([{ pricePoints: 0, status: 'pending' }]);
      });
      await eventually(async () => expect((await paid(fan.token)).map(([key]) => key)).toContain(`mission:${spend}:${fan.memberId}:2026-12:1`));
      expect(await mine(fan.token, spend)).toMatchObject({ progress: 105_000, reached: 1 });
      const hostView = ((await api(base, 'GET', '/api/missions', undefined, host)).body.missions as MissionView[]).find((m) => m.id === missionId)!;
      expect(hostView.completions).toEqual([1, 1]);
    });

    it('watch minutes and shows attended count credited watch time; comments in distinct shows count each show once', async () => {
      const minutes = await createMission({ goal: { kind: 'watchMinutes' }, period: { kind: 'day' }, stages: [{ target: 2, reward: points(25) }] });
      const shows = await createMission({ goal: { kind: 'showsAttended', minMinutes: 1 }, period: { kind: 'week' }, stages: [{ target: 2, reward: points(35) }] });
      const talk = await createMission({ goal: { kind: 'comments', distinctShows: true }, period: { kind: 'week' }, stages: [{ target: 2, reward: points(45) }] });
      running.clock.now = taipei('2026-12-03T20:00:00');
      const fan = await member('Watcher');
      const beats = async (show: string, count: number) => {
        for (let i = 0; i < count; i++) {
          running.clock.advance(15_000);
          expect((await ask(fan.socket, 'watch:heartbeat', { streamId: show, visible: true, playing: true })).ok).toBe(true);
        }
      };
      await ask(fan.socket, 'watch:heartbeat', { streamId, visible: true, playing: true });
      await beats(streamId, 8); // two minutes
      await eventually(async () => expect(await mine(fan.token, minutes)).toMatchObject({ progress: 2, reached: 1 }));
      await eventually(async () => expect((await mine(fan.token, shows)).progress).toBe(1));
      for (const k of [1, 2, 3]) expect((await ask(fan.socket, 'interact', { streamId, kind: 'comment', text: `hi ${k}`, requestId: `c${k}` })).ok).toBe(true);
      await progressSettles(fan.token, talk, 1);

      const second = await liveShow(base, host, `second ${name}`);
      running.clock.advance(10 * MINUTE); // the first show's watch clock lets go
      await ask(fan.socket, 'stream:join', { streamId: second });
      await ask(fan.socket, 'watch:heartbeat', { streamId: second, visible: true, playing: true });
      await beats(second, 4);
      expect((await ask(fan.socket, 'interact', { streamId: second, kind: 'comment', text: 'here too', requestId: 'c4' })).ok).toBe(true);
      await eventually(async () => expect(await mine(fan.token, shows)).toMatchObject({ progress: 2, reached: 1 }));
      await eventually(async () => expect(await mine(fan.token, talk)).toMatchObject({ progress: 2, reached: 1 }));
      const keys = (await paid(fan.token)).map(([key]) => key);
      expect(keys).toEqual(
        [`mission:${minutes}:${fan.memberId}:2026-12-03:1`, `mission:${shows}:${fan.memberId}:2026-11-30:1`, `mission:${talk}:${fan.memberId}:2026-11-30:1`].sort(),
      );
      await api(base, 'POST', `/api/streams/${second}/end`, {}, host);
    });

    it('a paid drop claim counts; a mission above the member tier counts nothing', async () => {
      const claims = await createMission({ goal: { kind: 'dropClaimsPaid' }, period: { kind: 'week' }, stages: [{ target: 1, reward: points(60) }] });
      const goldOnly = await createMission({ goal: { kind: 'likes' }, period: { kind: 'show' }, stages: [{ target: 1, reward: points(99) }], minTier: 'gold' });
      const fan = await member('Claimer');
      const drop = (await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Jade', priceCents: 120_000, stock: 3 }, host)).body.drop;
      const claim = await ask(fan.socket, 'drop:claim', { dropId: drop.id, requestId: 'claim-1' });
      expect(claim.ok, JSON.stringify(claim)).toBe(true);
      expect((await like(fan.socket, 'gold-like')).ok).toBe(true);
      await progressSettles(fan.token, claims, 0);
      expect((await deliverOrder(base, { orderId: `${name}-claim-${Math.random()}`, memberId: fan.memberId, amountCents: 120_000, currency: 'TWD', claimId: claim.claim.id })).status).toBe(200);
      await eventually(async () => expect(await mine(fan.token, claims)).toMatchObject({ progress: 1, reached: 1 }));
      expect((await mine(fan.token, goldOnly)).progress).toBe(0);
      // The order also counts toward the earlier test's purchase missions; of these two, only the claim's pays.
      const keys = (await paid(fan.token)).map(([key]) => key).filter((k) => k.startsWith(`mission:${claims}:`) || k.startsWith(`mission:${goldOnly}:`));
      expect(keys).toEqual([`mission:${claims}:${fan.memberId}:2026-11-30:1`]);
    });

    it('refuses a malformed mission by field, and a reward or tier that does not exist', async () => {
      const bad = async (body: Record<string, unknown>, field: string) => {
        const r = await api(base, 'POST', '/api/missions', { title: 'x', goal: { kind: 'likes' }, period: { kind: 'day' }, stages: [{ target: 1, reward: points(1) }], ...body }, host);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.error.field).toBe(field);
      };
      await bad({ stages: [{ target: 3, reward: points(1) }, { target: 2, reward: points(1) }] }, 'stages.1.target');
      await bad({ stages: [{ target: 3, reward: points(0) }] }, 'stages.0.reward');
      await bad({ goal: { kind: 'dance' } }, 'goal.kind');
      await bad({ period: { kind: 'range', from: 2000, until: 1000 } }, 'period.until');
      await bad({ stages: [{ target: 1, reward: { points: 0, rewardId: 'no-such-reward' } }] }, 'stages.0.reward.rewardId');
      await bad({ minTier: 'platinum' }, 'minTier');
      const fan = await member('Nobody');
      expect((await api(base, 'POST', '/api/missions', { title: 'x' }, fan.token)).status).toBe(403);
    });
  });
}
