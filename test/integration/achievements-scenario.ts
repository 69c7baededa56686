/**
 * Achievements and badges through the real server (issue 14), written once
 * and run in each mode with a hand-moved clock: shows watched (a show counts
 * once, at five minutes), the first purchase (a redelivered order unlocks
 * nothing twice), a 30-day check-in streak and Super Fan, top fan of a show
 * when it ends, and a mission's badge. Each badge is recorded once, pushed
 * once to the member's tab and to the live overlays, shown beside the name
 * in chat, and part of the member's export.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeUnlockedEvent, MemberBadge } from '../../shared/achievements.ts';
import type { CommentEvent } from '../../shared/events.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, deliverOrder, eventually, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const DAY = 86_400_000;
const RULES: Rules = {
  ...DEFAULT_RULES,
  purchase: { pointsPerUnit: 1, unitCents: 100 },
  superFan: { days: 30, minActiveDays: 20 },
};

export function achievementsScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`achievements (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    let overlay: Socket;
    const overlayHeard: BadgeUnlockedEvent[] = [];
    const sockets: Socket[] = [];

    const member = async (label: string, show = streamId) => {
      const m = await ssoMember(base, `${name}-${label}-${Math.random()}`, label);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      const unlocked: BadgeUnlockedEvent[] = [];
      socket.on('badge:unlocked', (e: BadgeUnlockedEvent) => unlocked.push(e));
      await ask(socket, 'stream:join', { streamId: show });
      return { ...m, socket, unlocked };
    };
    const badges = async (token: string) => ((await api(base, 'GET', '/api/me/badges', undefined, token)).body.badges as MemberBadge[]).map((b) => b.id);
    const beat = (socket: Socket, show = streamId) => ask(socket, 'watch:heartbeat', { streamId: show, visible: true, playing: true });

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `achievements ${name}`);
      overlay = io(`${base}/overlay`, { auth: { token: host, streamId }, transports: ['websocket'], reconnection: false, forceNew: true });
      overlay.on('achievement', (e: BadgeUnlockedEvent) => overlayHeard.push(e));
      await nextEvent(overlay, 'snapshot');
    }, 60_000);
    afterAll(async () => {
      overlay?.close();
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('a show counts once at five minutes watched; the first purchase once however often the order comes', async () => {
      const fan = await member('Watcher');
      await beat(fan.socket);
      for (let i = 0; i < 19; i++) {
        running.clock.advance(15_000);
        await beat(fan.socket);
      }
      await eventually(async () => expect(await badges(fan.token)).toEqual([]));
      running.clock.advance(15_000);
      await beat(fan.socket); // 5 minutes
      for (let i = 0; i < 4; i++) {
        running.clock.advance(15_000);
        await beat(fan.socket);
      }
      await eventually(async () => expect(await badges(fan.token)).toEqual(['shows-watched:1']));
      const order = { orderId: `${name}-first-${Math.random()}`, memberId: fan.memberId, amountCents: 50_000, currency: 'TWD' };
      await Promise.all([deliverOrder(base, order), deliverOrder(base, order)]);
      await deliverOrder(base, { ...order, orderId: `${order.orderId}-2` });
      await eventually(async () => expect(await badges(fan.token)).toEqual(['shows-watched:1', 'first-purchase:1']));
      await new Promise((r) => setTimeout(r, 200));
      expect(fan.unlocked.map((e) => e.badge.id)).toEqual(['shows-watched:1', 'first-purchase:1']);
      expect(overlayHeard.filter((e) => e.memberId === fan.memberId).map((e) => [e.badge.id, e.displayName, e.streamId])).toEqual([
        ['shows-watched:1', 'Watcher', streamId],
        ['first-purchase:1', 'Watcher', streamId],
      ]);
      // Chat shows them beside the name.
      const line = nextEvent<CommentEvent>(fan.socket, 'comment', (c) => c.memberId === fan.memberId);
      expect((await ask(fan.socket, 'interact', { streamId, kind: 'comment', text: 'hello', requestId: 'c1' })).ok).toBe(true);
      expect((await line).badges).toEqual(['shows-watched:1', 'first-purchase:1']);
      const exported = (await api(base, 'GET', '/api/me/export', undefined, fan.token)).body;
      expect(exported.badges.map((b: MemberBadge) => b.id)).toEqual(['shows-watched:1', 'first-purchase:1']);
    });

    it('a 30-day check-in streak, and Super Fan on the visit that shows it', async () => {
      const fan = await member('Regular');
      for (let day = 0; day < 30; day++) {
        if (day > 0) running.clock.advance(DAY);
        expect((await ask(fan.socket, 'interact', { streamId, kind: 'checkin' })).ok).toBe(true);
        if (day === 28) expect(await badges(fan.token)).not.toContain('checkin-streak:1');
      }
      await eventually(async () => expect(await badges(fan.token)).toContain('checkin-streak:1'));
      expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.superFan).toBe(true);
      expect(await badges(fan.token)).toEqual(['checkin-streak:1', 'super-fan:1']);
      expect((await api(base, 'GET', '/api/me', undefined, fan.token)).body.superFan).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(fan.unlocked.map((e) => e.badge.id)).toEqual(['checkin-streak:1', 'super-fan:1']);
    });

    it("the top of a show's leaderboard when it ends is its top fan; a mission's stage gives its badge", async () => {
      const show = await liveShow(base, host, `top ${name}`);
      const [top, second] = [await member('Top', show), await member('Second', show)];
      for (let i = 0; i < 5; i++) await ask(top.socket, 'interact', { streamId: show, kind: 'like', requestId: `t${i}` });
      await ask(second.socket, 'interact', { streamId: show, kind: 'like', requestId: 's0' });
      const created = await api(base, 'POST', '/api/missions', {
        title: 'Say hi',
        goal: { kind: 'comments' },
        period: { kind: 'show' },
        stages: [{ target: 1, reward: { badge: 'Chatty' } }],
      }, host);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect((await ask(second.socket, 'interact', { streamId: show, kind: 'comment', text: 'hi', requestId: 'hi' })).ok).toBe(true);
      await eventually(async () => expect(await badges(second.token)).toEqual([`mission:${created.body.mission.id}:1`]));
      expect((await api(base, 'GET', '/api/me/badges', undefined, second.token)).body.badges[0]).toMatchObject({ label: 'Chatty', achievement: null });
      expect((await api(base, 'POST', `/api/streams/${show}/end`, {}, host)).status).toBe(200);
      await eventually(async () => expect(await badges(top.token)).toEqual(['top-fan:1']));
      expect(await badges(second.token)).toEqual([`mission:${created.body.mission.id}:1`]);
    });
  });
}
