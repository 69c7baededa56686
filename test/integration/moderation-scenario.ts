/**
 * Moderation over real sockets, written once and run in every mode: the host
 * removes a comment from every screen, mutes a member for a while, bans one
 * (who then earns, claims, enters and comments nothing), slows the chat down,
 * and the rules' blocked words and room ceiling keep comments off the air.
 * Time is the test clock: mutes and slow mode end when the test says so.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentEvent } from '../../shared/events.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, balanceOf, connect, deliverOrder, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  comment: { ...DEFAULT_RULES.comment, max: 100, blockedWords: ['spam', '詐騙'], roomPerSecond: 3 },
};

export function moderationScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`moderation (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let host: string;
    let streamId: string;
    let watcher: Socket; // a viewer who only watches the chat
    let hostRoom: Socket; // the dashboard, listening in the room
    const sockets: Socket[] = [];
    /** every comment the watcher saw, in order */
    const seen: CommentEvent[] = [];

    const member = async (label: string) => {
      const m = await ssoMember(base, `${name}-${label}-${Math.random()}`, label);
      const socket = await connect(base, '/live', { token: m.token });
      sockets.push(socket);
      expect((await ask(socket, 'stream:join', { streamId })).ok).toBe(true);
      return { ...m, socket };
    };
    const say = (socket: Socket, text: string) => ask(socket, 'interact', { streamId, kind: 'comment', text });
    /** A marker comment everyone can see: whatever the watcher saw before it, it saw in order. */
    const seenUntilMarker = async (by: Socket) => {
      const text = `marker ${Math.random()}`;
      const arrived = nextEvent<CommentEvent>(watcher, 'comment', (c) => c.text === text);
      expect((await say(by, text)).ok).toBe(true);
      await arrived;
      running.clock.advance(1000); // the room ceiling's window passes
      return seen.map((c) => c.text);
    };

    beforeAll(async () => {
      running = await start();
      base = running.url;
      host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, 'Moderated show');
      watcher = (await member('watcher')).socket;
      watcher.on('comment', (c: CommentEvent) => seen.push(c));
      hostRoom = await connect(base, '/live', { token: host });
      sockets.push(hostRoom);
      expect((await ask(hostRoom, 'stream:join', { streamId })).ok).toBe(true);
    }, 30_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await running?.stop();
    });

    it('a comment carries an id; the host deletes it and every screen hears comment:removed', async () => {
      const ann = await member('ann');
      const arrived = nextEvent<CommentEvent>(watcher, 'comment', (c) => c.text === 'delete me');
      const atHost = nextEvent<CommentEvent>(hostRoom, 'comment', (c) => c.text === 'delete me');
      expect((await say(ann.socket, 'delete me')).ok).toBe(true);
      const comment = await arrived;
      expect(comment.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await atHost).id).toBe(comment.id);

      const removedAtWatcher = nextEvent(watcher, 'comment:removed', (e: { id: string }) => e.id === comment.id);
      const removedAtHost = nextEvent(hostRoom, 'comment:removed', (e: { id: string }) => e.id === comment.id);
      const removed = await api(base, 'DELETE', `/api/comments/${comment.id}`, undefined, host);
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      expect(removed.body.removed).toEqual({ streamId, id: comment.id });
      expect(await removedAtWatcher).toEqual({ streamId, id: comment.id });
      expect(await removedAtHost).toEqual({ streamId, id: comment.id });

      const unknown = await api(base, 'DELETE', '/api/comments/no-such-comment', undefined, host);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      const byMember = await api(base, 'DELETE', `/api/comments/${comment.id}`, undefined, ann.token);
      expect(byMember.status).toBe(403);
      running.clock.advance(1000);
    });

    it('a comment with a blocked word is refused and never shown', async () => {
      const bo = await member('bo');
      seen.length = 0;
      const shouty = await say(bo.socket, 'Buy SPAM here');
      expect(shouty).toMatchObject({ ok: false, error: { code: 'BLOCKED_WORD', field: 'text' } });
      expect((await say(bo.socket, '這是詐騙')).error.code).toBe('BLOCKED_WORD');
      expect(await seenUntilMarker(bo.socket)).not.toContain('Buy SPAM here');
      expect(seen.map((c) => c.text)).toHaveLength(1);
    });

    it('a muted member is refused MUTED until the mute ends, then comments again', async () => {
      const cy = await member('cy');
      const muted = await api(base, 'POST', `/api/streams/${streamId}/mutes`, { memberId: cy.memberId, seconds: 300 }, host);
      expect(muted.status, JSON.stringify(muted.body)).toBe(200);
      expect(muted.body.mute).toEqual({ streamId, memberId: cy.memberId, until: running.clock.now + 300_000 });
      seen.length = 0;
      const refused = await say(cy.socket, 'let me talk');
      expect(refused).toMatchObject({ ok: false, error: { code: 'MUTED', retryAfterMs: 300_000 } });
      const other = await member('other');
      expect(await seenUntilMarker(other.socket)).not.toContain('let me talk');

      running.clock.advance(300_000);
      expect((await say(cy.socket, 'back again')).ok).toBe(true);

      // 0 lifts a mute at once.
      await api(base, 'POST', `/api/streams/${streamId}/mutes`, { memberId: cy.memberId, seconds: 60 }, host);
      expect((await say(cy.socket, 'muted again')).error.code).toBe('MUTED');
      await api(base, 'POST', `/api/streams/${streamId}/mutes`, { memberId: cy.memberId, seconds: 0 }, host);
      expect((await say(cy.socket, 'free again')).ok).toBe(true);
      running.clock.advance(10_000);
    });

    it('slow mode: one comment per member per window, RATE_LIMITED with retryAfterMs, announced to the room', async () => {
      const di = await member('di');
      const announced = nextEvent(watcher, 'moderation');
      const set = await api(base, 'PUT', `/api/streams/${streamId}/moderation`, { slowModeSeconds: 30 }, host);
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(await announced).toEqual({ streamId, slowModeSeconds: 30 });
      expect((await api(base, 'GET', `/api/streams/${streamId}/moderation`, undefined, host)).body.moderation).toEqual({
        streamId,
        slowModeSeconds: 30,
      });

      expect((await say(di.socket, 'first')).ok).toBe(true);
      const second = await say(di.socket, 'second');
      expect(second).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(second.error.retryAfterMs).toBeGreaterThan(0);
      expect(second.error.retryAfterMs).toBeLessThanOrEqual(30_000);
      running.clock.advance(30_000);
      expect((await say(di.socket, 'third')).ok).toBe(true);

      await api(base, 'PUT', `/api/streams/${streamId}/moderation`, { slowModeSeconds: 0 }, host);
      running.clock.advance(10_000);
      expect((await say(di.socket, 'fourth')).ok).toBe(true);
      expect((await say(di.socket, 'fifth')).ok).toBe(true);
      running.clock.advance(10_000);
    });

    it('the room ceiling drops comments past roomPerSecond: acked RATE_LIMITED, not broadcast', async () => {
      const crowd = await Promise.all(['e1', 'e2', 'e3', 'e4', 'e5'].map((l) => member(l)));
      running.clock.advance(1000);
      seen.length = 0;
      const replies = [];
      for (const [i, m] of crowd.entries()) replies.push(await say(m.socket, `crowd ${i}`));
      expect(replies.filter((r) => r.ok)).toHaveLength(RULES.comment.roomPerSecond);
      const dropped = replies.filter((r) => !r.ok);
      expect(dropped).toHaveLength(crowd.length - RULES.comment.roomPerSecond);
      for (const r of dropped) expect(r.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
      running.clock.advance(1000);
      const shown = await seenUntilMarker(crowd[0]!.socket);
      expect(shown.filter((t) => t.startsWith('crowd'))).toEqual(['crowd 0', 'crowd 1', 'crowd 2']);
    });

    it('a banned member earns, claims, enters and comments nothing until unbanned', async () => {
      const fay = await member('fay');
      const before = await balanceOf(base, fay.token);
      const drop = await api(base, 'POST', `/api/streams/${streamId}/drops`, { title: 'Vase', priceCents: 1000, stock: 5 }, host);
      const lottery = await api(base, 'POST', `/api/streams/${streamId}/lotteries`, { title: 'Tea', prize: 'Tea', winners: 1, requireWatching: false }, host);
      expect(drop.status).toBe(201);
      expect(lottery.status).toBe(201);

      const banned = await api(base, 'POST', `/api/members/${fay.memberId}/ban`, undefined, host);
      expect(banned.status, JSON.stringify(banned.body)).toBe(200);
      expect(banned.body.ban).toEqual({ memberId: fay.memberId, bannedAt: running.clock.now });

      const refusals = await Promise.all([
        ask(fay.socket, 'watch:heartbeat', { streamId, visible: true, playing: true }),
        ask(fay.socket, 'watch:chest', { streamId }),
        ask(fay.socket, 'interact', { streamId, kind: 'checkin' }),
        ask(fay.socket, 'interact', { streamId, kind: 'like' }),
        say(fay.socket, 'I am back'),
        ask(fay.socket, 'drop:claim', { dropId: drop.body.drop.id, requestId: 'r1' }),
        ask(fay.socket, 'lottery:enter', { lotteryId: lottery.body.lottery.id }),
      ]);
      for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'BANNED' } });
      running.clock.advance(60_000);
      expect((await ask(fay.socket, 'watch:heartbeat', { streamId, visible: true, playing: true })).error.code).toBe('BANNED');
      // Nor by any other path: a shop purchase pays a banned member nothing.
      const order = await deliverOrder(base, { orderId: `banned-${name}`, memberId: fay.memberId, amountCents: 50_000, currency: 'TWD' });
      expect(order.status, JSON.stringify(order.body)).toBe(200);
      expect(await balanceOf(base, fay.token)).toBe(before);

      const unbanned = await api(base, 'DELETE', `/api/members/${fay.memberId}/ban`, undefined, host);
      expect(unbanned.body.unban).toEqual({ memberId: fay.memberId, wasBanned: true });
      const like = await ask(fay.socket, 'interact', { streamId, kind: 'like' });
      expect(like).toMatchObject({ ok: true, awarded: RULES.like.points });

      expect((await api(base, 'POST', '/api/members/nobody/ban', undefined, host)).body.error).toMatchObject({ code: 'NOT_FOUND', field: 'memberId' });
    });
  });
}
