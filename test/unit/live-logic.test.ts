import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Drop } from '../../shared/perks.ts';
import { dropView } from '../../client/live/logic/drops.ts';
import { nextWatchAward, watchPointsFor } from '../../shared/domain/watch-rewards.ts';
import { HeartbeatScheduler } from '../../client/live/logic/heartbeat.ts';
import { playerFor } from '../../client/live/logic/player.ts';
import { routeOf } from '../../client/live/logic/session.ts';
import { tierProgress } from '../../client/live/logic/tier-progress.ts';

const drop = (over: Partial<Drop> = {}): Drop => ({
  id: 'd1',
  streamId: 's1',
  title: 'Lamp',
  description: null,
  imageUrl: null,
  priceCents: 100,
  memberPriceCents: null,
  currency: 'TWD',
  stock: 4,
  perMemberLimit: 1,
  opensAt: 10_000,
  minTier: 'silver',
  reservationSeconds: 600,
  createdAt: 1,
  closedAt: null,
  checkoutUrl: null,
  paymentInstructions: null,
  remaining: 4,
  windows: [
    { tierId: 'gold', opensAt: 4_000 },
    { tierId: 'silver', opensAt: 7_000 },
  ],
  status: 'open',
  reserved: 0,
  confirmed: 0,
  stockAt: 0,
  ...over,
});

describe('live room logic', () => {
  it('a guest would have earned floor(credited / everySeconds) × points', () => {
    const w = { everySeconds: 300, points: 10 };
    expect(watchPointsFor(299_000, w)).toBe(0);
    expect(watchPointsFor(300_000, w)).toBe(10);
    expect(watchPointsFor(905_000, w)).toBe(30);
    expect(nextWatchAward(360_000, w)).toEqual({ msLeft: 240_000, fraction: 0.2 });
  });

  describe('drop view for one member', () => {
    it('uses the window of their own tier, counting down on the given time', () => {
      const v = dropView(drop(), { tierId: 'silver' }, [], 5_000);
      expect(v).toMatchObject({ phase: 'not-open', opensAt: 7_000, opensIn: 2_000, canClaim: false });
      expect(dropView(drop(), { tierId: 'gold' }, [], 5_000)).toMatchObject({ phase: 'open', canClaim: true });
    });
    it('tiers without a window are told the drop is not for their tier; guests are asked to sign in', () => {
      expect(dropView(drop(), { tierId: 'bronze' }, [], 9_000).phase).toBe('tier-too-low');
      expect(dropView(drop(), null, [], 9_000).phase).toBe('guest');
    });
    it('cannot be claimed while a claim is in flight', () => {
      expect(dropView(drop(), { tierId: 'gold' }, [], 8_000, true).canClaim).toBe(false);
    });
    it('a live reservation reaches the limit; a lapsed one lets them claim again', () => {
      const claim = { id: 'c1', dropId: 'd1', status: 'reserved' as const, expiresAt: 20_000, checkoutRef: 'FR-X' };
      const held = dropView(drop(), { tierId: 'gold' }, [claim], 8_000);
      expect(held).toMatchObject({ phase: 'limit', canClaim: false, activeClaim: claim, lapsedClaim: null });
      const lapsed = dropView(drop(), { tierId: 'gold' }, [claim], 20_000);
      expect(lapsed).toMatchObject({ phase: 'open', canClaim: true, activeClaim: null, lapsedClaim: claim });
    });
    it('gives the answer the server would: sold out before the member limit', () => {
      const claim = { id: 'c1', dropId: 'd1', status: 'reserved' as const, expiresAt: 60_000, checkoutRef: 'R' };
      const v = dropView(drop({ remaining: 0, status: 'sold-out', perMemberLimit: 1 }), { tierId: 'gold' }, [claim], 8_000);
      expect(v.phase).toBe('sold-out');
      expect(v.activeClaim).toEqual(claim);
    });

    it('sold out and closed win over an open window', () => {
      expect(dropView(drop({ remaining: 0, status: 'sold-out' }), { tierId: 'gold' }, [], 8_000).phase).toBe('sold-out');
      expect(dropView(drop({ status: 'closed' }), { tierId: 'gold' }, [], 8_000).phase).toBe('closed');
    });
  });

  it('tier progress runs from the current threshold to the next', () => {
    const tiers = [
      { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
      { id: 'silver', name: 'Silver', minPoints: 1000, multiplier: 1.2, earlyAccessSeconds: 300, lotteryWeight: 2 },
    ];
    const p = tierProgress({ tier: tiers[0]!, nextTier: tiers[1]!, earned365: 250 });
    expect(p).toMatchObject({ fraction: 0.25, toGo: 750 });
    expect(p.next?.id).toBe('silver');
    expect(tierProgress({ tier: tiers[1]!, nextTier: null, earned365: 4000 })).toMatchObject({ next: null, fraction: 1, toGo: 0 });
  });

  it('picks a <video> for direct media and an embed for YouTube and Twitch links', () => {
    expect(playerFor('https://cdn.example.com/live/index.m3u8', 'fr.example')).toEqual({ kind: 'video', src: 'https://cdn.example.com/live/index.m3u8' });
    expect(playerFor('https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'fr.example')).toMatchObject({ kind: 'embed', src: expect.stringContaining('youtube.com/embed/dQw4w9WgXcQ') });
    expect(playerFor('https://youtu.be/dQw4w9WgXcQ', 'fr.example')).toMatchObject({ provider: 'youtube' });
    expect(playerFor('https://www.twitch.tv/someshop', 'fr.example')).toMatchObject({ src: expect.stringContaining('channel=someshop&parent=fr.example') });
    expect(playerFor('https://shop.example/live-player', 'fr.example')).toMatchObject({ kind: 'embed', provider: 'page' });
    expect(playerFor('javascript:alert(1)', 'fr.example')).toBeNull();
  });

  it('routes /, /live/:id and /verify/:id', () => {
    expect(routeOf('/')).toEqual({ page: 'home' });
    expect(routeOf('/live/abc-1')).toEqual({ page: 'room', streamId: 'abc-1' });
    expect(routeOf('/verify/l%201')).toEqual({ page: 'verify', lotteryId: 'l 1' });
  });

  describe('heartbeat schedule', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('beats every period only while visible and playing, with one stop beat when that ends', () => {
      const beats: Array<{ visible: boolean; playing: boolean }> = [];
      const s = new HeartbeatScheduler((b) => beats.push(b));
      const base = { canSend: true, everyMs: 15_000 };
      s.update({ ...base, visible: true, playing: false });
      vi.advanceTimersByTime(60_000);
      expect(beats).toEqual([]); // not playing: nothing
      s.update({ ...base, visible: true, playing: true });
      expect(beats).toHaveLength(1); // starts the clock at once
      vi.advanceTimersByTime(45_000);
      expect(beats).toHaveLength(4);
      s.update({ ...base, visible: false, playing: true });
      expect(beats.at(-1)).toEqual({ visible: false, playing: true }); // stops the server clock
      vi.advanceTimersByTime(120_000);
      expect(beats).toHaveLength(5); // hidden: silent
      s.stop();
    });

    it('sends nothing while it cannot (not joined / not live)', () => {
      const beats: unknown[] = [];
      const s = new HeartbeatScheduler((b) => beats.push(b));
      s.update({ canSend: false, visible: true, playing: true, everyMs: 1000 });
      vi.advanceTimersByTime(10_000);
      expect(beats).toEqual([]);
    });
  });
});

describe('claim intents (perks slice)', () => {
  it('keeps one requestId per intended claim until it succeeds, so retries are the same claim', async () => {
    const { createStore } = await import('zustand/vanilla');
    const { createPerksSlice } = await import('../../client/live/store/perks-slice.ts');
    // Only the perks slice (and the streamId it reads) — enough to drive its actions.
    const store = createStore<any>()((...a) => ({ streamId: 's1', ...(createPerksSlice as any)({})(...a) }));
    const s = () => store.getState();
    s().claimStarted('d1', 'req-1');
    expect(s().claimBusy.d1).toBe(true);
    s().claimFailed('d1', { code: 'TIMEOUT', message: 'no answer' });
    expect(s().claimBusy.d1).toBeUndefined();
    expect(s().claimRequests.d1).toBe('req-1'); // a retry reuses it
    s().claimSucceeded({ id: 'c1', dropId: 'd1', status: 'reserved', expiresAt: 9, checkoutRef: 'FR-1' });
    expect(s().claimRequests.d1).toBeUndefined(); // the next claim is a new intent
    expect(s().claims).toHaveLength(1);
  });
});
