/** Points expiry over a scripted history (issue 13): oldest first, spends use the oldest, each lot expires once. */
import { describe, expect, it } from 'vitest';
import { DAY_MS, nextExpiring, walkLots } from '../../server/domain/points-expiry.ts';
import type { LedgerEntry } from '../../shared/models.ts';

const T0 = Date.UTC(2026, 0, 1, 4, 0, 0);
let n = 0;
const entry = (delta: number, day: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: `e${++n}`,
  key: `k${n}`,
  memberId: 'm1',
  delta,
  reason: delta > 0 ? 'purchase' : 'reward',
  streamId: null,
  at: T0 + day * DAY_MS,
  ...over,
});

describe('points expiry', () => {
  it('expires what is left of each lot on its day, after spends used the oldest first', () => {
    const a = entry(100, 0);
    const b = entry(50, 10);
    const history = [a, b, entry(-120, 20)]; // uses all of a, 20 of b
    expect(walkLots(history, T0 + 35 * DAY_MS, 30).due).toEqual([]); // a was used up before its day
    expect(walkLots(history, T0 + 39 * DAY_MS, 30).due).toEqual([]);
    expect(walkLots(history, T0 + 40 * DAY_MS, 30).due).toEqual([{ key: `expiry:${b.id}`, points: 30, at: T0 + 40 * DAY_MS }]);
    expect(nextExpiring(walkLots(history, T0 + 35 * DAY_MS, 30).lots)).toEqual({ points: 30, at: T0 + 40 * DAY_MS });
  });

  it('the oldest points go first, later ones keep their own day; a spend on the day cannot use what expired', () => {
    const a = entry(100, 0);
    const c = entry(20, 29);
    const history = [a, entry(-30, 5), c, entry(-10, 30)];
    const { due, lots } = walkLots(history, T0 + 30 * DAY_MS, 30);
    expect(due).toEqual([{ key: `expiry:${a.id}`, points: 70, at: T0 + 30 * DAY_MS }]);
    expect(lots).toEqual([expect.objectContaining({ entryId: c.id, left: 10 })]); // the spend on day 30 came out of c
  });

  it('an expiry on record is not due again, and the walk stays the same after it', () => {
    const a = entry(100, 0);
    const history = [a, entry(-40, 3)];
    const { due } = walkLots(history, T0 + 31 * DAY_MS, 30);
    expect(due).toEqual([{ key: `expiry:${a.id}`, points: 60, at: T0 + 30 * DAY_MS }]);
    const applied = [...history, entry(-60, 30, { key: due[0]!.key, reason: 'expiry' })];
    expect(walkLots(applied, T0 + 31 * DAY_MS, 30)).toEqual({ lots: [], due: [] });
    // A later earning is its own lot, untouched.
    const later = entry(25, 31);
    expect(walkLots([...applied, later], T0 + 60 * DAY_MS, 30)).toEqual({ lots: [expect.objectContaining({ entryId: later.id, left: 25 })], due: [] });
  });

  it('keeps balance == what the lots hold + nothing negative, on random histories', () => {
    for (let run = 0; run < 200; run++) {
      const history: LedgerEntry[] = [];
      let balance = 0;
      for (let day = 0; day < 90; day += 1 + Math.floor(Math.random() * 5)) {
        const earn = Math.random() < 0.6;
        const amount = 1 + Math.floor(Math.random() * 50);
        if (earn) history.push(entry(amount, day));
        else {
          // Spend only what is there after expiries so far (as the engine would refuse otherwise).
          const { lots, due } = walkLots(history, T0 + day * DAY_MS, 30);
          for (const d of due) history.push(entry(-d.points, (d.at - T0) / DAY_MS, { key: d.key, reason: 'expiry' }));
          const left = lots.reduce((s, l) => s + l.left, 0);
          if (left > 0) history.push(entry(-Math.min(left, amount), day));
        }
      }
      const { lots, due } = walkLots(history, T0 + 200 * DAY_MS, 30);
      balance = history.reduce((s, e) => s + e.delta, 0) - due.reduce((s, d) => s + d.points, 0);
      expect(balance).toBe(lots.reduce((s, l) => s + l.left, 0));
      expect(balance).toBe(0); // after 200 days everything from the first 90 has expired or been spent
    }
  });
});
