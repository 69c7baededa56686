/**
 * The pure rules under the engines: watch accrual, tiers, calendar days.
 * (The engines' application of `accrue` is pinned by the engine contract.)
 */
import { describe, expect, it } from 'vitest';
import { checkinPoints } from '../../server/domain/checkin.ts';
import { TIER_WINDOW_MS, multiplied, nextTierAfter, tierById, tierFor, tierRank } from '../../server/domain/tiers.ts';
import { DAY_MS, addDays, dayKey } from '../../server/domain/time.ts';
import {
  SHARE_QUALIFY_MS,
  accrue,
  beatLimits,
  chestsAvailable,
  claimWatchClock,
  creditWatch,
  dueWatchAwards,
  guestCreditAllowed,
  newWatchState,
  referralQualifies,
  wallClockRoom,
  watchLeaseMs,
  type Beat,
  type WatchState,
} from '../../server/domain/watch.ts';
import { createdOnSharerNetwork } from '../../server/domain/referrals.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';

const T0 = Date.UTC(2024, 0, 15, 12);
const beat = (nowMs: number, countable = true): Beat => ({ nowMs, countable, capMs: 30_000, idleAfterMs: 60_000 });

/** Feeds beats through accrue and returns the final state and the total credited. */
function run(state: WatchState, beats: Beat[]): { state: WatchState; credited: number } {
  let credited = 0;
  for (const b of beats) {
    const r = accrue(state, b);
    credited += r.creditedMs;
    state = r.state;
  }
  return { state, credited };
}

describe('watch accrual', () => {
  it('a new state has no clock, no time, no chests', () => {
    expect(newWatchState(T0, 'r')).toEqual({ lastBeatAt: null, lastInteractionAt: T0, totalMs: 0, chestsClaimed: 0, referrerId: 'r', firstJoinedAt: T0, guestMs: 0 });
  });

  it('the first beat starts the clock and credits nothing', () => {
    const r = accrue(newWatchState(T0, null), beat(T0 + 1_000));
    expect(r).toEqual({ state: { ...newWatchState(T0, null), lastBeatAt: T0 + 1_000 }, creditedMs: 0, previousTotalMs: 0, paused: false });
  });

  it('credits the time between beats, capped', () => {
    const { state, credited } = run(newWatchState(T0, null), [beat(T0), beat(T0 + 15_000), beat(T0 + 55_000)]);
    expect(credited).toBe(15_000 + 30_000);
    expect(state).toMatchObject({ totalMs: 45_000, lastBeatAt: T0 + 55_000 });
  });

  it('a late beat credits nothing and does not move the clock back', () => {
    const r = accrue({ ...newWatchState(T0, null), lastBeatAt: T0 + 20_000, totalMs: 5 }, beat(T0 + 10_000));
    expect(r.creditedMs).toBe(0);
    expect(r.state).toMatchObject({ lastBeatAt: T0 + 20_000, totalMs: 5 });
    expect(r.previousTotalMs).toBe(5);
  });

  it('a beat that is not countable stops the clock', () => {
    const r = accrue({ ...newWatchState(T0, null), lastBeatAt: T0 }, beat(T0 + 10_000, false));
    expect(r).toMatchObject({ creditedMs: 0, paused: false });
    expect(r.state.lastBeatAt).toBeNull();
  });

  it('pauses from idleAfter after the last interaction, exactly at the boundary', () => {
    const s = { ...newWatchState(T0, null), lastBeatAt: T0 + 50_000 };
    expect(accrue(s, beat(T0 + 59_999))).toMatchObject({ paused: false, creditedMs: 9_999 });
    const idle = accrue(s, beat(T0 + 60_000));
    expect(idle).toMatchObject({ paused: true, creditedMs: 0 });
    expect(idle.state.lastBeatAt).toBeNull();
  });

  it('two tabs beating interleaved credit wall time, not twice', () => {
    const times = [0, 7, 15, 22, 30, 37, 45].map((s) => beat(T0 + s * 1000));
    expect(run(newWatchState(T0, null), times).credited).toBe(45_000);
  });

  it('beat limits come from the rules: cap twice the heartbeat', () => {
    expect(beatLimits(DEFAULT_RULES)).toEqual({ capMs: 30_000, idleAfterMs: 1_800_000 });
  });
});

describe('watch awards and chests', () => {
  it('an award is due at each multiple of everySeconds', () => {
    expect(dueWatchAwards(0, 299_999, 300)).toEqual([]);
    expect(dueWatchAwards(290_000, 300_000, 300)).toEqual([1]);
    expect(dueWatchAwards(299_999, 900_000, 300)).toEqual([1, 2, 3]);
    expect(dueWatchAwards(0, 0, 300)).toEqual([]);
  });

  it('the last due award is included again, so a retry after a crash still pays', () => {
    expect(dueWatchAwards(600_000, 610_000, 300)).toEqual([2]);
    expect(dueWatchAwards(300_000, 300_000, 300)).toEqual([1]);
  });

  it('chests available are the earned ones not yet claimed, never negative', () => {
    expect(chestsAvailable({ totalMs: 899_999, chestsClaimed: 0 }, DEFAULT_RULES)).toBe(0);
    expect(chestsAvailable({ totalMs: 1_800_000, chestsClaimed: 1 }, DEFAULT_RULES)).toBe(1);
    expect(chestsAvailable({ totalMs: 900_000, chestsClaimed: 3 }, DEFAULT_RULES)).toBe(0);
  });

  it('check-in points grow with the streak up to the cap', () => {
    expect(checkinPoints(DEFAULT_RULES, 1)).toBe(20);
    expect(checkinPoints(DEFAULT_RULES, 3)).toBe(40);
    expect(checkinPoints(DEFAULT_RULES, 30)).toBe(70);
  });
});

describe('tiers', () => {
  const [bronze, silver, gold] = DEFAULT_RULES.tiers;

  it('tierFor picks the highest threshold reached', () => {
    expect(tierFor(DEFAULT_RULES, 0)).toEqual(bronze);
    expect(tierFor(DEFAULT_RULES, 999)).toEqual(bronze);
    expect(tierFor(DEFAULT_RULES, 1_000)).toEqual(silver);
    expect(tierFor(DEFAULT_RULES, 4_999)).toEqual(silver);
    expect(tierFor(DEFAULT_RULES, 1e9)).toEqual(gold);
  });

  it('walks the ladder by id and rank', () => {
    expect(nextTierAfter(DEFAULT_RULES, bronze!)).toEqual(silver);
    expect(nextTierAfter(DEFAULT_RULES, gold!)).toBeNull();
    expect(tierById(DEFAULT_RULES, 'gold')).toEqual(gold);
    expect(tierById(DEFAULT_RULES, 'platinum')).toBeUndefined();
    expect(tierRank(DEFAULT_RULES, 'silver')).toBe(1);
    expect(tierRank(DEFAULT_RULES, 'platinum')).toBe(-1);
  });

  it('multiplies base points and rounds to whole points', () => {
    expect(multiplied(10, silver!)).toBe(12);
    expect(multiplied(3, gold!)).toBe(5);
    expect(multiplied(1, silver!)).toBe(1);
  });

  it('the tier window is 365 days', () => {
    expect(TIER_WINDOW_MS).toBe(365 * DAY_MS);
  });
});

describe('calendar days', () => {
  it('dayKey turns over at midnight in Asia/Taipei (UTC+8), not at UTC midnight', () => {
    const taipeiMidnight = Date.UTC(2024, 0, 15, 16, 0, 0); // 2024-01-16 00:00 in Taipei
    expect(dayKey(taipeiMidnight - 1, 'Asia/Taipei')).toBe('2024-01-15');
    expect(dayKey(taipeiMidnight, 'Asia/Taipei')).toBe('2024-01-16');
    expect(dayKey(taipeiMidnight, 'UTC')).toBe('2024-01-15');
    expect(dayKey(Date.UTC(2024, 11, 31, 16), 'Asia/Taipei')).toBe('2025-01-01');
  });

  it('dayKey, kept per zone for the minute asked, still turns over at the first millisecond of a day, in any order', () => {
    const zones = ['Asia/Taipei', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'UTC'];
    // Midnights around a DST switch too (New York: 2024-03-10, Adelaide: 2024-04-07), asked across and back again.
    for (const day of [Date.UTC(2024, 2, 10), Date.UTC(2024, 3, 7), Date.UTC(2024, 0, 15)]) {
      for (let t = day - 86_400_000; t <= day + 86_400_000; t += 29 * 60_000 + 1_013) {
        for (const zone of zones) {
          const truth = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t));
          expect(dayKey(t, zone), `${zone} at ${new Date(t).toISOString()}`).toBe(truth);
          expect(dayKey(t - 1, zone)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t - 1)));
        }
      }
    }
  });

  it('addDays crosses month and year ends and leap days', () => {
    expect(addDays('2024-01-31', 1)).toBe('2024-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-04-30', 0)).toBe('2024-04-30');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('day keys sort like dates', () => {
    const days = ['2024-10-02', '2024-09-30', '2025-01-01', '2024-10-10'];
    expect([...days].sort()).toEqual(['2024-09-30', '2024-10-02', '2024-10-10', '2025-01-01']);
  });
});

describe('one watch clock per member per show', () => {
  it('accrual never passes the wall time since the first join', () => {
    const s = { ...newWatchState(T0, null), lastBeatAt: T0 + 10_000, totalMs: 15_000 };
    expect(accrue(s, beat(T0 + 25_000)).creditedMs).toBe(10_000);
    expect(wallClockRoom(s, T0 + 10_000)).toBe(0);
  });

  it('a guest clock joins it from when the guest connected, capped at the room left', () => {
    const first = creditWatch(newWatchState(T0 + 60_000, null), 58_000, T0, T0 + 60_000);
    expect(first).toMatchObject({ creditedMs: 58_000, previousTotalMs: 0 });
    expect(first.state).toMatchObject({ firstJoinedAt: T0, totalMs: 58_000, guestMs: 58_000 });
    const again = creditWatch(first.state, 58_000, T0 + 1_000, T0 + 60_000);
    expect(again.creditedMs).toBe(2_000);
    expect(creditWatch(again.state, 58_000, T0, T0 + 60_000).creditedMs).toBe(0);
  });

  it('referrals qualify on time watched signed in, never on guest time', () => {
    const guest = creditWatch(newWatchState(T0, 'r'), 60_000, T0 - 60_000, T0).state;
    expect(referralQualifies(newWatchState(T0, 'r'), guest)).toBe(false);
    const signedIn = { ...guest, totalMs: guest.totalMs + SHARE_QUALIFY_MS };
    expect(referralQualifies({ ...guest, totalMs: signedIn.totalMs - 1 }, signedIn)).toBe(true);
    expect(referralQualifies(signedIn, { ...signedIn, totalMs: signedIn.totalMs + 15_000 })).toBe(false);
    expect(referralQualifies(guest, { ...signedIn, referrerId: null })).toBe(false);
  });
});

describe('one show at a time', () => {
  it('the holder renews, another show waits for the lease, then takes over from the last covered moment', () => {
    const a = claimWatchClock(null, 'a', T0, 30_000);
    expect(a).toEqual({ granted: true, holder: 'a', freeSinceMs: null, clock: { streamId: 'a', atMs: T0 } });
    expect(claimWatchClock(a.clock, 'b', T0 + 29_999, 30_000)).toEqual({ granted: false, holder: 'a', freeSinceMs: null, clock: null });
    expect(claimWatchClock(a.clock, 'a', T0 - 5_000, 30_000).clock).toEqual({ streamId: 'a', atMs: T0 });
    const b = claimWatchClock(a.clock, 'b', T0 + 30_000, 30_000);
    expect(b).toEqual({ granted: true, holder: 'b', freeSinceMs: T0, clock: { streamId: 'b', atMs: T0 + 30_000 } });
    expect(guestCreditAllowed(b, 90_000, T0 + 30_000)).toBe(30_000);
    expect(guestCreditAllowed(claimWatchClock(b.clock, 'a', T0 + 31_000, 30_000), 90_000, T0 + 31_000)).toBe(0);
  });

  it('the lease is the beat cap', () => {
    expect(watchLeaseMs(DEFAULT_RULES)).toBe(beatLimits(DEFAULT_RULES).capMs);
  });
});

describe('referrals from the sharer network', () => {
  const sharer = { createdFrom: '10.0.0.1', createdAt: T0 };
  it('refuses an account created from an address the sharer used in the last day', () => {
    expect(createdOnSharerNetwork({ referred: { createdFrom: '10.0.0.9' }, sharer, sharerSeenAtCreationAddress: true }, T0)).toBe(true);
    expect(createdOnSharerNetwork({ referred: { createdFrom: '10.0.0.1' }, sharer, sharerSeenAtCreationAddress: false }, T0 + DAY_MS - 1)).toBe(true);
  });
  it('pays for one created elsewhere, or where the sharer signed up more than a day ago, or from an unknown address', () => {
    expect(createdOnSharerNetwork({ referred: { createdFrom: '10.0.0.9' }, sharer, sharerSeenAtCreationAddress: false }, T0)).toBe(false);
    expect(createdOnSharerNetwork({ referred: { createdFrom: '10.0.0.1' }, sharer, sharerSeenAtCreationAddress: false }, T0 + DAY_MS)).toBe(false);
    expect(createdOnSharerNetwork({ referred: { createdFrom: null }, sharer, sharerSeenAtCreationAddress: true }, T0)).toBe(false);
  });
});
