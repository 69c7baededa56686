/**
 * The repurchase model's backtest at a small size (issue 15's done-when): on
 * a generated history with known behaviour, ranked by the model, the top 5%
 * of members holds more of the next 30 days' buyers than the plain recency
 * ranking (lift above 1), and more than chance. The full-size figures are in
 * docs/INSIGHTS.md (bench/repurchase-backtest.ts).
 */
import { describe, expect, it } from 'vitest';
import { backtest, featuresAt, orderedWithin } from '../../server/domain/insights/backtest.ts';
import { generateHistory, seededRandom } from '../../server/domain/insights/history-generator.ts';
import { repurchaseReasons, trainRepurchaseModel } from '../../server/domain/insights/repurchase-model.ts';

describe('repurchase model', () => {
  it('the same seed is the same history', () => {
    expect(generateHistory({ members: 50, days: 60, seed: 7 })).toEqual(generateHistory({ members: 50, days: 60, seed: 7 }));
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('beats the recency ranking and chance on a time split (3,000 members, 240 days)', () => {
    const history = generateHistory({ members: 3_000, days: 240, seed: 2026 });
    const result = backtest(history, 200);
    expect(result.baseRate).toBeGreaterThan(0.02);
    expect(result.lift).toBeGreaterThan(1);
    expect(result.precisionModel).toBeGreaterThan(result.baseRate * 2);
  });

  it('learns that frequent, recent watchers buy again, and says so in its reasons', () => {
    const history = generateHistory({ members: 2_000, days: 200, seed: 11 });
    const model = trainRepurchaseModel(featuresAt(history, 170), orderedWithin(history, 170, 30));
    const loyal = { daysSinceOrder: 5, orders: 6, spend: 400_000, watches30: 12, watches90: 35, interactions90: 90, daysSinceWatch: 1, neverBought: 0 };
    const reasons = repurchaseReasons(model, loyal);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r !== 'neverBought')).toBe(true);
  });
});

describe("a member's features from the store's facts", () => {
  it('counts what came before the cutoff, in days, shows and cents', async () => {
    const { featuresOf } = await import('../../server/insights/repurchase-ranking.ts');
    const DAY = 86_400_000;
    const now = Date.UTC(2026, 10, 26);
    const history = {
      memberId: 'm',
      displayName: 'M',
      orders: [
        [now - 40 * DAY, 10_000],
        [now - 3 * DAY, 25_000],
        [now + DAY, 99_000], // after the cutoff: not seen
      ] as Array<[number, number]>,
      shows: [
        [now - 100 * DAY, now - 100 * DAY + 3_600_000, 9],
        [now - 60 * DAY, now - 60 * DAY + 3_600_000, 4],
        [now - 10 * DAY, now - 10 * DAY + 1_800_000, 2],
      ] as Array<[number, number, number]>,
    };
    expect(featuresOf(history, now)).toEqual({ daysSinceOrder: 3, orders: 2, spend: 35_000, watches30: 1, watches90: 2, interactions90: 6, daysSinceWatch: 9, neverBought: 0 });
    expect(featuresOf({ ...history, orders: [], shows: [] }, now)).toMatchObject({ orders: 0, neverBought: 1, daysSinceOrder: 10_000, daysSinceWatch: 10_000 });
  });
});
