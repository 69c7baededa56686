/**
 * The live room under a crowd, written once and run against every run mode:
 * 200 viewers (members, guests, members with two tabs) join, beat, interact;
 * the test keeps its own model of what the rules must pay and compares every
 * balance, the ledger sums and the presence counts with it.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import type { RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, inBatches, liveShow, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { everySeconds: 60, points: 10, heartbeatSeconds: 15, chestEverySeconds: 120, chestPoints: 50, idleAfterSeconds: 1800 },
  like: { points: 1, maxPerStream: 3 },
  // The whole crowd comments in one tick of the test clock: the room's ceiling is set above it (moderation tests cover it).
  comment: { ...DEFAULT_RULES.comment, points: 2, max: 2, windowSeconds: 600, roomPerSecond: 1000 },
};
const BEAT_MS = RULES.watch.heartbeatSeconds * 1000;
const CAP_MS = 2 * BEAT_MS;

const MEMBERS = 150;
const TWO_TAB_MEMBERS = 30; // members 0..29 open a second tab
const DISTRACTED = { from: 30, to: 50 }; // members 30..49 hide the page in one round
const GUESTS = 50;
const UPGRADING_GUESTS = 10; // guests 0..9 sign up mid-show
/**
 * What the harness starts the app with: every guest of the crowd (and the observer) connects from
 * 127.0.0.1, more than the default cap of guest sockets per address (50), which is not what this tests.
 */
export const CROWD_ENV = { GUEST_CONNECTIONS_PER_ADDRESS: String(GUESTS + 10) };

/** The test's own account of watch time: what the rules say the server must credit. */
class WatchModel {
  lastBeat: number | null = null;
  totalMs = 0;
  beat(now: number, countable: boolean): void {
    if (!countable) {
      this.lastBeat = null;
      return;
    }
    if (this.lastBeat !== null) this.totalMs += Math.min(Math.max(now - this.lastBeat, 0), CAP_MS);
    this.lastBeat = now;
  }
}

interface Viewer {
  sockets: Socket[];
  token?: string;
  memberId?: string;
  watch: WatchModel;
  /** points the test expects from things other than watch time */
  extra: number;
}

export function liveRoomScenario(name: string, start: () => Promise<RunningApp>): void {
  describe(`live room under a crowd (${name})`, () => {
    let running: RunningApp;
    let base: string;
    let streamId: string;
    const members: Viewer[] = [];
    const guests: Viewer[] = [];
    let observer: Socket;
    let lastPresence: { viewers: number; members: number } | null = null;
    const pushedPresence = (expected: { viewers: number; members: number }) =>
      eventually(() => expect(lastPresence).toMatchObject(expected));

    beforeAll(async () => {
      running = await start();
      base = running.url;
      const host = await hostToken(base);
      expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
      streamId = await liveShow(base, host, `crowd ${name}`);
      observer = await connect(base, '/live');
      observer.on('presence', (p) => (lastPresence = p));
      await ask(observer, 'stream:join', { streamId });
    }, 120_000);

    afterAll(async () => {
      for (const v of [...members, ...guests]) for (const s of v.sockets) s.close();
      observer?.close();
      await running?.stop();
    });

    const everyone = () => [...members, ...guests];
    const memberCount = () => everyone().filter((v) => v.memberId).length;

    async function round(countable: (v: Viewer, i: number) => boolean = () => true): Promise<void> {
      const now = running.clock.advance(BEAT_MS);
      await inBatches(everyone(), 50, async (v, i) => {
        const ok = countable(v, i);
        for (const socket of v.sockets) {
          const reply = await ask(socket, 'watch:heartbeat', { streamId, visible: ok, playing: true });
          expect(reply.ok, JSON.stringify(reply)).toBe(true);
          v.watch.beat(now, ok);
        }
      });
    }

    it('counts 200 viewers exactly: two tabs are one viewer, guests count', async () => {
      for (let i = 0; i < MEMBERS; i++) {
        const { token, memberId } = await ssoMember(base, `crowd-${name}-${i}`, `Fan ${i}`);
        members.push({ sockets: [], token, memberId, watch: new WatchModel(), extra: 0 });
      }
      await inBatches(members, 50, async (v, i) => {
        const tabs = i < TWO_TAB_MEMBERS ? 2 : 1;
        for (let t = 0; t < tabs; t++) v.sockets.push(await connect(base, '/live', { token: v.token! }));
      });
      for (let i = 0; i < GUESTS; i++) guests.push({ sockets: [await connect(base, '/live')], watch: new WatchModel(), extra: 0 });
      await inBatches(everyone(), 50, async (v) => {
        for (const socket of v.sockets) {
          const reply = await ask(socket, 'stream:join', { streamId });
          expect(reply.ok, JSON.stringify(reply)).toBe(true);
        }
      });
      const { body } = await api(base, 'GET', `/api/streams/${streamId}`);
      expect({ viewers: body.viewers, members: body.members }).toEqual({ viewers: MEMBERS + GUESTS + 1, members: MEMBERS });
      await pushedPresence({ viewers: MEMBERS + GUESTS + 1, members: MEMBERS });
    });

    it('credits verified watch time once per member, whatever the tabs, replays and hidden pages', async () => {
      for (let r = 0; r < 5; r++) await round();
      // Members 30..49 hide the page for one beat: that beat credits nothing and stops their clock.
      await round((v, i) => !(i >= DISTRACTED.from && i < DISTRACTED.to));
      for (let r = 0; r < 3; r++) await round();
      // A replayed beat (same instant) credits nothing.
      const replay = await ask(members[60]!.sockets[0]!, 'watch:heartbeat', { streamId, visible: true, playing: true });
      expect(replay).toMatchObject({ ok: true, credited: 0, awarded: 0 });
      expect(members[0]!.watch.totalMs).toBe(8 * BEAT_MS);
      expect(members[DISTRACTED.from]!.watch.totalMs).toBe(6 * BEAT_MS);
    });

    it('gives a guest who signs up mid-show the watch time they already had', async () => {
      await inBatches(guests.slice(0, UPGRADING_GUESTS), 10, async (g, i) => {
        const { token, memberId } = await ssoMember(base, `crowd-${name}-guest-${i}`, `Late ${i}`);
        const reply = await ask(g.sockets[0]!, 'session:upgrade', { token });
        expect(reply.ok, JSON.stringify(reply)).toBe(true);
        const guestTime = g.watch.totalMs;
        expect(reply.awarded).toBe(Math.floor(guestTime / 60_000) * RULES.watch.points);
        Object.assign(g, { token, memberId });
        // From now on the member's clock restarts at their next beat, with the guest time credited.
        const model = new WatchModel();
        model.totalMs = guestTime;
        g.watch = model;
      });
      for (let r = 0; r < 4; r++) await round();
      const { body } = await api(base, 'GET', `/api/streams/${streamId}`);
      expect({ viewers: body.viewers, members: body.members }).toEqual({
        viewers: MEMBERS + GUESTS + 1,
        members: MEMBERS + UPGRADING_GUESTS,
      });
    });

    it('pays interactions under their caps, and a replay never twice', async () => {
      await inBatches(members, 25, async (v, i) => {
        const s = v.sockets[0]!;
        const likes = [];
        for (let k = 0; k < 5; k++) likes.push(await ask(s, 'interact', { streamId, kind: 'like', requestId: `like-${i}-${k}` }));
        expect(likes.map((l) => l.awarded)).toEqual([1, 1, 1, 0, 0]);
        expect(likes.map((l) => l.capped)).toEqual([false, false, false, true, true]);
        const replayed = await ask(s, 'interact', { streamId, kind: 'like', requestId: `like-${i}-0` });
        expect(replayed).toMatchObject({ ok: true, awarded: 0 });
        for (let k = 0; k < 3; k++) await ask(s, 'interact', { streamId, kind: 'comment', text: `hello ${k}`, requestId: `c-${i}-${k}` });
        const first = await ask(s, 'interact', { streamId, kind: 'checkin' });
        const second = await ask(s, 'interact', { streamId, kind: 'checkin' });
        expect([first.awarded, second.awarded]).toEqual([RULES.checkin.points, 0]);
        v.extra += 3 * RULES.like.points + 2 * RULES.comment.points + RULES.checkin.points;
      });
    });

    it('opens a chest for every full chest period, and only once', async () => {
      await inBatches(members, 25, async (v) => {
        const s = v.sockets[0]!;
        const reply = await ask(s, 'watch:chest', { streamId });
        if (v.watch.totalMs >= RULES.watch.chestEverySeconds * 1000) {
          expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, awarded: RULES.watch.chestPoints });
          v.extra += RULES.watch.chestPoints;
          expect((await ask(s, 'watch:chest', { streamId })).error?.code).toBe('NOT_READY');
        } else {
          expect(reply.error?.code).toBe('NOT_READY');
        }
      });
    });

    it('leaves every balance exactly where the rules put it, equal to its ledger sum', async () => {
      await running.app.services.engine.flush();
      const viewers = everyone().filter((v) => v.memberId);
      expect(viewers.length).toBe(MEMBERS + UPGRADING_GUESTS);
      await inBatches(viewers, 25, async (v) => {
        const expected = Math.floor(v.watch.totalMs / (RULES.watch.everySeconds * 1000)) * RULES.watch.points + v.extra;
        const me = await api(base, 'GET', '/api/me', undefined, v.token);
        expect(me.body.balance, `member ${v.memberId}`).toBe(expected);
        const ledger = await api(base, 'GET', '/api/me/ledger?limit=200', undefined, v.token);
        const sum = ledger.body.entries.reduce((acc: number, e: { delta: number }) => acc + e.delta, 0);
        expect(sum).toBe(expected);
        const keys = ledger.body.entries.map((e: { key: string }) => e.key);
        expect(new Set(keys).size).toBe(keys.length);
      });
    });

    it('keeps presence exact as tabs close and guests leave', async () => {
      for (const v of members.slice(0, TWO_TAB_MEMBERS)) v.sockets.pop()!.close();
      for (const g of guests.slice(UPGRADING_GUESTS, UPGRADING_GUESTS + 20)) g.sockets.pop()!.close();
      const expected = { viewers: MEMBERS + GUESTS + 1 - 20, members: memberCount() };
      await eventually(async () => {
        const { body } = await api(base, 'GET', `/api/streams/${streamId}`);
        expect({ viewers: body.viewers, members: body.members }).toEqual(expected);
      });
      await pushedPresence(expected);
    });
  });
}
