/**
 * The Engine contract: one suite, run against every implementation
 * (sqlite-engine.test.ts, redis-engine.test.ts), so both engines give the same
 * answers. Written as a function of a factory, like socket.io-redis-adapter's
 * test runner.
 *
 * The factory returns a fresh, initialised engine per test (its own data dir or
 * key prefix) and the durable sink its ledger entries reach; `cleanup` closes
 * the engine and removes what the factory made.
 *
 * "Concurrent" below means Promise.all inside one process: for SQLite that
 * proves the transactions serialize, for Redis that the Lua scripts are atomic.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accrue, newWatchState, type Beat, type WatchState } from '../../server/domain/watch.ts';
import type { AwardInput, Engine, SpendInput } from '../../server/engine/engine.ts';
import { AppError } from '../../server/errors.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { rejection, T0 } from './contract-support.ts';
import { engineAwardPathContract } from './engine-award-path-contract.ts';
import { enginePresenceContract } from './engine-presence-contract.ts';
import { engineRetirementContract } from './engine-retirement-contract.ts';
import { engineReversalContract } from './engine-reversal-contract.ts';
import { engineValidationContract } from './engine-validation-contract.ts';

export interface EngineFixture {
  engine: Engine;
  /** What reached the durable LedgerSink (call after `engine.flush()`). */
  sink: { entries(): Promise<LedgerEntry[]> };
  cleanup(): Promise<void>;
}

const HOUR = 3_600_000;
const CAP = 30_000;
const IDLE = 1_800_000;

const beat = (nowMs: number, countable = true, capMs = CAP, idleAfterMs = IDLE): Beat => ({
  nowMs,
  countable,
  capMs,
  idleAfterMs,
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function engineContract(name: string, makeEngine: () => Promise<EngineFixture>): void {
  describe(name, () => {
    let fx: EngineFixture;
    let engine: Engine;

    beforeEach(async () => {
      fx = await makeEngine();
      engine = fx.engine;
    });
    afterEach(async () => {
      await fx?.cleanup();
    });

    const award = (key: string, memberId: string, delta: number, extra: Partial<AwardInput> = {}) =>
      engine.award({ key, memberId, delta, reason: 'watch', at: T0, ...extra });
    const spend = (key: string, memberId: string, cost: number, extra: Partial<SpendInput> = {}) =>
      engine.spend({ key, memberId, cost, reason: 'purchase', at: T0, ...extra });

    describe('presence', () => enginePresenceContract(() => engine));

    describe('award paths', () => engineAwardPathContract(() => engine, () => fx.sink.entries()));

    describe('reversal', () => engineReversalContract(() => engine, () => fx.sink.entries()));

    describe('watch', () => {
      it('beginWatch creates the state once and then counts as an interaction', async () => {
        expect(await engine.watchState('s1', 'a')).toBeNull();
        const first = await engine.beginWatch('s1', 'a', T0, 'ref');
        expect(first).toEqual({ firstVisit: true, state: newWatchState(T0, 'ref') });
        const again = await engine.beginWatch('s1', 'a', T0 + 5_000, 'other');
        expect(again.firstVisit).toBe(false);
        expect(again.state).toEqual({ ...newWatchState(T0, 'ref'), lastInteractionAt: T0 + 5_000 });
        expect(await engine.watchState('s1', 'a')).toEqual(again.state);
        expect((await engine.beginWatch('s2', 'a', T0, null)).firstVisit).toBe(true);
      });

      it('the first beat credits nothing, the next the time between (state created if absent)', async () => {
        const first = await engine.accrueWatch('s1', 'a', beat(T0));
        expect(first).toEqual({ state: { ...newWatchState(T0, null), lastBeatAt: T0 }, creditedMs: 0, previousTotalMs: 0, paused: false });
        const next = await engine.accrueWatch('s1', 'a', beat(T0 + 15_000));
        expect(next).toMatchObject({ creditedMs: 15_000, previousTotalMs: 0, paused: false });
        expect(next.state).toMatchObject({ totalMs: 15_000, lastBeatAt: T0 + 15_000 });
      });

      it('caps the credit of one beat', async () => {
        await engine.accrueWatch('s1', 'a', beat(T0));
        const late = await engine.accrueWatch('s1', 'a', beat(T0 + 100_000));
        expect(late.creditedMs).toBe(CAP);
        expect(late.state.totalMs).toBe(CAP);
      });

      it('a beat that is not countable stops the clock', async () => {
        await engine.accrueWatch('s1', 'a', beat(T0));
        await engine.accrueWatch('s1', 'a', beat(T0 + 15_000));
        const hidden = await engine.accrueWatch('s1', 'a', beat(T0 + 30_000, false));
        expect(hidden.creditedMs).toBe(0);
        expect(hidden.state.lastBeatAt).toBeNull();
        expect((await engine.accrueWatch('s1', 'a', beat(T0 + 45_000))).creditedMs).toBe(0);
        expect((await engine.accrueWatch('s1', 'a', beat(T0 + 60_000))).creditedMs).toBe(15_000);
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(30_000);
      });

      it('pauses when idle until touchWatch restarts the clock', async () => {
        const idle = 60_000;
        await engine.beginWatch('s1', 'a', T0, null);
        await engine.accrueWatch('s1', 'a', beat(T0 + 10_000, true, CAP, idle));
        expect((await engine.accrueWatch('s1', 'a', beat(T0 + 25_000, true, CAP, idle))).creditedMs).toBe(15_000);
        const paused = await engine.accrueWatch('s1', 'a', beat(T0 + 60_000, true, CAP, idle));
        expect(paused).toMatchObject({ paused: true, creditedMs: 0 });
        expect(paused.state.lastBeatAt).toBeNull();
        expect(await engine.accrueWatch('s1', 'a', beat(T0 + 75_000, true, CAP, idle))).toMatchObject({ paused: true, creditedMs: 0 });
        await engine.touchWatch('s1', 'a', T0 + 80_000);
        expect(await engine.accrueWatch('s1', 'a', beat(T0 + 85_000, true, CAP, idle))).toMatchObject({ paused: false, creditedMs: 0 });
        expect((await engine.accrueWatch('s1', 'a', beat(T0 + 100_000, true, CAP, idle))).creditedMs).toBe(15_000);
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(30_000);
      });

      it('gives the same answers as domain accrue() over a mixed sequence', async () => {
        let expected: WatchState = newWatchState(T0, 'r');
        await engine.beginWatch('s1', 'a', T0, 'r');
        const beats = [
          beat(T0 + 1_000), beat(T0 + 16_000), beat(T0 + 9_000), beat(T0 + 200_000), beat(T0 + 215_000, false),
          beat(T0 + 230_000), beat(T0 + 245_000), beat(T0 + 250_000, true, 1_000, 100_000), beat(T0 + 260_000),
        ];
        for (const b of beats) {
          const want = accrue(expected, b);
          expect(await engine.accrueWatch('s1', 'a', b)).toEqual(want);
          expected = want.state;
        }
        expect(await engine.watchState('s1', 'a')).toEqual(expected);
      });

      it('touchWatch keeps the latest interaction and does nothing without state', async () => {
        await engine.touchWatch('s1', 'a', T0);
        expect(await engine.watchState('s1', 'a')).toBeNull();
        await engine.beginWatch('s1', 'a', T0, null);
        await engine.touchWatch('s1', 'a', T0 + 5_000);
        await engine.touchWatch('s1', 'a', T0 + 1_000);
        expect((await engine.watchState('s1', 'a'))?.lastInteractionAt).toBe(T0 + 5_000);
      });

      it('interleaved tabs never credit more than wall time', async () => {
        // Tab A beats at 0, 15, 30 s…; tab B at 7, 22, 37 s…; one B beat arrives late.
        const times = [0, 7, 15, 22, 30, 37, 45, 52, 60, 67, 75].map((s) => T0 + s * 1000);
        let credited = 0;
        for (const t of times) credited += (await engine.accrueWatch('s1', 'a', beat(t))).creditedMs;
        credited += (await engine.accrueWatch('s1', 'a', beat(T0 + 70_000))).creditedMs;
        expect(credited).toBe(75_000);
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(75_000);
      });

      it('concurrent beats serialize: time is credited once', async () => {
        await engine.accrueWatch('s1', 'a', beat(T0));
        const same = await Promise.all(Array.from({ length: 20 }, () => engine.accrueWatch('s1', 'a', beat(T0 + 10_000))));
        expect(sum(same.map((r) => r.creditedMs))).toBe(10_000);
        const order = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
        const mixed = await Promise.all(order.map((i) => engine.accrueWatch('s1', 'a', beat(T0 + 10_000 + i * 2_000))));
        expect(sum(mixed.map((r) => r.creditedMs))).toBe(20_000);
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(30_000);
      });

      it('keeps watch state per member per show', async () => {
        await engine.accrueWatch('s1', 'a', beat(T0));
        await engine.accrueWatch('s1', 'a', beat(T0 + 10_000));
        await engine.accrueWatch('s1', 'b', beat(T0 + 5_000));
        await engine.accrueWatch('s2', 'a', beat(T0 + 5_000));
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(10_000);
        expect((await engine.accrueWatch('s1', 'b', beat(T0 + 10_000))).creditedMs).toBe(5_000);
        expect((await engine.accrueWatch('s2', 'a', beat(T0 + 10_000))).creditedMs).toBe(5_000);
      });

      it('creditWatch adds guest time, creating the state if absent, from when the guest joined', async () => {
        const first = await engine.creditWatch('s1', 'a', 45_000, T0 - 60_000, T0);
        expect(first).toMatchObject({ previousTotalMs: 0, creditedMs: 45_000 });
        expect(first.state).toMatchObject({ totalMs: 45_000, guestMs: 45_000, firstJoinedAt: T0 - 60_000 });
        const second = await engine.creditWatch('s1', 'a', 20_000, T0 - 60_000, T0 + 1_000);
        expect(second).toMatchObject({ previousTotalMs: 45_000, creditedMs: 16_000 });
        expect((await engine.watchState('s1', 'a'))?.totalMs).toBe(61_000);
      });

      it('one clock per member per show: a thousand guest clocks never pass the wall time since the first join', async () => {
        await engine.beginWatch('s1', 'a', T0, null);
        const credits = await Promise.all(
          Array.from({ length: 50 }, (_, i) => engine.creditWatch('s1', 'a', 58_000, T0 - 2_000 + i, T0 + 60_000)),
        );
        expect(sum(credits.map((c) => c.creditedMs))).toBe(62_000);
        expect(await engine.watchState('s1', 'a')).toMatchObject({ totalMs: 62_000, firstJoinedAt: T0 - 2_000, guestMs: 62_000 });
        // Beats after it credit nothing until the wall clock has moved on.
        await engine.accrueWatch('s1', 'a', beat(T0 + 59_000));
        expect((await engine.accrueWatch('s1', 'a', beat(T0 + 70_000))).creditedMs).toBe(10_000);
        expect((await engine.streamStats('s1')).watchMs).toBe(72_000);
      });

      it('claimWatchClock: one show at a time, the holder keeps it while it beats, another takes over after the lease', async () => {
        expect(await engine.watchClock('a')).toBeNull();
        expect(await engine.claimWatchClock('a', 's1', T0, CAP)).toEqual({ granted: true, holder: 's1', freeSinceMs: null });
        expect(await engine.claimWatchClock('a', 's2', T0 + 10_000, CAP)).toEqual({ granted: false, holder: 's1', freeSinceMs: null });
        expect(await engine.claimWatchClock('a', 's1', T0 + 15_000, CAP)).toEqual({ granted: true, holder: 's1', freeSinceMs: null });
        expect(await engine.claimWatchClock('a', 's1', T0 + 5_000, CAP)).toEqual({ granted: true, holder: 's1', freeSinceMs: null });
        expect(await engine.watchClock('a')).toEqual({ streamId: 's1', atMs: T0 + 15_000 });
        expect(await engine.claimWatchClock('a', 's2', T0 + 44_999, CAP)).toMatchObject({ granted: false });
        expect(await engine.claimWatchClock('a', 's2', T0 + 45_000, CAP)).toEqual({ granted: true, holder: 's2', freeSinceMs: T0 + 15_000 });
        expect(await engine.claimWatchClock('b', 's1', T0 + 45_000, CAP)).toMatchObject({ granted: true });
        const racing = await Promise.all(['s1', 's2', 's3', 's4'].map((s) => engine.claimWatchClock('c', s, T0, CAP)));
        expect(racing.filter((r) => r.granted)).toHaveLength(1);
      });

      it('markChestClaimed keeps the maximum', async () => {
        await engine.beginWatch('s1', 'a', T0, null);
        await engine.markChestClaimed('s1', 'a', 2);
        await engine.markChestClaimed('s1', 'a', 1);
        expect((await engine.watchState('s1', 'a'))?.chestsClaimed).toBe(2);
        await engine.markChestClaimed('s1', 'a', 3);
        expect(await engine.watchState('s1', 'a')).toMatchObject({ chestsClaimed: 3, totalMs: 0, lastInteractionAt: T0 });
      });
    });

    describe('ledger', () => {
      it('award appends an entry and returns the balance', async () => {
        const r = await award('k1', 'a', 10, { streamId: 's1', reason: 'like', at: T0 + 1 });
        expect(r.applied).toBe(true);
        expect(r.balance).toBe(10);
        expect(r.entry).toMatchObject({ key: 'k1', memberId: 'a', delta: 10, reason: 'like', streamId: 's1', at: T0 + 1 });
        expect(typeof r.entry.id).toBe('string');
        expect(r.entry.id.length).toBeGreaterThan(0);
        expect((await award('k2', 'a', 1)).entry.streamId).toBeNull();
      });

      it('the same key twice applies once and returns the stored entry', async () => {
        const first = await award('k1', 'a', 10);
        const again = await award('k1', 'a', 99, { at: T0 + 5 });
        expect(again.applied).toBe(false);
        expect(again.entry).toEqual(first.entry);
        expect(again.balance).toBe(10);
        expect(await engine.balance('a')).toBe(10);
      });

      it('a key replayed for another member returns the stored entry with the caller\'s balance', async () => {
        const first = await award('k1', 'a', 10);
        await award('k2', 'b', 3);
        expect(await award('k1', 'b', 5, { earnedSinceMs: T0 })).toEqual({ applied: false, entry: first.entry, balance: 3, earned: 3 });
        const paid = await spend('p1', 'a', 4);
        expect(await spend('p1', 'b', 1)).toEqual({ applied: false, entry: paid.entry, balance: 3 });
        expect([await engine.balance('a'), await engine.balance('b')]).toEqual([6, 3]);
      });

      it('50 concurrent awards of one key apply once', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, () => award('k1', 'a', 7)));
        expect(results.filter((r) => r.applied)).toHaveLength(1);
        expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
        expect(await engine.balance('a')).toBe(7);
      });

      it('different keys add up, per member', async () => {
        await Promise.all([award('k1', 'a', 10), award('k2', 'a', 5), award('k3', 'b', 3)]);
        expect((await award('k4', 'a', 1)).balance).toBe(16);
        expect(await engine.balance('a')).toBe(16);
        expect(await engine.balance('b')).toBe(3);
        expect(await engine.balance('nobody')).toBe(0);
      });

      it('balance equals the sum of the sink entries after flush', async () => {
        const made = [await award('k1', 'a', 10), await award('k2', 'a', 25, { streamId: 's1' }), await spend('p1', 'a', 12)];
        await award('k1', 'a', 10);
        await spend('p1', 'a', 12);
        await award('k3', 'b', 4);
        await engine.flush();
        const mine = (await fx.sink.entries()).filter((e) => e.memberId === 'a');
        expect(mine).toHaveLength(3);
        expect(sum(mine.map((e) => e.delta))).toBe(await engine.balance('a'));
        expect(await engine.balance('a')).toBe(23);
        const byKey = new Map(mine.map((e) => [e.key, e]));
        for (const r of made) expect(byKey.get(r.entry.key)).toEqual(r.entry);
      });

      it('spend lowers the balance and refuses what is not there', async () => {
        await award('k1', 'a', 100);
        const r = await spend('p1', 'a', 30, { streamId: 's1' });
        expect(r).toMatchObject({ applied: true, balance: 70 });
        expect(r.entry).toMatchObject({ key: 'p1', memberId: 'a', delta: -30, reason: 'purchase', streamId: 's1' });
        const err = await rejection(spend('p2', 'a', 71));
        expect(err.code).toBe(ErrorCode.INSUFFICIENT_POINTS);
        expect(await engine.balance('a')).toBe(70);
        expect((await rejection(spend('p3', 'nobody', 1))).code).toBe(ErrorCode.INSUFFICIENT_POINTS);
        await engine.flush();
        expect((await fx.sink.entries()).map((e) => e.key).sort()).toEqual(['k1', 'p1']);
      });

      it('spend is idempotent by key, even once the balance is too low', async () => {
        await award('k1', 'a', 70);
        const first = await spend('p1', 'a', 70);
        const again = await spend('p1', 'a', 70);
        expect(again).toEqual({ applied: false, entry: first.entry, balance: 0 });
        expect(await engine.balance('a')).toBe(0);
      });

      it('refund gives points back once per key, and earns nothing (no tier window, no leaderboard)', async () => {
        await award('k1', 'a', 100, { streamId: 's1' });
        await spend('p1', 'a', 30, { streamId: 's1' });
        const refund = () => engine.refund({ key: 'r1', memberId: 'a', points: 30, reason: 'lottery-refund', streamId: 's1', at: T0 });
        const first = await refund();
        expect(first).toMatchObject({ applied: true, balance: 100 });
        expect(first.entry).toMatchObject({ key: 'r1', memberId: 'a', delta: 30, reason: 'lottery-refund', streamId: 's1' });
        const results = await Promise.all([refund(), refund()]);
        for (const again of results) expect(again).toEqual({ applied: false, entry: first.entry, balance: 100 });
        expect(await engine.balance('a')).toBe(100);
        expect(await engine.earnedSince('a', T0)).toBe(100);
        expect(await engine.topMembers('s1', 10)).toEqual([{ memberId: 'a', points: 100 }]);
        expect((await engine.streamStats('s1')).pointsIssued).toBe(100);
        expect((await rejection(engine.refund({ key: 'r2', memberId: 'a', points: 0, reason: 'lottery-refund', at: T0 }))).code).toBe(ErrorCode.VALIDATION);
        await engine.flush();
        expect((await fx.sink.entries()).map((e) => e.key).sort()).toEqual(['k1', 'p1', 'r1']);
      });

      it('concurrent spends never take more than the balance', async () => {
        await award('k1', 'a', 100);
        const settled = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => spend(`p${i}`, 'a', 30)));
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(3);
        for (const s of settled) if (s.status === 'rejected') expect((s.reason as AppError).code).toBe(ErrorCode.INSUFFICIENT_POINTS);
        expect(await engine.balance('a')).toBe(10);
      });

      it('earnedSince counts whole UTC days from that of sinceMs; spends do not reduce it', async () => {
        const d1 = Date.UTC(2024, 0, 31);
        const d2 = Date.UTC(2024, 1, 1);
        const d3 = Date.UTC(2024, 1, 2);
        await award('k1', 'a', 10, { at: d1 + 23.5 * HOUR });
        await award('k2', 'a', 20, { at: d2 + 0.5 * HOUR });
        await award('k3', 'a', 5, { at: d2 + 18 * HOUR });
        await award('k4', 'a', 7, { at: d3 + 1 * HOUR });
        await award('k4', 'a', 7, { at: d3 + 1 * HOUR });
        await spend('p1', 'a', 40, { at: d3 + 2 * HOUR });
        await award('k5', 'b', 100, { at: d2 });
        expect(await engine.earnedSince('a', d2 + 12 * HOUR)).toBe(32);
        expect(await engine.earnedSince('a', d3)).toBe(7);
        expect(await engine.earnedSince('a', d1)).toBe(42);
        expect(await engine.earnedSince('a', d3 + 24 * HOUR)).toBe(0);
        expect(await engine.earnedSince('nobody', d1)).toBe(0);
      });

      it('award with earnedSinceMs reports the window total atomically: racing awards each see their own', async () => {
        const at = Date.UTC(2024, 1, 2, 12);
        await engine.award({ key: 'old', memberId: 'a', delta: 1000, reason: 'watch', at: Date.UTC(2023, 0, 1) });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            engine.award({ key: `r${i}`, memberId: 'a', delta: 10, reason: 'watch', at, earnedSinceMs: Date.UTC(2024, 0, 1) }),
          ),
        );
        expect(results.map((r) => r.earned).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 20 }, (_, i) => 10 * (i + 1)));
        const replay = await engine.award({ key: 'r0', memberId: 'a', delta: 10, reason: 'watch', at, earnedSinceMs: Date.UTC(2024, 0, 1) });
        expect(replay).toMatchObject({ applied: false, earned: 200 });
        expect((await award('k-none', 'a', 5)).earned).toBeUndefined();
      });
    });

    describe('hit', () => {
      it('counts distinct ids up to the limit', async () => {
        expect(await engine.hit('k', 'a', 3, 60_000, T0)).toEqual({ allowed: true, duplicate: false, count: 1 });
        expect(await engine.hit('k', 'b', 3, 60_000, T0 + 1)).toEqual({ allowed: true, duplicate: false, count: 2 });
        expect(await engine.hit('k', 'c', 3, 60_000, T0 + 2)).toEqual({ allowed: true, duplicate: false, count: 3 });
        expect(await engine.hit('k', 'd', 3, 60_000, T0 + 3)).toEqual({ allowed: false, duplicate: false, count: 3 });
        expect(await engine.hit('other', 'd', 3, 60_000, T0 + 3)).toMatchObject({ allowed: true, count: 1 });
      });

      // `allowed` means "counted by this call", so a duplicate is not allowed.
      it('an id already counted is a duplicate and changes nothing', async () => {
        await engine.hit('k', 'a', 3, 60_000, T0);
        expect(await engine.hit('k', 'a', 3, 60_000, T0 + 10)).toEqual({ allowed: false, duplicate: true, count: 1 });
        expect(await engine.hit('k', 'b', 3, 60_000, T0 + 20)).toMatchObject({ allowed: true, count: 2 });
      });

      it('the window slides: old hits expire', async () => {
        await engine.hit('k', 'a', 2, 1_000, T0);
        await engine.hit('k', 'b', 2, 1_000, T0 + 500);
        expect(await engine.hit('k', 'c', 2, 1_000, T0 + 900)).toMatchObject({ allowed: false, count: 2 });
        expect(await engine.hit('k', 'c', 2, 1_000, T0 + 1_200)).toEqual({ allowed: true, duplicate: false, count: 2 });
        expect(await engine.hit('k', 'd', 2, 1_000, T0 + 1_300)).toMatchObject({ allowed: false });
        expect(await engine.hit('k', 'd', 2, 1_000, T0 + 1_600)).toEqual({ allowed: true, duplicate: false, count: 2 });
        // 'a' expired long ago: counting it again is not a duplicate.
        expect(await engine.hit('k', 'a', 2, 1_000, T0 + 2_300)).toEqual({ allowed: true, duplicate: false, count: 2 });
      });

      it('windowMs 0 counts forever', async () => {
        await engine.hit('k', 'a', 2, 0, T0);
        await engine.hit('k', 'b', 2, 0, T0 + 1);
        expect(await engine.hit('k', 'c', 2, 0, T0 + 1e12)).toEqual({ allowed: false, duplicate: false, count: 2 });
        expect(await engine.hit('k', 'a', 2, 0, T0 + 2e12)).toEqual({ allowed: false, duplicate: true, count: 2 });
      });

      it('30 concurrent distinct ids with limit 10: exactly 10 allowed', async () => {
        const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => engine.hit('k', `id${i}`, 10, 60_000, T0 + i)));
        expect(rs.filter((r) => r.allowed)).toHaveLength(10);
        expect(rs.every((r) => r.count <= 10 && !r.duplicate)).toBe(true);
        expect(await engine.hit('k', 'late', 10, 60_000, T0 + 100)).toEqual({ allowed: false, duplicate: false, count: 10 });
      });

      it('hitCount reads what hit counts, in the window, and changes nothing', async () => {
        expect(await engine.hitCount('k', 1_000, T0)).toBe(0);
        await engine.hit('k', 'a', 5, 1_000, T0);
        await engine.hit('k', 'b', 5, 1_000, T0 + 500);
        await engine.hit('k', 'b', 5, 1_000, T0 + 600); // a duplicate counts once
        expect(await engine.hitCount('k', 1_000, T0 + 600)).toBe(2);
        // 'a' leaves the window at T0 + 1000 (now - at < windowMs), 'b' at T0 + 1500.
        expect(await engine.hitCount('k', 1_000, T0 + 999)).toBe(2);
        expect(await engine.hitCount('k', 1_000, T0 + 1_000)).toBe(1);
        expect(await engine.hitCount('k', 1_000, T0 + 1_500)).toBe(0);
        expect(await engine.hitCount('other', 1_000, T0 + 600)).toBe(0);
        // Reading changed nothing: the hits are still there for an earlier reader, and hit still sees them.
        expect(await engine.hitCount('k', 1_000, T0 + 600)).toBe(2);
        expect(await engine.hit('k', 'c', 3, 1_000, T0 + 700)).toEqual({ allowed: true, duplicate: false, count: 3 });
        expect(await engine.hitCount('k', 1_000, T0 + 700)).toBe(3);
      });

      it('hitCount with windowMs 0 counts forever', async () => {
        await engine.hit('k', 'a', 2, 0, T0);
        await engine.hit('k', 'b', 2, 0, T0 + 1);
        await engine.hit('k', 'c', 2, 0, T0 + 2); // refused: not counted
        expect(await engine.hitCount('k', 0, T0 + 1e12)).toBe(2);
      });

      it('concurrent hits of one id count it once', async () => {
        const rs = await Promise.all(Array.from({ length: 10 }, () => engine.hit('k', 'same', 5, 60_000, T0)));
        expect(rs.filter((r) => !r.duplicate && r.allowed)).toHaveLength(1);
        expect(rs.filter((r) => r.duplicate)).toHaveLength(9);
        expect(rs.every((r) => r.count === 1)).toBe(true);
      });
    });

    describe('checkin and active days', () => {
      it('consecutive days grow the streak, across a month end', async () => {
        expect(await engine.checkin('a', '2024-01-30', '2024-01-29')).toEqual({ streak: 1, already: false });
        expect(await engine.checkin('a', '2024-01-31', '2024-01-30')).toEqual({ streak: 2, already: false });
        expect(await engine.checkin('a', '2024-02-01', '2024-01-31')).toEqual({ streak: 3, already: false });
        expect(await engine.checkin('b', '2024-02-01', '2024-01-31')).toEqual({ streak: 1, already: false });
      });

      it('the same day again returns the stored streak', async () => {
        await engine.checkin('a', '2024-01-30', '2024-01-29');
        await engine.checkin('a', '2024-01-31', '2024-01-30');
        expect(await engine.checkin('a', '2024-01-31', '2024-01-30')).toEqual({ streak: 2, already: true });
        const rs = await Promise.all(Array.from({ length: 5 }, () => engine.checkin('a', '2024-02-01', '2024-01-31')));
        expect(rs.filter((r) => !r.already)).toEqual([{ streak: 3, already: false }]);
      });

      it('a gap resets the streak', async () => {
        await engine.checkin('a', '2024-01-30', '2024-01-29');
        await engine.checkin('a', '2024-01-31', '2024-01-30');
        expect(await engine.checkin('a', '2024-02-02', '2024-02-01')).toEqual({ streak: 1, already: false });
        expect(await engine.checkin('a', '2024-02-03', '2024-02-02')).toEqual({ streak: 2, already: false });
      });

      it('counts marked active days in an inclusive range', async () => {
        for (const day of ['2024-01-30', '2024-01-31', '2024-01-31', '2024-02-01', '2024-02-05']) await engine.markActiveDay('a', day);
        await engine.markActiveDay('b', '2024-01-31');
        expect(await engine.countActiveDays('a', '2024-01-30', '2024-02-05')).toBe(4);
        expect(await engine.countActiveDays('a', '2024-01-31', '2024-02-01')).toBe(2);
        expect(await engine.countActiveDays('a', '2024-02-02', '2024-02-04')).toBe(0);
        expect(await engine.countActiveDays('a', '2023-01-01', '2024-01-30')).toBe(1);
        expect(await engine.countActiveDays('b', '2024-01-01', '2024-12-31')).toBe(1);
      });
    });

    describe('leaderboards and stats', () => {
      it('topMembers per show: highest first, ties by memberId', async () => {
        await award('k1', 'c', 10, { streamId: 's1' });
        await award('k2', 'b', 30, { streamId: 's1' });
        await award('k3', 'a', 10, { streamId: 's1' });
        await award('k3', 'a', 10, { streamId: 's1' });
        await award('k4', 'b', 500, { streamId: 's2' });
        await award('k5', 'd', 900);
        expect(await engine.topMembers('s1', 10)).toEqual([
          { memberId: 'b', points: 30 },
          { memberId: 'a', points: 10 },
          { memberId: 'c', points: 10 },
        ]);
        expect(await engine.topMembers('s1', 2)).toEqual([
          { memberId: 'b', points: 30 },
          { memberId: 'a', points: 10 },
        ]);
        expect(await engine.topMembers('none', 10)).toEqual([]);
      });

      it('topMembers all time counts every award; spends do not lower it', async () => {
        await award('k1', 'a', 10, { streamId: 's1' });
        await award('k2', 'b', 5, { streamId: 's1' });
        await award('k3', 'b', 5);
        await award('k4', 'c', 20, { streamId: 's2' });
        await spend('p1', 'c', 15, { streamId: 's2' });
        expect(await engine.topMembers(null, 10)).toEqual([
          { memberId: 'c', points: 20 },
          { memberId: 'a', points: 10 },
          { memberId: 'b', points: 10 },
        ]);
        expect(await engine.topMembers('s2', 10)).toEqual([{ memberId: 'c', points: 20 }]);
      });

      it('streamStats: watch time from accrual and credit, points from awards of that show', async () => {
        await engine.accrueWatch('s1', 'a', beat(T0));
        await engine.accrueWatch('s1', 'a', beat(T0 + 15_000));
        await engine.accrueWatch('s1', 'b', beat(T0));
        await engine.accrueWatch('s1', 'b', beat(T0 + 100_000));
        await engine.creditWatch('s1', 'g', 40_000, T0 - 40_000, T0);
        await engine.accrueWatch('s2', 'a', beat(T0));
        await engine.accrueWatch('s2', 'a', beat(T0 + 1_000));
        await award('k1', 'a', 10, { streamId: 's1' });
        await award('k1', 'a', 10, { streamId: 's1' });
        await award('k2', 'b', 4, { streamId: 's1' });
        await award('k3', 'b', 100);
        await award('k4', 'b', 50, { streamId: 's2' });
        await spend('p1', 'b', 3, { streamId: 's1' });
        expect(await engine.streamStats('s1')).toEqual({ watchMs: 15_000 + CAP + 40_000, pointsIssued: 14 });
        expect(await engine.streamStats('s2')).toEqual({ watchMs: 1_000, pointsIssued: 50 });
        expect(await engine.streamStats('none')).toEqual({ watchMs: 0, pointsIssued: 0 });
      });
    });

    describe('retirement of ended shows', () => engineRetirementContract(() => engine));

    describe('validation', () => engineValidationContract(() => engine));

    it('resetForTests forgets the state of this engine', async () => {
      await award('k1', 'a', 10, { streamId: 's1' });
      await engine.join('s1', 'c1', 'm:a');
      await engine.beginWatch('s1', 'a', T0, null);
      await engine.hit('k', 'x', 1, 0, T0);
      await engine.resetForTests();
      expect(await engine.balance('a')).toBe(0);
      expect(await engine.presence('s1')).toEqual({ viewers: 0, members: 0 });
      expect(await engine.watchState('s1', 'a')).toBeNull();
      expect(await engine.topMembers(null, 10)).toEqual([]);
      expect(await engine.hit('k', 'x', 1, 0, T0)).toMatchObject({ allowed: true, duplicate: false });
      expect((await award('k1', 'a', 10)).applied).toBe(true);
    });
  });
}
