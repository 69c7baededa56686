/**
 * The repurchase model's backtest at full size (issue 15): generated
 * histories (server/domain/insights/history-generator.ts), a 30-day time
 * split, the model's top 5% against the recency ranking's. Prints one line
 * per seed and the mean; the figures go to docs/INSIGHTS.md.
 *   npx tsx bench/repurchase-backtest.ts [members=50000] [days=365] [seeds=3]
 */
import { backtest, type BacktestResult } from '../server/domain/insights/backtest.ts';
import { generateHistory } from '../server/domain/insights/history-generator.ts';

const [members = 50_000, days = 365, seeds = 3] = process.argv.slice(2).map(Number);
const results: BacktestResult[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const started = performance.now();
  const r = backtest(generateHistory({ members, days, seed }), days - 30);
  results.push(r);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `seed ${seed}: ${members} members, ${days} days, k=${r.k}: base rate ${pct(r.baseRate)}, precision@k model ${pct(r.precisionModel)}, recency ${pct(r.precisionRecency)}, lift ${r.lift.toFixed(2)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
const mean = (f: (r: BacktestResult) => number) => results.reduce((s, r) => s + f(r), 0) / results.length;
console.log(`mean: precision@k model ${(mean((r) => r.precisionModel) * 100).toFixed(1)}%, recency ${(mean((r) => r.precisionRecency) * 100).toFixed(1)}%, lift ${mean((r) => r.lift).toFixed(2)}`);
