/**
 * The repurchase ranking from a seller's own facts (issue 15): features at
 * two cutoffs — 30 days ago, to train with the label "ordered since", and
 * now, to score — then the model of domain/insights/repurchase-model.ts.
 * Pure over the facts, so it runs wherever they are (the insights worker).
 */
import { FEATURES, repurchaseProbability, repurchaseReasons, trainRepurchaseModel, type Feature, type MemberFeatures } from '../domain/insights/repurchase-model.ts';

const DAY = 86_400_000;
export const HORIZON_MS = 30 * DAY;
const NEVER_DAYS = 10_000;

/** What the store knows of each member up to now: their orders and their shows. */
export interface MemberHistory {
  memberId: string;
  displayName: string;
  /** [paidAt, cents] */
  orders: Array<[number, number]>;
  /** [firstAt, lastAt, interactions] per show watched (watch time above zero). */
  shows: Array<[number, number, number]>;
}

export interface RankedMember {
  memberId: string;
  displayName: string;
  probability: number;
  reasons: Feature[];
}

export interface RepurchaseRanking {
  /** When the ranking was made, and how many members the model learned from and how many of them ordered in the label window. */
  at: number;
  trainedOn: number;
  positives: number;
  members: RankedMember[];
}

export function featuresOf(h: MemberHistory, cutoff: number): MemberFeatures {
  const days = (t: number) => Math.floor((cutoff - t) / DAY);
  const orders = h.orders.filter(([at]) => at < cutoff);
  const shows = h.shows.filter(([first]) => first < cutoff);
  const lastOrder = Math.max(-Infinity, ...orders.map(([at]) => at));
  const lastWatch = Math.max(-Infinity, ...shows.map(([, last]) => Math.min(last, cutoff)));
  return {
    daysSinceOrder: orders.length ? days(lastOrder) : NEVER_DAYS,
    orders: orders.length,
    spend: orders.reduce((s, [, cents]) => s + cents, 0),
    watches30: shows.filter(([first]) => cutoff - first <= 30 * DAY).length,
    watches90: shows.filter(([first]) => cutoff - first <= 90 * DAY).length,
    interactions90: shows.filter(([first]) => cutoff - first <= 90 * DAY).reduce((s, [, , n]) => s + n, 0),
    daysSinceWatch: shows.length ? days(lastWatch) : NEVER_DAYS,
    neverBought: orders.length ? 0 : 1,
  };
}

export function rankRepurchase(histories: MemberHistory[], now: number, limit: number): RepurchaseRanking {
  const trainAt = now - HORIZON_MS;
  const labels = histories.map((h) => h.orders.some(([at]) => at >= trainAt && at < now));
  const model = trainRepurchaseModel(
    histories.map((h) => featuresOf(h, trainAt)),
    labels,
  );
  const members = histories
    .map((h) => {
      const f = featuresOf(h, now);
      return { memberId: h.memberId, displayName: h.displayName, probability: repurchaseProbability(model, f), reasons: repurchaseReasons(model, f) };
    })
    .sort((a, b) => b.probability - a.probability || (a.memberId < b.memberId ? -1 : 1))
    .slice(0, limit);
  return { at: now, trainedOn: histories.length, positives: labels.filter(Boolean).length, members };
}

export { FEATURES };
