/**
 * The reversal part of the Engine contract (run by engine-contract.ts):
 * Engine.reverse takes back points earned before (a refunded purchase) once
 * per key; earned totals, the earned day's bucket and the all-time
 * leaderboard lose them all, the balance as many as it holds (never below
 * zero, the rest is the shortfall), show totals stay; its entry reaches the
 * durable sink.
 */
import { expect, it } from 'vitest';
import { DAY_MS, utcDay } from '../../server/domain/time.ts';
import type { Engine, ReversalInput } from '../../server/engine/engine.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { rejection, T0 } from './contract-support.ts';

const reversal = (key: string, memberId: string, points: number, extra: Partial<ReversalInput> = {}): ReversalInput => ({
  key,
  memberId,
  points,
  reason: 'purchase-reversal',
  at: T0 + DAY_MS,
  earnedDay: utcDay(T0),
  ...extra,
});

export function engineReversalContract(engine: () => Engine, sinkEntries: () => Promise<LedgerEntry[]>): void {
  const purchase = (memberId: string, delta: number) =>
    engine().award({ key: `purchase:${memberId}`, memberId, delta, reason: 'purchase', streamId: 's1', at: T0 });

  it('takes the points back from balance, earned window, day bucket and all-time board; show totals stay', async () => {
    await purchase('a', 120);
    await purchase('b', 100);
    const r = await engine().reverse(reversal('refund:1', 'a', 50, { streamId: 's1', earnedSinceMs: T0 - DAY_MS }));
    expect(r).toMatchObject({ applied: true, balance: 70, taken: 50, shortfall: 0, earned: 70, earnedDelta: -50 });
    expect(r.entry).toMatchObject({ key: 'refund:1', memberId: 'a', delta: -50, reason: 'purchase-reversal', streamId: 's1', at: T0 + DAY_MS });
    expect(await engine().balance('a')).toBe(70);
    expect(await engine().earnedSince('a', T0)).toBe(70);
    // b (100) now leads a (70) on the all-time board; the show's board keeps what the show paid.
    expect((await engine().topMembers(null, 10)).filter((e) => e.memberId === 'a' || e.memberId === 'b')).toEqual([
      { memberId: 'b', points: 100 },
      { memberId: 'a', points: 70 },
    ]);
    expect(await engine().topMembers('s1', 10)).toEqual([
      { memberId: 'a', points: 120 },
      { memberId: 'b', points: 100 },
    ]);
    expect((await engine().streamStats('s1')).pointsIssued).toBe(220);
  });

  it('a replay changes nothing and answers as the first time', async () => {
    await purchase('a', 120);
    const first = await engine().reverse(reversal('refund:1', 'a', 50));
    const again = await engine().reverse(reversal('refund:1', 'a', 50, { at: T0 + 2 * DAY_MS }));
    expect(again).toEqual({ ...first, applied: false, earnedDelta: 0 });
    expect(await engine().balance('a')).toBe(70);
    expect(await engine().earnedSince('a', T0)).toBe(70);
  });

  it('a spent balance goes to zero, never below: the rest is the shortfall, and earned still drops by all', async () => {
    await purchase('a', 100);
    await engine().spend({ key: 'spent', memberId: 'a', cost: 80, reason: 'lottery-entry', at: T0 });
    const r = await engine().reverse(reversal('refund:1', 'a', 100, { earnedSinceMs: T0 }));
    expect(r).toMatchObject({ applied: true, balance: 0, taken: 20, shortfall: 80, earned: 0 });
    expect(r.entry.delta).toBe(-20);
    // Nothing left: the entry is 0 and everything is shortfall.
    await purchase('b', 10);
    await engine().spend({ key: 'spent-b', memberId: 'b', cost: 10, reason: 'lottery-entry', at: T0 });
    const none = await engine().reverse(reversal('refund:2', 'b', 10));
    expect(none).toMatchObject({ applied: true, balance: 0, taken: 0, shortfall: 10 });
    expect(Object.is(none.entry.delta, 0)).toBe(true);
    expect(await engine().balance('b')).toBe(0);
  });

  it('points earned on a day before the window leave the window total alone', async () => {
    await purchase('a', 40);
    const r = await engine().reverse(reversal('refund:1', 'a', 40, { earnedSinceMs: T0 + DAY_MS }));
    expect(r).toMatchObject({ balance: 0, earned: 0, earnedDelta: 0 });
    expect(await engine().earnedSince('a', T0)).toBe(0);
  });

  it('concurrent deliveries of one reversal apply once', async () => {
    await purchase('a', 100);
    const rs = await Promise.all(Array.from({ length: 8 }, () => engine().reverse(reversal('refund:1', 'a', 30))));
    expect(rs.filter((r) => r.applied)).toHaveLength(1);
    expect(await engine().balance('a')).toBe(70);
  });

  it('its entry reaches the durable sink; bad input is refused with the field', async () => {
    await purchase('a', 100);
    const r = await engine().reverse(reversal('refund:1', 'a', 30));
    await engine().flush();
    expect((await sinkEntries()).find((e) => e.key === 'refund:1')).toEqual(r.entry);
    expect((await rejection(engine().reverse(reversal('refund:2', 'a', 0)))).field).toBe('points');
    expect((await rejection(engine().reverse(reversal('refund:2', 'a', 5, { earnedDay: '2024-02-30' })))).field).toBe('earnedDay');
    expect(await engine().balance('a')).toBe(70);
  });
}
