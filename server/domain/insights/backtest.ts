/**
 * The repurchase model measured honestly (issue 15): a time split on a
 * history. Train on features before `cutoff − 30 days` with the label "ordered
 * in the 30 days up to the cutoff"; then score every member on features
 * before the cutoff and compare with who really ordered in the 30 days
 * after it. The model's top k against the plain recency ranking's top k
 * (most recent buyer first, never-buyers last): precision@k and lift.
 */
import type { GeneratedHistory } from './history-generator.ts';
import { repurchaseProbability, trainRepurchaseModel, type MemberFeatures } from './repurchase-model.ts';

export const HORIZON_DAYS = 30;
/** "Never" stands in for days since an event that never happened: longer than any history here. */
const NEVER_DAYS = 10_000;

export function featuresAt(h: GeneratedHistory, cutoff: number): MemberFeatures[] {
  const f: MemberFeatures[] = Array.from({ length: h.members }, () => ({
    daysSinceOrder: NEVER_DAYS,
    orders: 0,
    spend: 0,
    watches30: 0,
    watches90: 0,
    interactions90: 0,
    daysSinceWatch: NEVER_DAYS,
    neverBought: 1,
  }));
  for (const [m, day, cents] of h.orders) {
    if (day >= cutoff) continue;
    const x = f[m]!;
    x.orders++;
    x.spend += cents;
    x.neverBought = 0;
    x.daysSinceOrder = Math.min(x.daysSinceOrder, cutoff - day);
  }
  for (const [m, day] of h.watches) {
    if (day >= cutoff) continue;
    const x = f[m]!;
    if (cutoff - day <= 30) x.watches30++;
    if (cutoff - day <= 90) x.watches90++;
    x.daysSinceWatch = Math.min(x.daysSinceWatch, cutoff - day);
  }
  for (const [m, day, count] of h.interactions) if (day < cutoff && cutoff - day <= 90) f[m]!.interactions90 += count;
  return f;
}

export function orderedWithin(h: GeneratedHistory, from: number, days: number): boolean[] {
  const out = new Array<boolean>(h.members).fill(false);
  for (const [m, day] of h.orders) if (day >= from && day < from + days) out[m] = true;
  return out;
}

export interface BacktestResult {
  members: number;
  k: number;
  /** Share of members who ordered in the 30 days after the cutoff. */
  baseRate: number;
  precisionModel: number;
  precisionRecency: number;
  /** precisionModel ÷ precisionRecency. */
  lift: number;
}

export function backtest(h: GeneratedHistory, cutoff: number, kShare = 0.05): BacktestResult {
  const trainCutoff = cutoff - HORIZON_DAYS;
  const model = trainRepurchaseModel(featuresAt(h, trainCutoff), orderedWithin(h, trainCutoff, HORIZON_DAYS));
  const now = featuresAt(h, cutoff);
  const truth = orderedWithin(h, cutoff, HORIZON_DAYS);
  const k = Math.max(1, Math.round(h.members * kShare));
  const ids = now.map((_, i) => i);
  const byModel = [...ids].sort((a, b) => repurchaseProbability(model, now[b]!) - repurchaseProbability(model, now[a]!) || a - b);
  const byRecency = [...ids].sort((a, b) => now[a]!.daysSinceOrder - now[b]!.daysSinceOrder || a - b);
  const precision = (ranked: number[]) => ranked.slice(0, k).filter((i) => truth[i]).length / k;
  const precisionModel = precision(byModel);
  const precisionRecency = precision(byRecency);
  return {
    members: h.members,
    k,
    baseRate: truth.filter(Boolean).length / h.members,
    precisionModel,
    precisionRecency,
    lift: precisionRecency > 0 ? precisionModel / precisionRecency : Infinity,
  };
}
