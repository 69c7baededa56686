/**
 * The lottery half of the PerksEngine contract (run by perks-engine-contract.ts):
 * entering once per member, the paid entry's spend applied with the entry or
 * not at all, refusals in the documented order, and closing.
 */
import { describe, expect, it } from 'vitest';
import type { EnterRequest } from '../../server/engine/perks-engine.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { LotteryEntry } from '../../shared/perks.ts';
import { rejection, T0, type CurrentFixture } from './perks-contract-support.ts';

const byMember = (xs: LotteryEntry[]) => [...xs].sort((a, b) => (a.lotteryId + a.memberId).localeCompare(b.lotteryId + b.memberId));

export function lotteryContract(current: CurrentFixture): void {
  const perks = () => current().perks;
  const enter = (lotteryId: string, memberId: string, extra: Partial<EnterRequest> = {}) =>
    perks().enterLottery({
      lotteryId,
      memberId,
      weight: 1,
      cost: 0,
      ledgerKey: `lottery:${lotteryId}:${memberId}`,
      reason: 'lottery-entry',
      streamId: 's1',
      at: T0,
      ...extra,
    });
  const fund = (memberId: string, points: number) =>
    current().engine.award({ key: `fund:${memberId}`, memberId, delta: points, reason: 'adjustment', at: T0 });

  describe('entering', () => {
    it('a free entry is created once; a second enter returns the same entry', async () => {
      await perks().defineLottery('l');
      await perks().defineLottery('l');
      const first = await enter('l', 'a', { weight: 3 });
      const entry: LotteryEntry = { lotteryId: 'l', memberId: 'a', weight: 3, at: T0 };
      expect(first).toEqual({ entry, created: true, spend: null, balance: 0, count: 1 });
      expect(await enter('l', 'a', { weight: 9, at: T0 + 5 })).toEqual({ entry, created: false, spend: null, balance: 0, count: 1 });
      expect(await perks().entryOf('l', 'a')).toEqual(entry);
      expect(await perks().entryOf('l', 'b')).toBeNull();
      expect(await perks().entryCount('l')).toBe(1);
      expect(await perks().entryCount('other')).toBe(0);
    });

    it('a paid entry lowers the balance and writes one ledger entry; entering again charges nothing', async () => {
      const { engine, sink } = current();
      await perks().defineLottery('l');
      await fund('a', 100);
      const first = await enter('l', 'a', { cost: 30 });
      expect(first).toMatchObject({ created: true, balance: 70, count: 1 });
      expect(first.spend).toMatchObject({ key: 'lottery:l:a', memberId: 'a', delta: -30, reason: 'lottery-entry', streamId: 's1', at: T0 });
      expect(await engine.balance('a')).toBe(70);

      const again = await enter('l', 'a', { cost: 30 });
      expect(again).toEqual({ entry: first.entry, created: false, spend: first.spend, balance: 70, count: 1 });
      expect(await engine.balance('a')).toBe(70);

      await perks().flush();
      await engine.flush();
      const spends = (await sink.ledger()).filter((e) => e.key === 'lottery:l:a');
      expect(spends).toEqual([first.spend]);
      expect(await sink.lotteryEntries()).toEqual([first.entry]);
    });

    it('INSUFFICIENT_POINTS changes nothing: no spend, no entry', async () => {
      const { engine, sink } = current();
      await perks().defineLottery('l');
      await fund('a', 10);
      const err = await rejection(enter('l', 'a', { cost: 30 }));
      expect(err.code).toBe(ErrorCode.INSUFFICIENT_POINTS);
      expect(await engine.balance('a')).toBe(10);
      expect(await perks().entryOf('l', 'a')).toBeNull();
      expect(await perks().entryCount('l')).toBe(0);
      await perks().flush();
      expect((await sink.ledger()).map((e) => e.key)).toEqual(['fund:a']);
      expect(await sink.lotteryEntries()).toEqual([]);
      // Topped up, the same member can enter.
      await engine.award({ key: 'more', memberId: 'a', delta: 25, reason: 'adjustment', at: T0 });
      expect(await enter('l', 'a', { cost: 30 })).toMatchObject({ created: true, balance: 5 });
    });

    it('NOT_FOUND for an unknown lottery, CLOSED before entered-before and before the balance check', async () => {
      expect((await rejection(enter('nope', 'a'))).code).toBe(ErrorCode.NOT_FOUND);
      await perks().defineLottery('l');
      await enter('l', 'a');
      await perks().closeLottery('l');
      expect((await rejection(enter('l', 'a'))).code).toBe(ErrorCode.CLOSED);
      expect((await rejection(enter('l', 'b', { cost: 1_000 }))).code).toBe(ErrorCode.CLOSED);
      // defineLottery never reopens a closed lottery.
      await perks().defineLottery('l');
      expect((await rejection(enter('l', 'c'))).code).toBe(ErrorCode.CLOSED);
      expect(await perks().entryCount('l')).toBe(1);
    });
  });

  describe('under concurrency', () => {
    it('200 members entering at once make 200 entries', async () => {
      await perks().defineLottery('l');
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => enter('l', `m${i}`)));
      expect(results.every((r) => r.created)).toBe(true);
      expect(new Set(results.map((r) => r.count))).toEqual(new Set(Array.from({ length: 200 }, (_, i) => i + 1)));
      expect(await perks().entryCount('l')).toBe(200);
    });

    it('one member entering 20 times at once enters once and pays once', async () => {
      const { engine, sink } = current();
      await perks().defineLottery('l');
      await fund('a', 100);
      const results = await Promise.all(Array.from({ length: 20 }, () => enter('l', 'a', { cost: 15 })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const spend = results.find((r) => r.created)!.spend;
      for (const r of results) expect(r).toMatchObject({ entry: results[0]!.entry, spend, balance: 85, count: 1 });
      expect(await engine.balance('a')).toBe(85);
      await perks().flush();
      expect((await sink.ledger()).filter((e) => e.memberId === 'a' && e.delta < 0)).toEqual([spend]);
    });
  });

  describe('closing', () => {
    it('closeLottery returns every entry, is idempotent, and the sink has them all', async () => {
      await perks().defineLottery('l');
      await perks().defineLottery('other');
      const made = await Promise.all(['a', 'b', 'c'].map((m, i) => enter('l', m, { weight: i + 1 })));
      await enter('other', 'a');
      const entries = made.map((r) => r.entry);
      expect(byMember(await perks().closeLottery('l'))).toEqual(byMember(entries));
      expect(byMember(await perks().closeLottery('l'))).toEqual(byMember(entries));
      expect(await perks().entryCount('l')).toBe(3);
      expect((await rejection(enter('l', 'd'))).code).toBe(ErrorCode.CLOSED);
      await perks().flush();
      expect(byMember(await current().sink.lotteryEntries())).toEqual(byMember([...entries, (await perks().entryOf('other', 'a'))!]));
    });

    it('closing an unknown lottery is NOT_FOUND', async () => {
      expect((await rejection(perks().closeLottery('nope'))).code).toBe(ErrorCode.NOT_FOUND);
    });
  });
}
