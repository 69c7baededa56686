/**
 * The overlay's pure reducers (overlay/store/reducers.ts) and the store that
 * runs them on a clock: snapshots replace state, events for other shows are
 * ignored, the badge queue keeps at most three on screen for five seconds.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BadgeEvent, OverlaySnapshot } from '../../shared/events.ts';
import type { LeaderboardEntry, Stream } from '../../shared/models.ts';
import { DEFAULT_LOTTERY_SETTINGS, type Drop, type Lottery } from '../../shared/perks.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { overlayLocale, overlayTranslator, tierLabel } from '../../overlay/i18n.ts';
import { retryDelay } from '../../overlay/socket-bindings.ts';
import {
  applyDrop,
  applyDropStock,
  applyLeaderboard,
  applyLottery,
  applyLotteryDrawn,
  applyLotteryEntries,
  applyPresence,
  applySnapshot,
  applyStream,
  badgesAfterSnapshot,
  dropWindowStates,
  enqueueBadge,
  expireBadges,
  dropsOnAir,
  featuredLottery,
  nextBadgeExpiry,
} from '../../overlay/store/reducers.ts';
import {
  BADGE_MAX_VISIBLE,
  BADGE_MAX_WAITING,
  BADGE_VISIBLE_MS,
  type BadgeQueue,
  emptyBadges,
  emptyRoom,
  type RoomState,
  WINNERS_FIRST_MS,
} from '../../overlay/store/types.ts';
import { createStore } from '../../overlay/store/index.ts';
import { browserTimers } from '../../client/common/app-store.ts';
import { selectDrops, selectPinnedDropId, selectVisibleBadges } from '../../overlay/store/selectors.ts';

const bronze = DEFAULT_RULES.tiers[0]!;
const silver = DEFAULT_RULES.tiers[1]!;
const gold = DEFAULT_RULES.tiers[2]!;
const T0 = 1_700_000_000_000;

function stream(id = 's1', status: Stream['status'] = 'live'): Stream {
  return { id, title: `Show ${id}`, playbackUrl: null, status, createdAt: T0, startedAt: T0, endedAt: null };
}

function drop(id: string, over: Partial<Drop> = {}): Drop {
  const opensAt = over.opensAt ?? T0 + 600_000;
  return {
    id,
    streamId: 's1',
    title: `Drop ${id}`,
    description: null,
    imageUrl: null,
    priceCents: 150_000,
    memberPriceCents: 120_000,
    currency: 'TWD',
    stock: 50,
    remaining: 50,
    reserved: 0,
    confirmed: 0,
    stockAt: T0,
    perMemberLimit: 1,
    opensAt,
    windows: [
      { tierId: 'gold', opensAt: opensAt - 600_000 },
      { tierId: 'silver', opensAt: opensAt - 300_000 },
      { tierId: 'bronze', opensAt },
    ],
    minTier: null,
    reservationSeconds: 600,
    status: 'open',
    createdAt: T0,
    closedAt: null,
    checkoutUrl: null,
    paymentInstructions: null,
    ...over,
  };
}

function lottery(id: string, over: Partial<Lottery> = {}): Lottery {
  return {
    id,
    streamId: 's1',
    title: `Lottery ${id}`,
    prize: 'A bag',
    winners: 2,
    minTier: null,
    entryCostPoints: 0,
    requireWatching: true,
    closesAt: null,
    commitment: 'ab'.repeat(32),
    status: 'open',
    entries: 0,
    createdAt: T0,
    drawnAt: null,
    settings: DEFAULT_LOTTERY_SETTINGS,
    drawAlgorithm: 'frontrow-lottery-v1',
    prizeClaims: {},
    prizes: null,
    winnerList: null,
    ...over,
  };
}

function snapshot(over: Partial<OverlaySnapshot> = {}): OverlaySnapshot {
  return { stream: stream(), viewers: 10, members: 4, leaderboard: [], drops: [], lotteries: [], pinnedDropId: null, ...over };
}

function badge(memberId: string, over: Partial<BadgeEvent> = {}): BadgeEvent {
  return { streamId: 's1', memberId, displayName: `Fan ${memberId}`, tier: silver, reason: 'joined', ...over };
}

const fan = (memberId: string, points: number): LeaderboardEntry => ({ memberId, displayName: memberId, points, tier: 'bronze' });

const createOverlayStore = () => createStore({ ...browserTimers, locale: 'en' });
/** A drop:stock push read at T0 (as the drops above), `reserved`/`confirmed` as they were. */
const stock = (dropId: string, remaining: number) => ({ dropId, remaining, reserved: 0, confirmed: 0, stockAt: T0 });

const room = (over: Partial<OverlaySnapshot> = {}): RoomState => applySnapshot(emptyRoom(), snapshot(over));

function queueOf(events: BadgeEvent[], at = T0): BadgeQueue {
  return events.reduce((q, e) => enqueueBadge(q, room(), e, at), emptyBadges());
}

describe('overlay reducers: snapshot', () => {
  it('replaces the whole room: stale drops, lotteries, counts and fans from before a reconnect are gone', () => {
    const before = room({
      viewers: 99,
      leaderboard: [fan('old', 500)],
      drops: [drop('d-old')],
      lotteries: [lottery('l-old')],
    });
    const after = applySnapshot(before, snapshot({ viewers: 3, members: 1, drops: [drop('d-new')], lotteries: [] }));
    expect(after.drops.map((d) => d.id)).toEqual(['d-new']);
    expect(after.lotteries).toEqual([]);
    expect(after.leaderboard).toEqual([]);
    expect([after.viewers, after.members]).toEqual([3, 1]);
  });

  it('an empty snapshot (no live show) clears everything', () => {
    const after = applySnapshot(room({ drops: [drop('d1')] }), { ...snapshot(), stream: null, drops: [], viewers: 0, members: 0 });
    expect(after).toEqual(emptyRoom());
  });

  it('keeps drops and lotteries newest first and never keeps a closed drop', () => {
    const r = room({
      drops: [drop('older', { createdAt: T0 }), drop('closed', { status: 'closed', createdAt: T0 + 5 }), drop('newer', { createdAt: T0 + 10 })],
      lotteries: [lottery('l1', { createdAt: T0 }), lottery('l2', { createdAt: T0 + 10 })],
    });
    expect(r.drops.map((d) => d.id)).toEqual(['newer', 'older']);
    expect(r.lotteries.map((l) => l.id)).toEqual(['l2', 'l1']);
  });

  it('toasts survive a reconnect to the same show and leave on a switch to another show', () => {
    const q = queueOf([badge('m1'), badge('m2'), badge('m3'), badge('m4')]);
    expect(badgesAfterSnapshot(q, room(), snapshot())).toBe(q);
    const switched = badgesAfterSnapshot(q, room(), snapshot({ stream: stream('s2') }));
    expect(switched.visible).toEqual([]);
    expect(switched.waiting).toEqual([]);
    expect(badgesAfterSnapshot(q, room(), { ...snapshot(), stream: null }).visible).toEqual([]);
  });
});

describe('overlay reducers: room events', () => {
  it('presence and leaderboard of the followed show apply; those of another show are ignored', () => {
    const r = room();
    expect(applyPresence(r, { streamId: 's1', viewers: 42, members: 7 })).toMatchObject({ viewers: 42, members: 7 });
    expect(applyPresence(r, { streamId: 's2', viewers: 42, members: 7 })).toBe(r);
    expect(applyPresence(r, { streamId: 's1', viewers: r.viewers, members: r.members })).toBe(r);
    expect(applyLeaderboard(r, { streamId: 's1', entries: [fan('a', 9)] }).leaderboard).toEqual([fan('a', 9)]);
    expect(applyLeaderboard(r, { streamId: 's2', entries: [fan('a', 9)] })).toBe(r);
    expect(applyPresence(emptyRoom(), { streamId: 's1', viewers: 1, members: 1 })).toEqual(emptyRoom());
  });

  it('the followed show ending updates its status; news of another show waits for the switch snapshot', () => {
    const r = room();
    expect(applyStream(r, { stream: stream('s1', 'ended') }).stream?.status).toBe('ended');
    expect(applyStream(r, { stream: stream('s2', 'live') })).toBe(r);
  });
});

describe('overlay reducers: drops', () => {
  it('a new drop goes first; an update replaces it in place; a closed one leaves', () => {
    let r = room({ drops: [drop('d1')] });
    r = applyDrop(r, drop('d2', { createdAt: T0 + 1 }));
    expect(r.drops.map((d) => d.id)).toEqual(['d2', 'd1']);
    r = applyDrop(r, drop('d1', { title: 'renamed' }));
    expect(r.drops.find((d) => d.id === 'd1')?.title).toBe('renamed');
    expect(r.drops).toHaveLength(2);
    r = applyDrop(r, drop('d2', { status: 'closed', createdAt: T0 + 1 }));
    expect(r.drops.map((d) => d.id)).toEqual(['d1']);
  });

  it('ignores a drop of another show', () => {
    const r = room();
    expect(applyDrop(r, drop('x', { streamId: 's2' }))).toBe(r);
  });

  it('stock: updates remaining, 0 is sold out, stock coming back reopens, unknown drops are ignored', () => {
    let r = room({ drops: [drop('d1', { remaining: 3 })] });
    r = applyDropStock(r, stock('d1', 1));
    expect(r.drops[0]).toMatchObject({ remaining: 1, status: 'open' });
    r = applyDropStock(r, stock('d1', 0));
    expect(r.drops[0]).toMatchObject({ remaining: 0, status: 'sold-out' });
    r = applyDropStock(r, stock('d1', 1)); // a reservation lapsed
    expect(r.drops[0]).toMatchObject({ remaining: 1, status: 'open' });
    expect(applyDropStock(r, stock('nope', 0))).toBe(r);
  });

  it('stock of a drop not yet open keeps it scheduled', () => {
    const r = applyDropStock(room({ drops: [drop('d1', { status: 'scheduled' })] }), stock('d1', 49));
    expect(r.drops[0]?.status).toBe('scheduled');
  });

  it('on air: selling drops newest first; a drop not open yet never pushes a selling one off', () => {
    const store = createOverlayStore();
    const sellingA = drop('a', { createdAt: T0, opensAt: T0 - 1000 });
    const sellingB = drop('b', { createdAt: T0 + 9, opensAt: T0 - 1000 });
    const upcoming = drop('c', { createdAt: T0 + 20, opensAt: T0 + 3_600_000, status: 'scheduled' });
    store.getState().receiveSnapshot(snapshot({ drops: [sellingA, sellingB, upcoming] }));
    const s = store.getState();
    expect(dropsOnAir(selectDrops(s), selectPinnedDropId(s), T0).map((d) => d.id)).toEqual(['b', 'a']);
    // once the newer one opens, it is selling too and goes first
    expect(dropsOnAir(selectDrops(s), null, T0 + 3_600_000).map((d) => d.id)).toEqual(['c', 'b']);
    // with room to spare, the next to open follows the selling ones; sold out comes last
    const soldOut = drop('d', { createdAt: T0 + 30, opensAt: T0 - 1000, remaining: 0, status: 'sold-out' });
    expect(dropsOnAir([soldOut, upcoming, sellingA], null, T0).map((d) => d.id)).toEqual(['a', 'c']);
    expect(dropsOnAir([soldOut], null, T0).map((d) => d.id)).toEqual(['d']);
  });

  it('a pinned drop stays first while newer drops come; unpinned, the newest selling ones take over', () => {
    const store = createOverlayStore();
    const old = drop('old', { createdAt: T0, opensAt: T0 - 1000 });
    store.getState().receiveSnapshot(snapshot({ drops: [old], pinnedDropId: 'old' }));
    store.getState().receiveDrop(drop('n1', { createdAt: T0 + 1, opensAt: T0 - 1000 }));
    store.getState().receiveDrop(drop('n2', { createdAt: T0 + 2, opensAt: T0 - 1000 }));
    let s = store.getState();
    expect(dropsOnAir(selectDrops(s), selectPinnedDropId(s), T0).map((d) => d.id)).toEqual(['old', 'n2']);
    store.getState().receiveDropPin({ streamId: 's1', dropId: null });
    s = store.getState();
    expect(dropsOnAir(selectDrops(s), selectPinnedDropId(s), T0).map((d) => d.id)).toEqual(['n2', 'n1']);
    // another show's pin is ignored; a closed pinned drop leaves the air
    const before = store.getState().room;
    store.getState().receiveDropPin({ streamId: 's2', dropId: 'n1' });
    expect(store.getState().room).toBe(before);
    store.getState().receiveDropPin({ streamId: 's1', dropId: 'old' });
    store.getState().receiveDrop({ ...old, status: 'closed', closedAt: T0 + 5 });
    s = store.getState();
    expect(dropsOnAir(selectDrops(s), selectPinnedDropId(s), T0).map((d) => d.id)).toEqual(['n2', 'n1']);
  });

  it('tier windows at a server time: "Gold now · Silver in 2:00 · Bronze in 7:00"', () => {
    const d = drop('d1', { opensAt: T0 + 420_000 }); // gold T0-180s, silver T0+120s, bronze T0+420s
    expect(dropWindowStates(d, T0)).toEqual([
      { tierId: 'gold', open: true, inMs: 0 },
      { tierId: 'silver', open: false, inMs: 120_000 },
      { tierId: 'bronze', open: false, inMs: 420_000 },
    ]);
    expect(dropWindowStates(d, T0 + 420_000).every((w) => w.open)).toBe(true);
    // unordered windows are shown earliest first
    expect(dropWindowStates({ windows: [...d.windows].reverse() }, T0).map((w) => w.tierId)).toEqual(['gold', 'silver', 'bronze']);
  });
});

describe('overlay reducers: lotteries', () => {
  it('entries update the count of a known lottery only', () => {
    const r = room({ lotteries: [lottery('l1')] });
    expect(applyLotteryEntries(r, { lotteryId: 'l1', count: 12 }).lotteries[0]?.entries).toBe(12);
    expect(applyLotteryEntries(r, { lotteryId: 'zz', count: 12 })).toBe(r);
  });

  it('lottery:drawn sets the winners and stamps drawnAt when missing', () => {
    const winners = [{ memberId: 'm1', displayName: 'Amy' }];
    const r = applyLotteryDrawn(room({ lotteries: [lottery('l1', { entries: 5 })] }), { lotteryId: 'l1', winners }, T0 + 5);
    expect(r.lotteries[0]).toMatchObject({ status: 'drawn', winnerList: winners, drawnAt: T0 + 5, entries: 5 });
  });

  it('a late "open" record never undoes a draw; a new lottery goes first', () => {
    const drawn = lottery('l1', { status: 'drawn', drawnAt: T0, winnerList: [] });
    let r = room({ lotteries: [drawn] });
    r = applyLottery(r, lottery('l1'));
    expect(r.lotteries[0]?.status).toBe('drawn');
    r = applyLottery(r, lottery('l2', { createdAt: T0 + 1 }));
    expect(r.lotteries.map((l) => l.id)).toEqual(['l2', 'l1']);
    expect(applyLottery(r, lottery('l3', { streamId: 's2' }))).toBe(r);
  });

  it('features the newest open lottery, else the latest winners however long ago (a restart brings them back), else nothing', () => {
    const drawn = lottery('l1', { status: 'drawn', drawnAt: T0, winnerList: [] });
    expect(featuredLottery([drawn], T0 + 1000)?.id).toBe('l1');
    expect(featuredLottery([drawn], T0 + 3_600_000)?.id).toBe('l1');
    expect(featuredLottery([lottery('l0', { createdAt: T0 + 1 }), drawn], T0 + 3_600_000)?.id).toBe('l0');
    expect(featuredLottery([lottery('l0')], T0)?.id).toBe('l0');
    expect(featuredLottery([], T0)).toBeNull();
  });

  it('features a lottery being drawn (entries frozen, its drand round named) over an open one and old winners', () => {
    const drawn = lottery('l1', { status: 'drawn', drawnAt: T0, winnerList: [] });
    const frozen = lottery('l2', { status: 'drawing' });
    const open = lottery('l3', { createdAt: T0 + 5 });
    expect(featuredLottery([open, frozen, drawn], T0 + 3_600_000)?.id).toBe('l2');
  });

  it('the winners of a fresh draw keep the card for WINNERS_FIRST_MS even when the next lottery is already open', () => {
    const drawn = lottery('l1', { status: 'drawn', drawnAt: T0, winnerList: [] });
    const next = lottery('l2', { createdAt: T0 + 1 });
    expect(featuredLottery([next, drawn], T0 + 1000)?.id).toBe('l1');
    expect(featuredLottery([next, drawn], T0 + WINNERS_FIRST_MS)?.id).toBe('l2');
    // of two recent draws, the latest
    const later = lottery('l3', { status: 'drawn', drawnAt: T0 + 500, winnerList: [], createdAt: T0 - 10 });
    expect(featuredLottery([drawn, later], T0 + 1000)?.id).toBe('l3');
  });

  it('a cancelled lottery is shown as its outcome like a draw: first over the next open one, and stays while no other lottery opens', () => {
    const cancelled = lottery('l1', { status: 'cancelled', cancelledAt: T0 });
    const next = lottery('l2', { createdAt: T0 + 1 });
    expect(featuredLottery([next, cancelled], T0 + 1000)?.id).toBe('l1');
    expect(featuredLottery([next, cancelled], T0 + WINNERS_FIRST_MS)?.id).toBe('l2');
    expect(featuredLottery([cancelled], T0 + 3_600_000)?.status).toBe('cancelled');
    // a cancellation after a draw is the newer outcome
    const drawn = lottery('l3', { status: 'drawn', drawnAt: T0 - 500, winnerList: [] });
    expect(featuredLottery([drawn, cancelled], T0 + 1000)?.id).toBe('l1');
  });
});

describe('overlay reducers: badge queue', () => {
  it('shows three at once; the 4th waits', () => {
    const q = queueOf([badge('m1'), badge('m2'), badge('m3'), badge('m4')]);
    expect(q.visible.map((b) => b.memberId)).toEqual(['m1', 'm2', 'm3']);
    expect(q.waiting.map((b) => b.memberId)).toEqual(['m4']);
    expect(BADGE_MAX_VISIBLE).toBe(3);
  });

  it('the waiting one goes on screen when the first leaves, after BADGE_VISIBLE_MS', () => {
    let q = enqueueBadge(emptyBadges(), room(), badge('m1'), T0);
    q = enqueueBadge(q, room(), badge('m2'), T0 + 1000);
    q = enqueueBadge(q, room(), badge('m3'), T0 + 2000);
    q = enqueueBadge(q, room(), badge('m4'), T0 + 2500);
    expect(nextBadgeExpiry(q)).toBe(T0 + BADGE_VISIBLE_MS);
    expect(expireBadges(q, T0 + BADGE_VISIBLE_MS - 1)).toBe(q);
    q = expireBadges(q, T0 + BADGE_VISIBLE_MS);
    expect(q.visible.map((b) => b.memberId)).toEqual(['m2', 'm3', 'm4']);
    expect(q.visible[2]?.shownAt).toBe(T0 + BADGE_VISIBLE_MS);
    expect(q.waiting).toEqual([]);
    q = expireBadges(q, T0 + 2 * BADGE_VISIBLE_MS + 10_000);
    expect(q.visible).toEqual([]);
    expect(nextBadgeExpiry(q)).toBeNull();
  });

  it('every toast gets its own id; the same member, reason and tier is not queued twice', () => {
    let q = queueOf([badge('m1'), badge('m1'), badge('m1', { reason: 'tier-up', tier: gold })]);
    expect(q.visible.map((b) => b.reason)).toEqual(['joined', 'tier-up']);
    expect(new Set(q.visible.map((b) => b.id)).size).toBe(2);
    q = enqueueBadge(q, room(), badge('m1', { streamId: 's2' }), T0);
    expect(q.visible).toHaveLength(2);
  });

  it('a long burst keeps only the newest BADGE_MAX_WAITING waiting', () => {
    const q = queueOf(Array.from({ length: 3 + BADGE_MAX_WAITING + 5 }, (_, i) => badge(`m${i}`)));
    expect(q.waiting).toHaveLength(BADGE_MAX_WAITING);
    expect(q.waiting[0]?.memberId).toBe('m8');
  });
});

describe('overlay store: the badge timer', () => {
  afterEach(() => vi.useRealTimers());

  it('shows 3, holds the 4th, and swaps it in when the first toast has had its 5 s', () => {
    vi.useFakeTimers({ now: T0 });
    const store = createOverlayStore();
    store.getState().receiveSnapshot(snapshot());
    for (const m of ['m1', 'm2', 'm3', 'm4']) store.getState().receiveBadge(badge(m));
    expect(selectVisibleBadges(store.getState()).map((b) => b.memberId)).toEqual(['m1', 'm2', 'm3']);
    vi.advanceTimersByTime(BADGE_VISIBLE_MS - 1);
    expect(selectVisibleBadges(store.getState())).toHaveLength(3);
    expect(selectVisibleBadges(store.getState()).map((b) => b.memberId)).not.toContain('m4');
    vi.advanceTimersByTime(1);
    expect(selectVisibleBadges(store.getState()).map((b) => b.memberId)).toEqual(['m4']);
    vi.advanceTimersByTime(BADGE_VISIBLE_MS);
    expect(selectVisibleBadges(store.getState())).toEqual([]);
  });
});

describe('overlay i18n and reconnect backoff', () => {
  it('?lang wins, else the browser language', () => {
    expect(overlayLocale('zh-TW', ['en-US'])).toBe('zh-TW');
    expect(overlayLocale('en', ['zh-TW'])).toBe('en');
    expect(overlayLocale(null, ['zh-HK'])).toBe('zh-TW');
    expect(overlayLocale('fr', ['en-GB'])).toBe('en');
  });

  it('counts members in the right plural, the number the reader\'s way', () => {
    expect(overlayTranslator('en')('members', { count: 1 })).toBe('1 member');
    expect(overlayTranslator('en')('members', { count: 1200 })).toBe('1,200 members');
    expect(overlayTranslator('zh-TW')('members', { count: 1 })).toBe('1 位會員');
  });

  it('default tiers are translated; a host-renamed tier keeps the host name', () => {
    const zh = overlayTranslator('zh-TW');
    expect(tierLabel(zh, 'gold', DEFAULT_RULES.tiers)).toBe('金級');
    expect(tierLabel(zh, 'gold', [{ id: 'gold', name: 'VIP' }])).toBe('VIP');
    expect(tierLabel(overlayTranslator('en'), 'diamond', [])).toBe('Diamond');
    expect(tierLabel(overlayTranslator('en'), 'bronze', [bronze])).toBe('Bronze');
  });

  it('retries after 0.5 s, doubling, never more than 5 s', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 20].map((n) => retryDelay(n, mid))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(50, () => 0.999)).toBeLessThanOrEqual(5000);
  });
});
