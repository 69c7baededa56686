/**
 * The award paths of the Engine contract (run by engine-contract.ts):
 * beatAward (a heartbeat with what it pays) and cappedAward (a like or comment
 * under its cap) are each one atomic step, pay once per key, at the tier read
 * in the same step, and their entries reach the durable sink like award's.
 */
import { describe, expect, it } from 'vitest';
import type { BeatAwardInput, CappedAwardInput } from '../../server/domain/award-paths.ts';
import { DAY_MS, utcDay } from '../../server/domain/time.ts';
import type { Engine } from '../../server/engine/engine.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { T0 } from './contract-support.ts';

const DAY = utcDay(T0);
const LADDER = [
  { minPoints: 0, points: 10 },
  { minPoints: 25, points: 15 },
];

const beat = (memberId: string, nowMs: number, extra: Partial<BeatAwardInput> = {}): BeatAwardInput => ({
  streamId: 's1',
  memberId,
  nowMs,
  countable: true,
  leaseMs: 30_000,
  capMs: 30_000,
  idleAfterMs: 1_800_000,
  everySeconds: 60,
  ladder: LADDER,
  activeDay: DAY,
  earnedSinceMs: nowMs - 365 * DAY_MS,
  ...extra,
});

const like = (memberId: string, requestId: string, nowMs: number, extra: Partial<CappedAwardInput> = {}): CappedAwardInput => ({
  hitKey: `like:s1:${memberId}`,
  hitId: requestId,
  limit: 2,
  windowMs: 0,
  award: {
    key: `like:s1:${memberId}:${requestId}`,
    memberId,
    delta: 1,
    reason: 'like',
    streamId: 's1',
    at: nowMs,
    earnedSinceMs: nowMs - 365 * DAY_MS,
  },
  streamId: 's1',
  activeDay: DAY,
  ...extra,
});

/** Beats every 15 s from T0 up to `untilMs` (the first credits nothing). */
async function beatEvery15s(engine: Engine, memberId: string, untilMs: number, extra: Partial<BeatAwardInput> = {}) {
  const out = [];
  for (let t = T0; t <= untilMs; t += 15_000) out.push(await engine.beatAward(beat(memberId, t, extra)));
  return out;
}

export function engineAwardPathContract(current: () => Engine, sinkEntries: () => Promise<LedgerEntry[]>): void {
  describe('beatAward', () => {
    it('credits like accrueWatch and pays each watch award once, by its key', async () => {
      const steps = await beatEvery15s(current(), 'a', T0 + 60_000);
      expect(steps.map((s) => s.accrual.creditedMs)).toEqual([0, 15_000, 15_000, 15_000, 15_000]);
      expect(steps.slice(0, 4).every((s) => s.awards.length === 0)).toBe(true);
      const paid = steps[4]!;
      expect(paid.awards).toHaveLength(1);
      expect(paid.awards[0]).toMatchObject({ applied: true, balance: 10, earned: 10 });
      expect(paid.awards[0]!.entry).toMatchObject({ key: 'watch:s1:a:1', memberId: 'a', delta: 10, reason: 'watch', streamId: 's1', at: T0 + 60_000 });
      expect(paid).toMatchObject({ balance: 10, earned: 10, claim: { granted: true, holder: 's1', freeSinceMs: null } });
      // The next beat finds award 1 due again (a retry after a crash would pay it): a replay, nothing added.
      const next = await current().beatAward(beat('a', T0 + 75_000));
      expect(next.awards.map((r) => r.applied)).toEqual([false]);
      expect(next.balance).toBe(10);
      expect(await current().balance('a')).toBe(10);
      expect(await current().streamStats('s1')).toEqual({ watchMs: 75_000, pointsIssued: 10 });
      expect(await current().topMembers('s1', 5)).toEqual([{ memberId: 'a', points: 10 }]);
      await current().flush();
      expect((await sinkEntries()).filter((e) => e.memberId === 'a').map((e) => e.key)).toEqual(['watch:s1:a:1']);
    });

    it('pays at the rung the earned total reached when the step began', async () => {
      await current().award({ key: 'gift', memberId: 'a', delta: 25, reason: 'purchase', at: T0 });
      const steps = await beatEvery15s(current(), 'a', T0 + 60_000);
      expect(steps[4]!.awards[0]).toMatchObject({ applied: true, balance: 40, earned: 40 });
      expect(steps[4]!.awards[0]!.entry.delta).toBe(15);
      // Points earned before the window count for nothing: the base rung pays.
      await current().award({ key: 'old gift', memberId: 'b', delta: 25, reason: 'purchase', at: T0 - 2 * DAY_MS });
      const later = await beatEvery15s(current(), 'b', T0 + 60_000, { streamId: 's2', earnedSinceMs: T0 - DAY_MS });
      expect(later[4]!.awards[0]).toMatchObject({ applied: true, balance: 35, earned: 10 });
      expect(later[4]!.awards[0]!.entry.delta).toBe(10);
    });

    it('marks the day active only when time was credited', async () => {
      await current().beatAward(beat('a', T0));
      expect(await current().countActiveDays('a', DAY, DAY)).toBe(0);
      await current().beatAward(beat('a', T0 + 15_000, { activeDay: '2024-01-16' }));
      expect(await current().countActiveDays('a', '2024-01-16', '2024-01-16')).toBe(1);
    });

    it('a show that does not hold the clock credits and pays nothing', async () => {
      await beatEvery15s(current(), 'a', T0 + 15_000);
      const other = await current().beatAward(beat('a', T0 + 20_000, { streamId: 's2' }));
      expect(other.claim).toEqual({ granted: false, holder: 's1', freeSinceMs: null });
      expect(other.accrual.creditedMs).toBe(0);
      expect(other.awards).toEqual([]);
      expect(await current().watchClock('a')).toEqual({ streamId: 's1', atMs: T0 + 15_000 });
      // A hidden beat asks for no clock at all.
      expect((await current().beatAward(beat('a', T0 + 25_000, { countable: false }))).claim).toBeNull();
    });

    it('tabs beating at once never pay an award twice nor credit more than wall time', async () => {
      await current().beatAward(beat('a', T0));
      const at = [15_000, 15_000, 30_000, 30_000, 45_000, 45_000, 60_000, 60_000, 75_000, 75_000];
      const steps = await Promise.all(at.map((dt) => current().beatAward(beat('a', T0 + dt))));
      const applied = steps.flatMap((s) => s.awards.filter((r) => r.applied));
      expect(applied.map((r) => r.entry.key)).toEqual(['watch:s1:a:1']);
      expect(await current().balance('a')).toBe(10);
      expect((await current().watchState('s1', 'a'))!.totalMs).toBeLessThanOrEqual(75_000);
    });
  });

  describe('cappedAward', () => {
    it('pays under the cap, refuses over it, and replays a duplicate by its key', async () => {
      const first = await current().cappedAward(like('a', 'r1', T0));
      expect(first.hit).toEqual({ allowed: true, duplicate: false, count: 1 });
      expect(first.award).toMatchObject({ applied: true, balance: 1, earned: 1 });
      expect(first.award!.entry).toMatchObject({ key: 'like:s1:a:r1', delta: 1, reason: 'like', streamId: 's1' });
      await current().cappedAward(like('a', 'r2', T0 + 1));
      const over = await current().cappedAward(like('a', 'r3', T0 + 2));
      expect(over).toEqual({ hit: { allowed: false, duplicate: false, count: 2 }, award: null, balance: 2, earned: 2 });
      const again = await current().cappedAward(like('a', 'r1', T0 + 3));
      expect(again.hit).toEqual({ allowed: false, duplicate: true, count: 2 });
      expect(again.award).toMatchObject({ applied: false, balance: 2 });
      expect(again.award!.entry.id).toBe(first.award!.entry.id);
      expect(await current().balance('a')).toBe(2);
      await current().flush();
      expect((await sinkEntries()).filter((e) => e.memberId === 'a').map((e) => e.key).sort()).toEqual(['like:s1:a:r1', 'like:s1:a:r2']);
    });

    it('counts as an interaction even when capped or paying nothing', async () => {
      await current().beginWatch('s1', 'a', T0, null);
      await current().cappedAward(like('a', 'r1', T0 + 5_000, { limit: 0 }));
      expect((await current().watchState('s1', 'a'))!.lastInteractionAt).toBe(T0 + 5_000);
      const free = like('a', 'r2', T0 + 9_000, { activeDay: '2024-01-20' });
      const nothing = await current().cappedAward({ ...free, award: { ...free.award, delta: 0 } });
      expect(nothing).toMatchObject({ hit: { allowed: true }, award: null, balance: 0 });
      expect((await current().watchState('s1', 'a'))!.lastInteractionAt).toBe(T0 + 9_000);
      expect(await current().countActiveDays('a', DAY, '2024-01-20')).toBe(2);
      // No watch state: the touch creates none.
      await current().cappedAward(like('b', 'r1', T0));
      expect(await current().watchState('s1', 'b')).toBeNull();
    });

    it('racing likes of one member never pass the cap', async () => {
      const steps = await Promise.all(Array.from({ length: 8 }, (_, i) => current().cappedAward(like('a', `r${i}`, T0 + i, { limit: 3 }))));
      expect(steps.filter((s) => s.award?.applied).length).toBe(3);
      expect(await current().balance('a')).toBe(3);
    });
  });
}
