/**
 * Points nobody can mint (issue 8), written once and run in every mode
 * (fair-earning-embedded/-redis): upgraded guest connections do not multiply
 * watch time, one socket in three shows earns what one show pays, and
 * referrals from the sharer's own network pay nothing while a genuine one pays
 * once, under the per-day cap. The clock is the harness's, moved by hand.
 *
 * Addresses are simulated with X-Forwarded-For (the app trusts the loopback
 * proxy): guests spread over several addresses, as a real farm would be.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, fullLedger, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { everySeconds: 15, points: 10, heartbeatSeconds: 15, chestEverySeconds: 60, chestPoints: 50, idleAfterSeconds: 1800 },
  share: { points: 25, maxPerStream: 50, maxPerDay: 2 },
};
const BEAT_MS = RULES.watch.heartbeatSeconds * 1000;
const GUESTS = 200;
const SHARER_ADDRESS = '198.51.100.7';

export function fairEarningScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`points nobody can mint (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    const sockets: Socket[] = [];
    let n = 0;

    const open = async (auth: Record<string, string> = {}, from?: string) => {
      const s = await connect(base, '/live', auth, from);
      sockets.push(s);
      return s;
    };
    const member = (from?: string) => ssoMember(base, `fair-${name}-${++n}-${Math.random()}`, `Fan ${n}`, from);
    const ok = async (socket: Socket, event: string, payload: unknown) => {
      const reply = await ask(socket, event, payload);
      expect(reply.ok, `${event}: ${JSON.stringify(reply)}`).toBe(true);
      return reply;
    };
    const beat = (socket: Socket, streamId: string) => ok(socket, 'watch:heartbeat', { streamId, visible: true, playing: true });

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
    }, 60_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('200 guest sockets upgraded with one member token earn within 5% of one honest viewer over the same minute', async () => {
      const streamId = await liveShow(base, host, `farm ${name}`);
      const honest = await member();
      const farmer = await member();
      const honestSocket = await open({ token: honest.token });
      const guests: Socket[] = [];
      for (let i = 0; i < GUESTS; i++) guests.push(await open({}, `192.0.2.${1 + (i % 10)}`));
      await ok(honestSocket, 'stream:join', { streamId });
      await inBatches(guests, 50, (g) => ok(g, 'stream:join', { streamId }));
      // One minute: the honest viewer and every guest beat at 0, 15, 30, 45 and 60 s.
      for (let r = 0; r <= 4; r++) {
        if (r > 0) running.clock.advance(BEAT_MS);
        await beat(honestSocket, streamId);
        await inBatches(guests, 50, (g) => beat(g, streamId));
      }
      const upgraded = await Promise.all(guests.map((g) => ask(g, 'session:upgrade', { token: farmer.token })));
      expect(upgraded.every((u) => u.ok)).toBe(true);
      // Chests follow credited time: one minute opens one chest, however many sockets ask.
      const chests = await Promise.all(guests.slice(0, 20).map((g) => ask(g, 'watch:chest', { streamId })));
      expect(chests.filter((c) => c.ok)).toHaveLength(1);
      expect((await ask(honestSocket, 'watch:chest', { streamId })).ok).toBe(true);

      const honestBalance = await balanceOf(base, honest.token);
      const farmerBalance = await balanceOf(base, farmer.token);
      expect(honestBalance).toBe(4 * RULES.watch.points + RULES.watch.chestPoints);
      expect(Math.abs(farmerBalance - honestBalance)).toBeLessThanOrEqual(honestBalance * 0.05);
    }, 120_000);

    it('one socket in three live shows earns what one show pays, and hears why the others credit nothing', async () => {
      const shows = [
        await liveShow(base, host, `a ${name}`),
        await liveShow(base, host, `b ${name}`),
        await liveShow(base, host, `c ${name}`),
      ];
      const honest = await member();
      const greedy = await member();
      const honestSocket = await open({ token: honest.token });
      const greedySocket = await open({ token: greedy.token });
      await ok(honestSocket, 'stream:join', { streamId: shows[0] });
      for (const streamId of shows) await ok(greedySocket, 'stream:join', { streamId });
      let elsewhere = 0;
      for (let r = 0; r <= 4; r++) {
        if (r > 0) running.clock.advance(BEAT_MS);
        await beat(honestSocket, shows[0]!);
        for (const streamId of shows) {
          const reply = await beat(greedySocket, streamId);
          if (reply.watchingElsewhere) {
            expect(reply).toMatchObject({ credited: 0, awarded: 0 });
            elsewhere++;
          }
        }
      }
      expect(elsewhere).toBe(2 * 5);
      expect(await balanceOf(base, greedy.token)).toBe(await balanceOf(base, honest.token));
      expect(await balanceOf(base, honest.token)).toBe(4 * RULES.watch.points);
    }, 60_000);

    it('referrals: puppets from the sharer address pay 0, a genuine one pays once, and the per-day cap holds', async () => {
      const sharer = await member(SHARER_ADDRESS);
      const sharerSocket = await open({ token: sharer.token }, SHARER_ADDRESS);
      const streamId = await liveShow(base, host, `refs ${name}`);
      await ok(sharerSocket, 'stream:join', { streamId });
      const ref = sharer.memberId;
      const watchMinute = async (viewers: Socket[], show: string) => {
        for (let r = 0; r <= 4; r++) {
          if (r > 0) running.clock.advance(BEAT_MS);
          for (const v of viewers) await beat(v, show);
        }
      };
      // Redis mode: the store's ledger follows the outbox; flushed first, so a count is never read early.
      const shareEntries = async () => {
        await running.app.services.engine.flush();
        return (await fullLedger(base, sharer.token)).filter((e) => e.reason === 'share');
      };
      /** A member whose account is created from `createdFrom`, joining the show through the link from `from`. */
      const referred = async (createdFrom: string, from = createdFrom) => {
        const socket = await open({ token: (await member(createdFrom)).token }, from);
        await ok(socket, 'stream:join', { streamId, ref });
        return socket;
      };

      // Six puppet accounts made from the sharer's address, watching from elsewhere.
      const puppets: Socket[] = [];
      for (let i = 0; i < 6; i++) puppets.push(await referred(SHARER_ADDRESS, `203.0.113.${50 + i}`));
      await watchMinute(puppets, streamId);
      expect(await shareEntries()).toHaveLength(0);

      // A genuine newcomer from another network pays once, and not again in another show.
      const genuineSocket = await referred('203.0.113.20');
      await watchMinute([genuineSocket], streamId);
      expect(await shareEntries()).toHaveLength(1);
      const second = await liveShow(base, host, `refs again ${name}`);
      await ok(genuineSocket, 'stream:leave', { streamId });
      running.clock.advance(2 * BEAT_MS); // the first show's lease on the genuine viewer's clock runs out
      await ok(genuineSocket, 'stream:join', { streamId: second, ref });
      await watchMinute([genuineSocket], second);
      expect(await shareEntries()).toHaveLength(1);

      // Guest time brought on sign-up does not count as watching signed in.
      const late = await member('203.0.113.21');
      const lateGuest = await open({}, '203.0.113.21');
      await ok(lateGuest, 'stream:join', { streamId, ref });
      await watchMinute([lateGuest], streamId);
      await ok(lateGuest, 'session:upgrade', { token: late.token });
      expect(await shareEntries()).toHaveLength(1);

      // Per day (maxPerDay 2): the late sign-up qualifies (the second), a third waits for the next day.
      running.clock.advance(BEAT_MS);
      await watchMinute([lateGuest], streamId);
      expect(await shareEntries()).toHaveLength(2);
      await watchMinute([await referred('203.0.113.22')], streamId);
      expect(await shareEntries()).toHaveLength(2);
      running.clock.advance(24 * 3_600_000);
      await watchMinute([await referred('203.0.113.23')], streamId);
      const paid = await shareEntries();
      expect(paid).toHaveLength(3);
      expect(paid.every((e) => e.delta === RULES.share.points)).toBe(true);
    }, 90_000);
  });
}
