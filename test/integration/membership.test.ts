/**
 * Membership over real sockets (embedded mode; the same services run in every
 * mode): tier-ups and badges, leaderboards, share referrals, check-in streaks,
 * Super Fan status, live rules, the overlay's snapshots and the host's stats.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { startApp, type RunningApp } from '../support/app-harness.ts';
import { api, ask, connect, eventually, hostToken, liveShow, nextEvent, ssoMember } from '../support/clients.ts';

const RULES: Rules = {
  ...DEFAULT_RULES,
  watch: { ...DEFAULT_RULES.watch, everySeconds: 15, points: 40, heartbeatSeconds: 15 },
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 100, multiplier: 1.5, earlyAccessSeconds: 300, lotteryWeight: 2 },
    { id: 'gold', name: 'Gold', minPoints: 100_000, multiplier: 2, earlyAccessSeconds: 600, lotteryWeight: 4 },
  ],
  superFan: { days: 3, minActiveDays: 2 },
};

let running: RunningApp;
let base: string;
let host: string;
const sockets: Socket[] = [];

/** `from`: the address the account is created from and connects from (X-Forwarded-For, TRUST_PROXY=loopback). */
async function member(name: string, from?: string) {
  const m = await ssoMember(base, `${name}-${Math.random()}`, name, from);
  const socket = await connect(base, '/live', { token: m.token }, from);
  sockets.push(socket);
  return { ...m, socket };
}

async function beat(socket: Socket, streamId: string) {
  running.clock.advance(RULES.watch.heartbeatSeconds * 1000);
  const reply = await ask(socket, 'watch:heartbeat', { streamId, visible: true, playing: true });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply;
}

beforeAll(async () => {
  running = await startApp({ env: { TRUST_PROXY: 'loopback' } });
  base = running.url;
  host = await hostToken(base);
  expect((await api(base, 'PUT', '/api/rules', RULES, host)).status).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running?.stop();
});

describe('tiers and badges', () => {
  it('announces a tier-up to the member and a badge to the room and overlay, then pays the new multiplier', async () => {
    const streamId = await liveShow(base, host, 'tiers');
    const { token: overlayToken } = (await api(base, 'POST', '/api/overlay-tokens', undefined, host)).body;
    const overlay = await connect(base, '/overlay', { token: overlayToken, streamId });
    sockets.push(overlay);
    const fan = await member('Climber');
    await ask(fan.socket, 'stream:join', { streamId });
    await beat(fan.socket, streamId); // starts the clock
    await beat(fan.socket, streamId); // +40
    await beat(fan.socket, streamId); // +40
    const tierEvent = nextEvent(fan.socket, 'tier');
    const badge = nextEvent(overlay, 'badge', (b) => b.memberId === fan.memberId && b.reason === 'tier-up');
    const crossing = await beat(fan.socket, streamId); // +40 → 120 earned: Silver
    expect(crossing.awarded).toBe(40);
    expect((await tierEvent).tier.id).toBe('silver');
    expect((await tierEvent).previous.id).toBe('bronze');
    expect(await tierEvent).toMatchObject({ next: { id: 'gold' }, earned365: 120 }); // all the screen needs
    expect((await badge).tier.id).toBe('silver');
    const after = await beat(fan.socket, streamId);
    expect(after.awarded).toBe(60); // 40 × 1.5
    const me = (await api(base, 'GET', '/api/me', undefined, fan.token)).body;
    expect(me).toMatchObject({ balance: 180, earned365: 180, tier: { id: 'silver' }, nextTier: { id: 'gold' } });
  });

  it('announces Silver-or-higher arrivals, but a raid of fans only a few times', async () => {
    const earlier = await liveShow(base, host, 'earning');
    const fans = [];
    for (let i = 0; i < 5; i++) {
      const fan = await member(`Raider ${i}`);
      await ask(fan.socket, 'stream:join', { streamId: earlier });
      for (let b = 0; b < 4; b++) await beat(fan.socket, earlier);
      fans.push(fan);
    }
    const bronze = await member('Quiet');
    const streamId = await liveShow(base, host, 'raid');
    const watcher = await connect(base, '/live');
    sockets.push(watcher);
    await ask(watcher, 'stream:join', { streamId });
    const badges: { memberId: string; reason: string }[] = [];
    watcher.on('badge', (b) => badges.push(b));
    await ask(bronze.socket, 'stream:join', { streamId });
    for (const fan of fans) await ask(fan.socket, 'stream:join', { streamId });
    await eventually(() => expect(badges.length).toBe(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(badges.every((b) => b.reason === 'joined')).toBe(true);
    expect(badges.map((b) => b.memberId)).toEqual(fans.slice(0, 3).map((f) => f.memberId));
  });
});

describe('leaderboards', () => {
  it('ranks members by points earned in the show and all time', async () => {
    const streamId = await liveShow(base, host, 'ranked');
    const a = await member('Alpha');
    const b = await member('Beta');
    for (const m of [a, b]) await ask(m.socket, 'stream:join', { streamId });
    await ask(a.socket, 'interact', { streamId, kind: 'like' });
    await ask(b.socket, 'interact', { streamId, kind: 'checkin' });
    const show = (await api(base, 'GET', `/api/leaderboard?streamId=${streamId}&limit=5`)).body.entries;
    expect(show.map((e: { displayName: string; points: number }) => [e.displayName, e.points])).toEqual([
      ['Beta', 20],
      ['Alpha', 1],
    ]);
    const allTime = (await api(base, 'GET', '/api/leaderboard?limit=1')).body.entries;
    expect(allTime[0]).toMatchObject({ displayName: 'Climber', points: 180, tier: 'silver' });
  });
});

describe('share links', () => {
  it('pays the sharer once a newcomer they brought has watched 60 s, never for a returning viewer', async () => {
    const streamId = await liveShow(base, host, 'shared');
    const sharer = await member('Sharer');
    await ask(sharer.socket, 'stream:join', { streamId });
    const link = await ask(sharer.socket, 'share:link', { streamId });
    const ref = new URL(link.url).searchParams.get('ref');
    expect(ref).toBe(sharer.memberId);
    const returning = await member('Returning');
    await ask(returning.socket, 'stream:join', { streamId });
    await ask(returning.socket, 'stream:leave', { streamId });
    await ask(returning.socket, 'stream:join', { streamId, ref });
    // From another network than the sharer's (an account made from the sharer's own address never pays: fair-earning tests).
    const newcomer = await member('Newcomer', '203.0.113.9');
    await ask(newcomer.socket, 'stream:join', { streamId, ref });
    const paid = nextEvent(sharer.socket, 'points', (p) => p.reason === 'share');
    for (let i = 0; i < 5; i++) {
      await beat(newcomer.socket, streamId);
      await beat(returning.socket, streamId);
    }
    expect((await paid).delta).toBe(RULES.share.points);
    const ledger = (await api(base, 'GET', '/api/me/ledger', undefined, sharer.token)).body.entries;
    expect(ledger.filter((e: { reason: string }) => e.reason === 'share')).toHaveLength(1);
  });
});

describe('check-ins and Super Fan', () => {
  it('grows the streak on consecutive days, resets it after a gap, and marks Super Fans', async () => {
    const streamId = await liveShow(base, host, 'daily');
    const regular = await member('Regular');
    await ask(regular.socket, 'stream:join', { streamId });
    const checkin = async () => (await ask(regular.socket, 'interact', { streamId, kind: 'checkin' })).awarded;
    expect(await checkin()).toBe(20);
    expect((await api(base, 'GET', '/api/me', undefined, regular.token)).body.superFan).toBe(false);
    running.clock.advance(86_400_000);
    expect(await checkin()).toBe(30);
    expect((await api(base, 'GET', '/api/me', undefined, regular.token)).body.superFan).toBe(true);
    running.clock.advance(2 * 86_400_000);
    expect(await checkin()).toBe(20);
  });

  it('says the streak in the check-in reply and in the member state, so screens never work it out', async () => {
    const streamId = await liveShow(base, host, 'streaks');
    const fan = await member('Streaker');
    await ask(fan.socket, 'stream:join', { streamId });
    const me = async () => (await api(base, 'GET', '/api/me', undefined, fan.token)).body;
    const checkin = () => ask(fan.socket, 'interact', { streamId, kind: 'checkin' });
    expect((await me()).checkin).toBeNull();
    expect(await checkin()).toMatchObject({ ok: true, awarded: 20, capped: false, streak: 1 });
    expect((await me()).checkin).toEqual({ streak: 1 });
    running.clock.advance(86_400_000);
    expect((await me()).checkin).toBeNull(); // a new day, not checked in yet
    expect(await checkin()).toMatchObject({ awarded: 30, capped: false, streak: 2 });
    expect(await checkin()).toMatchObject({ awarded: 0, capped: true, streak: 2 });
    const joined = await ask(fan.socket, 'stream:join', { streamId });
    expect(joined.me.checkin).toEqual({ streak: 2 });
  });
});

describe('rules', () => {
  it('applies a new rules document live', async () => {
    const streamId = await liveShow(base, host, 'rules');
    const m = await member('Liker');
    await ask(m.socket, 'stream:join', { streamId });
    expect((await ask(m.socket, 'interact', { streamId, kind: 'like' })).awarded).toBe(1);
    const changed = { ...RULES, like: { points: 7, maxPerStream: 20 } };
    expect((await api(base, 'PUT', '/api/rules', changed, host)).status).toBe(200);
    expect((await api(base, 'GET', '/api/rules')).body.rules.like).toEqual({ points: 7, maxPerStream: 20 });
    expect((await ask(m.socket, 'interact', { streamId, kind: 'like' })).awarded).toBe(7);
    await api(base, 'PUT', '/api/rules', RULES, host);
  });
});

describe('overlay and host panel', () => {
  it('follows whichever show is live, switching by itself', async () => {
    const { token } = (await api(base, 'POST', '/api/overlay-tokens', undefined, host)).body;
    const overlay = await connect(base, '/overlay', { token });
    sockets.push(overlay);
    const next = nextEvent(overlay, 'snapshot', (s) => s.stream?.title === 'next up');
    const streamId = await liveShow(base, host, 'next up');
    const snapshot = await next;
    expect(snapshot).toMatchObject({ stream: { id: streamId, status: 'live' }, viewers: 0, members: 0 });
    const viewer = await member('Watcher');
    await ask(viewer.socket, 'stream:join', { streamId });
    await eventually(() => nextEvent(overlay, 'presence', (p) => p.streamId === streamId && p.viewers === 1, 1500));
  });

  it('sends the host live stats of the show on air', async () => {
    const streamId = await liveShow(base, host, 'stats');
    const m = await member('Counted');
    await ask(m.socket, 'stream:join', { streamId });
    await beat(m.socket, streamId);
    await beat(m.socket, streamId);
    // The dashboard listens in the room without counting as audience.
    const dashboardInRoom = await connect(base, '/live', { token: host });
    sockets.push(dashboardInRoom);
    expect((await ask(dashboardInRoom, 'stream:join', { streamId })).viewers).toBe(1);
    const panel = await connect(base, '/host', { token: host });
    sockets.push(panel);
    const stats = await nextEvent(panel, 'stats', (s) => s.streamId === streamId, 8000);
    expect(stats).toMatchObject({ viewers: 1, members: 1, pointsIssued: 40 });
    expect(stats.topFans[0]).toMatchObject({ memberId: m.memberId, points: 40 });
  });
});
