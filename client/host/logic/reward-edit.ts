/**
 * The reward editor: a reward of the catalogue as the composer's form, and
 * what the host changed in it as a patch (PATCH /api/rewards/:id) that names
 * only the changed fields. The kind, its codes and the credit amount are not
 * editable and never sent. Pure.
 */
import type { RewardView } from '../../../shared/rewards.ts';
import { changedFields } from './form-diff.ts';
import { toLocalInput } from './form-values.ts';
import { BLANK_REWARD_FORM, editableFrom, stockShown, type RewardForm, type RewardPatch } from './reward-form.ts';

const text = (n: number | null): string => (n === null ? '' : String(n));
const localInput = (ms: number | null): string => (ms === null ? '' : toLocalInput(ms));

/** The reward's fields as the inputs show them; the stock as the quick stock edit shows it (the units left). */
export function rewardFormFrom(reward: RewardView): RewardForm {
  return {
    ...BLANK_REWARD_FORM,
    kind: reward.kind,
    title: reward.title,
    description: reward.description ?? '',
    imageUrl: reward.imageUrl ?? '',
    pricePoints: String(reward.pricePoints),
    tierPrices: Object.fromEntries(Object.entries(reward.tierPrices).map(([tierId, points]) => [tierId, String(points)])),
    unlimitedStock: reward.stock === null,
    stock: stockShown(reward),
    perMemberLimit: text(reward.perMemberLimit),
    limitPeriod: reward.periodLimit?.period ?? '',
    periodCount: String(reward.periodLimit?.count ?? 1),
    minTier: reward.minTier ?? '',
    availableFrom: localInput(reward.availableFrom),
    availableUntil: localInput(reward.availableUntil),
    // shown, not edited: the pool's stock hint depends on it
    codeMode: reward.codeMode ?? BLANK_REWARD_FORM.codeMode,
    overlayAlert: reward.overlayAlert,
  };
}

/**
 * The fields whose value differs between the form as opened and as edited
 * (logic/form-diff.ts): not a stock that redemptions lowered meanwhile, nor a
 * time the input rounds to the minute. `tierPrices` goes whole when any
 * tier's price changed (the server replaces the map).
 */
export function rewardPatchFrom(opened: RewardForm, edited: RewardForm): RewardPatch {
  return changedFields(editableFrom(opened), editableFrom(edited));
}

/** Kept here too: the reward editor's tests name it from this module. */
export { sameValue } from './form-diff.ts';
