/**
 * The repurchase ranking from a seller's own facts (issue 15): features at
 * two cutoffs — 30 days ago, to train with the label "ordered since", and
 * now, to score — then the model of domain/insights/repurchase-model.ts.
 * Pure over the facts, so it runs wherever they are (the insights worker).
 */
import type { RepurchaseRanking } from '../../shared/insights.ts';
import { FEATURES, featuresOf, repurchaseProbability, repurchaseReasons, trainRepurchaseModel, type MemberHistory } from '../domain/insights/repurchase-model.ts';

export { featuresOf, type MemberHistory } from '../domain/insights/repurchase-model.ts';
export type { RankedMember, RepurchaseRanking } from '../../shared/insights.ts';

export const HORIZON_MS = 30 * 86_400_000;

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
