/**
 * What a room event means, once for the three screens
 * (client/common/room-reducers.ts): stock, entries, draw, presence, and a
 * whole drop or lottery arriving over what a screen holds — in particular
 * late ones (stale pushes, re-reads that raced with pushes).
 */
import { describe, expect, it } from 'vitest';
import type { DropStockEvent } from '../../shared/events.ts';
import type { Drop } from '../../shared/perks.ts';
import * as common from '../../client/common/room-reducers.ts';
import { aDrop, aLottery } from '../support/perk-fixtures.ts';

const T0 = 1000;
const drop = (over: Partial<Drop> = {}) => aDrop({ stockAt: T0, ...over });
const lottery = aLottery;

const stock = (remaining: number, stockAt: number, over: Partial<DropStockEvent> = {}): DropStockEvent => ({
  dropId: 'd1',
  remaining,
  reserved: 5 - remaining,
  confirmed: 0,
  stockAt,
  ...over,
});

describe('stock', () => {
  it('takes the counts of a push: sold out at zero, open again when reservations lapse', () => {
    const sold = common.withStock(drop(), stock(0, T0 + 1));
    expect(sold).toMatchObject({ remaining: 0, reserved: 5, status: 'sold-out', stockAt: T0 + 1 });
    expect(common.withStock(sold, stock(2, T0 + 2))).toMatchObject({ remaining: 2, reserved: 3, status: 'open' });
  });

  it('ignores a push older than the stock held (pushes crossed between processes)', () => {
    const newer = common.withStock(drop(), stock(1, T0 + 20));
    expect(common.withStock(newer, stock(4, T0 + 10))).toBe(newer);
    // as old as what is held: the same moment, taken
    expect(common.withStock(newer, stock(2, T0 + 20)).remaining).toBe(2);
  });

  it('ignores a push older than the whole drop it finds (an HTTP re-read that came in first)', () => {
    const reread = drop({ remaining: 1, reserved: 4, stockAt: T0 + 50 });
    expect(common.withStock(reread, stock(3, T0 + 40))).toBe(reread);
  });

  it('never reopens a closed drop, keeps a scheduled one scheduled, stays within 0..stock', () => {
    expect(common.withStock(drop({ status: 'closed' }), stock(0, T0 + 1)).status).toBe('closed');
    expect(common.withStock(drop({ status: 'scheduled' }), stock(4, T0 + 1)).status).toBe('scheduled');
    expect(common.withStock(drop(), stock(50, T0 + 1)).remaining).toBe(5);
    expect(common.withStock(drop(), stock(-1, T0 + 1)).remaining).toBe(0);
  });

  it('is the same object when a push changes nothing', () => {
    const d = drop();
    expect(common.withStock(d, stock(5, T0, { reserved: 0 }))).toBe(d);
  });
});

describe('a whole drop over the one held', () => {
  it('takes the newer record', () => {
    expect(common.mergeDrop(undefined, drop())).toEqual(drop());
    expect(common.mergeDrop(drop(), drop({ title: 'Renamed', remaining: 3, stockAt: T0 + 1 }))).toMatchObject({ title: 'Renamed', remaining: 3 });
  });

  it('keeps the fresher stock a push brought while the re-read was under way', () => {
    const pushed = common.withStock(drop(), stock(0, T0 + 30));
    const reread = drop({ remaining: 2, reserved: 3, stockAt: T0 + 20 });
    expect(common.mergeDrop(pushed, reread)).toMatchObject({ remaining: 0, reserved: 5, stockAt: T0 + 30, status: 'sold-out' });
  });

  it('never reopens a closed drop', () => {
    const closed = drop({ status: 'closed', closedAt: 9 });
    expect(common.mergeDrop(closed, drop({ remaining: 3, stockAt: T0 + 1 }))).toMatchObject({ status: 'closed', closedAt: 9, remaining: 3 });
  });
});

describe('lotteries', () => {
  it('entry counts only grow: a lower count is stale', () => {
    const l = common.withEntries(lottery(), { lotteryId: 'l1', count: 5 });
    expect(l.entries).toBe(5);
    expect(common.withEntries(l, { lotteryId: 'l1', count: 3 })).toBe(l);
    expect(common.withEntries(l, { lotteryId: 'l1', count: 5 })).toBe(l);
    expect(common.mergeLottery(l, lottery({ entries: 2 })).entries).toBe(5);
  });

  it('a cancellation is final: a late open copy does not reopen it', () => {
    const cancelled = lottery({ status: 'cancelled', cancelledAt: T0, entries: 3 });
    expect(common.mergeLottery(cancelled, lottery({ entries: 3 }))).toBe(cancelled);
    expect(common.mergeLottery(cancelled, lottery({ entries: 4 }))).toMatchObject({ status: 'cancelled', entries: 4 });
  });

  it('a draw is final: a late open copy keeps the winners, with the higher count', () => {
    const winners = [{ memberId: 'm2', displayName: 'Mei' }];
    const drawn = common.withDraw(lottery({ entries: 3 }), { lotteryId: 'l1', winners }, T0);
    expect(drawn).toMatchObject({ status: 'drawn', drawnAt: T0, winnerList: winners });
    expect(common.mergeLottery(drawn, lottery({ entries: 3 }))).toBe(drawn);
    expect(common.mergeLottery(drawn, lottery({ entries: 4 }))).toMatchObject({ status: 'drawn', winnerList: winners, entries: 4 });
    // a record that already carries drawnAt keeps it
    expect(common.withDraw(lottery({ drawnAt: 7 }), { lotteryId: 'l1', winners }, T0).drawnAt).toBe(7);
  });
});

describe('presence', () => {
  it('takes the latest counts; the same object when nothing changed', () => {
    const p = { viewers: 3, members: 1 };
    expect(common.withPresence(p, { streamId: 's1', viewers: 3, members: 1 })).toBe(p);
    expect(common.withPresence(p, { streamId: 's1', viewers: 9, members: 2 })).toEqual({ viewers: 9, members: 2 });
  });
});

describe('where the apps keep them', () => {
  it('lists: changed by id, merged in newest first, replaced with what is fresher kept', () => {
    const a = drop({ id: 'a', createdAt: 1 });
    const b = drop({ id: 'b', createdAt: 2 });
    const list = common.upsertById([a], b, common.mergeDrop);
    expect(list.map((d) => d.id)).toEqual(['b', 'a']);
    expect(common.updateById(list, 'zz', (d) => ({ ...d }))).toBe(list);
    expect(common.updateById(list, 'a', (d) => d)).toBe(list);
    const fresher = common.withStock(a, { ...stock(1, T0 + 9), dropId: 'a' });
    const reread = common.replaceAll([fresher, b], [drop({ id: 'a', createdAt: 1, stockAt: T0 + 1 })], common.mergeDrop);
    expect(reread.map((d) => [d.id, d.remaining])).toEqual([['a', 1]]);
  });

  it('records: changed by id; the same record when there is no such entry or nothing changed', () => {
    const rec = { l1: lottery() };
    expect(common.updateIn(rec, 'nope', (l) => common.withEntries(l, { lotteryId: 'nope', count: 1 }))).toBe(rec);
    expect(common.updateIn(rec, 'l1', (l) => common.withEntries(l, { lotteryId: 'l1', count: 0 }))).toBe(rec);
    expect(common.updateIn(rec, 'l1', (l) => common.withEntries(l, { lotteryId: 'l1', count: 2 })).l1!.entries).toBe(2);
  });
});
