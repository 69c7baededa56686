/**
 * The repurchase model measured honestly (issue 15): a time split on a
 * history. Train on features before `cutoff − 30 days` with the label "ordered
 * in the 30 days up to the cutoff"; then score every member on features
 * before the cutoff and compare with who really ordered in the 30 days
 * after it. The model's top k against the plain recency ranking's top k
 * (most recent buyer first, never-buyers last): precision@k and lift.
 */
import type { GeneratedHistory } from './history-generator.ts';
import { featuresOf, repurchaseProbability, trainRepurchaseModel, type MemberFeatures, type MemberHistory } from './repurchase-model.ts';

export const HORIZON_DAYS = 30;
const DAY = 86_400_000;

/**
 * Every member's features at a cutoff day, by the same code that ranks a
 * seller's members (repurchase-model.ts featuresOf), so the
 * backtest measures the features the route uses: days become instants.
 */
export function featuresAt(h: GeneratedHistory, cutoff: number): MemberFeatures[] {
  return asHistories(h).map((member) => featuresOf(member, cutoff * DAY));
}

/** The generated history as the store's facts: each order and watched show at its day's first instant. */
function asHistories(h: GeneratedHistory): MemberHistory[] {
  const out: MemberHistory[] = Array.from({ length: h.members }, (_, m) => ({ memberId: `m${m}`, displayName: `Member ${m}`, orders: [], shows: [] }));
  const interactions = new Map(h.interactions.map(([m, day, count]) => [`${m}:${day}`, count]));
  for (const [m, day, cents] of h.orders) out[m]!.orders.push([day * DAY, cents]);
  for (const [m, day] of h.watches) out[m]!.shows.push([day * DAY, day * DAY, interactions.get(`${m}:${day}`) ?? 0]);
  return out;
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
