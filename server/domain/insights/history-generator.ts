/**
 * A generated seller history with known behaviour (issue 15), for the
 * repurchase model's backtest: members with a hidden loyalty (most low, a
 * few high), shows every other day, watching and interaction driven by
 * loyalty, orders more likely the more loyal the member and right after
 * watching, and members who drift away (after their own churn day they do
 * almost nothing). Seeded, so the same seed is the same history. What a
 * good ranking must discover: loyalty shows in frequency, recent watching
 * and interaction, and a member who stopped watching is less likely to buy
 * even if they bought recently.
 */

export interface GeneratedHistory {
  members: number;
  days: number;
  /** [member, day] a show was watched. */
  watches: Array<[number, number]>;
  /** [member, day, count] interactions in a watched show. */
  interactions: Array<[number, number, number]>;
  /** [member, day, cents] orders. */
  orders: Array<[number, number, number]>;
}

/** mulberry32: a small, well-known seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateHistory(options: { members: number; days: number; seed: number }): GeneratedHistory {
  const random = seededRandom(options.seed);
  const history: GeneratedHistory = { members: options.members, days: options.days, watches: [], interactions: [], orders: [] };
  for (let m = 0; m < options.members; m++) {
    const loyalty = random() ** 3; // most low, a few high
    const churnDay = random() < 0.4 ? Math.floor(random() * options.days) : Infinity;
    let lastWatch = -Infinity;
    for (let day = 0; day < options.days; day++) {
      const fading = day >= churnDay ? 0.08 : 1;
      if (day % 2 === 0 && random() < (0.05 + 0.7 * loyalty) * fading) {
        history.watches.push([m, day]);
        lastWatch = day;
        const count = Math.floor(random() * 6 * loyalty + random() * 1.5);
        if (count > 0) history.interactions.push([m, day, count]);
      }
      const afterWatching = day - lastWatch <= 3 ? 2.5 : 1;
      if (random() < (0.001 + 0.02 * loyalty) * afterWatching * fading) {
        history.orders.push([m, day, Math.round(50_000 * (0.5 + random()) * (1 + loyalty))]);
      }
    }
  }
  return history;
}
