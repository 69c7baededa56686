import { describe, expect, it } from 'vitest';
import type { MemberState } from '../../shared/models.ts';
import { DEFAULT_LOTTERY_SETTINGS, type Drop, type Lottery } from '../../shared/perks.ts';
import type { Tier } from '../../shared/rules.ts';
import {
  FEED_LIMIT,
  reduceBadge,
  reduceBalance,
  reduceClaims,
  reduceComment,
  reduceCommentRemoved,
  reduceSlowMode,
  reduceDrop,
  reduceDropStock,
  reduceHeartbeat,
  reduceLeaderboard,
  reduceLedgerWithPoints,
  reduceLottery,
  reduceLotteryDrawn,
  reduceLotteryEntries,
  reducePoints,
  reducePresence,
  reduceStream,
  reduceTier,
} from '../../client/live/store/reducers.ts';
import type { FeedItem, LedgerState, WatchStatus } from '../../client/live/store/types.ts';

const TIERS: Tier[] = [
  { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
  { id: 'silver', name: 'Silver', minPoints: 1000, multiplier: 1.2, earlyAccessSeconds: 300, lotteryWeight: 2 },
  { id: 'gold', name: 'Gold', minPoints: 5000, multiplier: 1.5, earlyAccessSeconds: 600, lotteryWeight: 4 },
];
const [bronze, silver, gold] = TIERS as [Tier, Tier, Tier];

const me = (over: Partial<MemberState> = {}): MemberState => ({
  member: { id: 'm1', handle: 'amy', displayName: 'Amy', externalId: null, createdAt: 1 },
  balance: 100,
  tier: bronze,
  nextTier: silver,
  superFan: false,
  earned365: 900,
  checkin: null,
  ...over,
});

const drop = (over: Partial<Drop> = {}): Drop => ({
  id: 'd1',
  streamId: 's1',
  title: 'Lamp',
  description: null,
  imageUrl: null,
  priceCents: 120_000,
  memberPriceCents: 99_000,
  currency: 'TWD',
  stock: 10,
  perMemberLimit: 1,
  opensAt: 1_000_000,
  minTier: null,
  reservationSeconds: 600,
  createdAt: 10,
  closedAt: null,
  checkoutUrl: null,
  paymentInstructions: null,
  remaining: 10,
  windows: [
    { tierId: 'gold', opensAt: 400_000 },
    { tierId: 'silver', opensAt: 700_000 },
    { tierId: 'bronze', opensAt: 1_000_000 },
  ],
  status: 'open',
  reserved: 0,
  confirmed: 0,
  stockAt: 0,
  ...over,
});

/** A drop:stock push read after the drops above were. */
const stock = (dropId: string, remaining: number) => ({ dropId, remaining, reserved: 0, confirmed: 0, stockAt: 1 });

const lottery = (over: Partial<Lottery> = {}): Lottery => ({
  id: 'l1',
  streamId: 's1',
  title: 'Mug',
  prize: 'A mug',
  winners: 2,
  minTier: null,
  entryCostPoints: 0,
  requireWatching: true,
  closesAt: null,
  commitment: 'c'.repeat(64),
  status: 'open',
  entries: 0,
  createdAt: 10,
  drawnAt: null,
  settings: DEFAULT_LOTTERY_SETTINGS,
  drawAlgorithm: 'frontrow-lottery-v1',
  prizeClaims: {},
  prizes: null,
  winnerList: null,
  ...over,
});

const watch = (over: Partial<WatchStatus> = {}): WatchStatus => ({
  visible: true,
  playing: true,
  guestCreditedSeconds: 0,
  sessionCreditedSeconds: 0,
  watchedMs: null,
  chestReady: false,
  paused: false,
  counting: false,
  ...over,
});

describe('live room reducers', () => {
  describe('presence', () => {
    it('takes counts for this show and ignores other shows', () => {
      const p = { viewers: 1, members: 0 };
      expect(reducePresence(p, 's1', { streamId: 's1', viewers: 12, members: 5 })).toEqual({ viewers: 12, members: 5 });
      expect(reducePresence(p, 's1', { streamId: 's2', viewers: 99, members: 9 })).toBe(p);
    });
    it('keeps the same object when nothing changed (no re-render)', () => {
      const p = { viewers: 3, members: 1 };
      expect(reducePresence(p, 's1', { streamId: 's1', viewers: 3, members: 1 })).toBe(p);
    });
  });

  describe('points and tier', () => {
    it('sets the pushed balance and counts earned points toward the tier, not spends', () => {
      // the server says what counts: an award carries the points earned in the tier window, a spend does not
      const earned = reducePoints(me(), { balance: 150, delta: 50, reason: 'chest', key: 'k1', earned365: 950 })!;
      expect(earned.balance).toBe(150);
      expect(earned.earned365).toBe(950);
      const spent = reducePoints(earned, { balance: 100, delta: -50, reason: 'lottery-entry', key: 'k2' })!;
      expect(spent.balance).toBe(100);
      expect(spent.earned365).toBe(950);
    });
    it('does nothing for a guest', () => {
      expect(reducePoints(null, { balance: 5, delta: 5, reason: 'like', key: 'k' })).toBeNull();
    });
    it('a balance from an ack replaces the balance; undefined keeps it', () => {
      const m = me();
      expect(reduceBalance(m, undefined)).toBe(m);
      expect(reduceBalance(m, 140)!.balance).toBe(140);
    });
    it('a tier event moves the tier and brings the next one (the server names it)', () => {
      const up = reduceTier(me(), { tier: silver, previous: bronze, next: gold, earned365: 1000 })!;
      expect(up.tier.id).toBe('silver');
      expect(up.nextTier?.id).toBe('gold');
      expect(up.earned365).toBeGreaterThanOrEqual(1000);
      const top = reduceTier(up, { tier: gold, previous: silver, next: null, earned365: 5000 })!;
      expect(top.nextTier).toBeNull();
    });
  });

  describe('comments and badges', () => {
    const comment = (text: string, streamId = 's1') => ({ id: `c-${text}`, streamId, memberId: 'm2', displayName: 'Bo', tier: 'silver', text, at: 5 });
    it('appends newest at the bottom with increasing sequence numbers', () => {
      let feed: FeedItem[] = [];
      feed = reduceComment(feed, 's1', comment('first'));
      feed = reduceComment(feed, 's1', comment('second'));
      expect(feed.map((f) => (f.kind === 'comment' ? f.text : ''))).toEqual(['first', 'second']);
      expect(feed[1]!.seq).toBeGreaterThan(feed[0]!.seq);
    });
    it('keeps the text as given (rendered as plain text, never parsed)', () => {
      const feed = reduceComment([], 's1', comment('<img src=x onerror=alert(1)>'));
      expect(feed[0]).toMatchObject({ kind: 'comment', text: '<img src=x onerror=alert(1)>' });
    });
    it('drops the oldest past the limit and ignores other shows', () => {
      let feed: FeedItem[] = [];
      for (let i = 0; i < FEED_LIMIT + 5; i++) feed = reduceComment(feed, 's1', comment(`c${i}`));
      expect(feed).toHaveLength(FEED_LIMIT);
      expect(feed[0]).toMatchObject({ text: 'c5' });
      expect(feed[FEED_LIMIT - 1]).toMatchObject({ text: `c${FEED_LIMIT + 4}` });
      expect(reduceComment(feed, 's1', comment('x', 's9'))).toBe(feed);
      const seqs = feed.map((f) => f.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    });
    it('drops a comment the host removed, by id; unknown ids and other shows change nothing', () => {
      let feed: FeedItem[] = [];
      for (const text of ['a', 'b', 'c']) feed = reduceComment(feed, 's1', comment(text));
      const removed = reduceCommentRemoved(feed, 's1', { streamId: 's1', id: 'c-b' });
      expect(removed.map((f) => (f.kind === 'comment' ? f.text : ''))).toEqual(['a', 'c']);
      expect(reduceCommentRemoved(feed, 's1', { streamId: 's1', id: 'nope' })).toBe(feed);
      expect(reduceCommentRemoved(feed, 's1', { streamId: 's9', id: 'c-b' })).toBe(feed);
    });
    it('follows slow mode as the room announces it', () => {
      expect(reduceSlowMode(0, 's1', { streamId: 's1', slowModeSeconds: 30 })).toBe(30);
      expect(reduceSlowMode(30, 's1', { streamId: 's9', slowModeSeconds: 0 })).toBe(30);
    });
    it('puts tier badges in the feed as room moments', () => {
      const feed = reduceBadge([], 's1', { streamId: 's1', memberId: 'm3', displayName: 'Cy', tier: gold, reason: 'tier-up' }, 77);
      expect(feed).toEqual([{ kind: 'badge', seq: 1, memberId: 'm3', displayName: 'Cy', tierId: 'gold', tierName: 'Gold', reason: 'tier-up', at: 77 }]);
    });
  });

  it('leaderboard events replace the board for this show only', () => {
    const board = [{ memberId: 'a', displayName: 'A', points: 5, tier: 'bronze' }];
    const next = [{ memberId: 'b', displayName: 'B', points: 9, tier: 'gold' }];
    expect(reduceLeaderboard(board, 's1', { streamId: 's1', entries: next })).toBe(next);
    expect(reduceLeaderboard(board, 's1', { streamId: 's2', entries: next })).toBe(board);
  });

  it('a stream event updates the current show only', () => {
    const s = { id: 's1', title: 'T', playbackUrl: null, status: 'scheduled' as const, createdAt: 1, startedAt: null, endedAt: null };
    expect(reduceStream(s, { stream: { ...s, status: 'live', startedAt: 2 } })?.status).toBe('live');
    expect(reduceStream(s, { stream: { ...s, id: 's2', status: 'ended' } })).toBe(s);
  });

  describe('drops', () => {
    it('inserts a new drop newest first, replaces a changed one, ignores other shows', () => {
      const older = drop({ id: 'd0', createdAt: 5 });
      let drops = reduceDrop([older], 's1', drop());
      expect(drops.map((d) => d.id)).toEqual(['d1', 'd0']);
      drops = reduceDrop(drops, 's1', drop({ status: 'closed', closedAt: 99 }));
      expect(drops).toHaveLength(2);
      expect(drops[0]).toMatchObject({ id: 'd1', status: 'closed' });
      expect(reduceDrop(drops, 's1', drop({ id: 'dx', streamId: 's2' }))).toBe(drops);
    });
    it('stock updates remaining, sells out at zero and reopens when stock comes back', () => {
      const drops = [drop({ remaining: 1 })];
      const sold = reduceDropStock(drops, stock('d1', 0));
      expect(sold[0]).toMatchObject({ remaining: 0, status: 'sold-out' });
      const back = reduceDropStock(sold, stock('d1', 1));
      expect(back[0]).toMatchObject({ remaining: 1, status: 'open' });
      expect(drops[0]!.remaining).toBe(1); // the input is not mutated
    });
    it('stock never reopens a closed drop, and unknown drops are ignored', () => {
      const closed = [drop({ status: 'closed', remaining: 0 })];
      expect(reduceDropStock(closed, stock('d1', 2))[0]!.status).toBe('closed');
      expect(reduceDropStock(closed, stock('nope', 2))).toBe(closed);
    });
    it('claims: a new claim goes first, a replayed claim replaces itself', () => {
      const a = { id: 'c1', dropId: 'd1', status: 'reserved' as const, expiresAt: 10, checkoutRef: 'FR-A' };
      const b = { id: 'c2', dropId: 'd2', status: 'reserved' as const, expiresAt: 10, checkoutRef: 'FR-B' };
      const claims = reduceClaims(reduceClaims([], a), b);
      expect(claims.map((c) => c.id)).toEqual(['c2', 'c1']);
      const replay = reduceClaims(claims, { ...a, status: 'confirmed' });
      expect(replay).toHaveLength(2);
      expect(replay[1]).toMatchObject({ id: 'c1', status: 'confirmed' });
    });
  });

  describe('lotteries', () => {
    it('upserts lotteries of this show, newest first', () => {
      const ls = reduceLottery([lottery({ id: 'l0', createdAt: 1 })], 's1', lottery());
      expect(ls.map((l) => l.id)).toEqual(['l1', 'l0']);
      expect(reduceLottery(ls, 's1', lottery({ id: 'lx', streamId: 's2' }))).toBe(ls);
    });
    it('takes live entry counts', () => {
      const ls = [lottery()];
      expect(reduceLotteryEntries(ls, { lotteryId: 'l1', count: 7 })[0]!.entries).toBe(7);
      expect(reduceLotteryEntries(ls, { lotteryId: 'other', count: 7 })).toBe(ls);
    });
    it('a draw marks it drawn with its winners in order', () => {
      const winners = [
        { memberId: 'm9', displayName: 'Zed' },
        { memberId: 'm1', displayName: 'Amy' },
      ];
      const [l] = reduceLotteryDrawn([lottery()], { lotteryId: 'l1', winners }, 123);
      expect(l).toMatchObject({ status: 'drawn', winnerList: winners, drawnAt: 123 });
    });
  });

  describe('heartbeat acks', () => {
    it("adds a guest's credited seconds (what sign-up keeps) and never offers guests a chest", () => {
      let w = watch();
      w = reduceHeartbeat(w, { credited: 15, awarded: 0, chestReady: true, paused: false }, { isGuest: true, countable: true });
      w = reduceHeartbeat(w, { credited: 14.5, awarded: 0, chestReady: false, paused: false }, { isGuest: true, countable: true });
      expect(w.guestCreditedSeconds).toBeCloseTo(29.5);
      expect(w.chestReady).toBe(false);
      expect(w.counting).toBe(true);
    });
    it("a member's ack brings the chest and pause flags but no guest time", () => {
      const w = reduceHeartbeat(watch(), { credited: 15, awarded: 10, balance: 5, chestReady: true, paused: false }, { isGuest: false, countable: true });
      expect(w).toMatchObject({ guestCreditedSeconds: 0, sessionCreditedSeconds: 15, chestReady: true, counting: true });
      const paused = reduceHeartbeat(w, { credited: 0, awarded: 0, chestReady: true, paused: true }, { isGuest: false, countable: true });
      expect(paused).toMatchObject({ paused: true, counting: false });
    });
    it('a stop beat (hidden or not playing) stops counting', () => {
      const w = reduceHeartbeat(watch({ counting: true }), { credited: 0, awarded: 0, chestReady: false, paused: false }, { isGuest: false, countable: false });
      expect(w.counting).toBe(false);
    });
  });

  describe('ledger from points events', () => {
    const ready: LedgerState = {
      status: 'ready',
      next: null,
      entries: [{ id: 'e1', key: 'like:s1:m1:r1', memberId: 'm1', delta: 1, reason: 'like', streamId: 's1', at: 1 }],
    };
    it('prepends the new line with its reason', () => {
      const next = reduceLedgerWithPoints(ready, { balance: 11, delta: 10, reason: 'watch', key: 'watch:s1:m1:1' }, 'm1', 's1', 50);
      expect(next.entries.map((e) => e.key)).toEqual(['watch:s1:m1:1', 'like:s1:m1:r1']);
      expect(next.entries[0]).toMatchObject({ delta: 10, reason: 'watch', at: 50 });
    });
    it('never lists a key twice and leaves an unloaded ledger alone', () => {
      expect(reduceLedgerWithPoints(ready, { balance: 1, delta: 1, reason: 'like', key: 'like:s1:m1:r1' }, 'm1', 's1', 5)).toBe(ready);
      const idle: LedgerState = { status: 'idle', next: null, entries: [] };
      expect(reduceLedgerWithPoints(idle, { balance: 1, delta: 1, reason: 'like', key: 'x' }, 'm1', 's1', 5)).toBe(idle);
    });
  });
});
