/**
 * The reward composer's form, as typed, to the create body (POST /api/rewards)
 * and to the editable fields the editor compares (logic/reward-edit.ts), and
 * the quick stock edit to its patch. Numbers stay text until submit; a
 * field that does not belong to the chosen kind is never sent (the server
 * refuses a field that does not fit the kind). Pure.
 */
import type { z } from 'zod';
import type { CreateRewardBody, LimitPeriod, PatchRewardBody, Reward, RewardKind } from '../../../shared/rewards.ts';
import { centsFrom, fromLocalInput, numberFrom, textFrom } from './form-values.ts';

export type RewardInput = z.input<typeof CreateRewardBody>;
export type RewardPatch = z.input<typeof PatchRewardBody>;

export interface RewardForm {
  kind: RewardKind;
  title: string;
  description: string;
  imageUrl: string;
  pricePoints: string;
  /** per tier id; '' = the tier pays `pricePoints` */
  tierPrices: Record<string, string>;
  unlimitedStock: boolean;
  stock: string;
  /** '' = no limit */
  perMemberLimit: string;
  /** '' = no per-period limit */
  limitPeriod: LimitPeriod | '';
  periodCount: string;
  /** '' = every tier */
  minTier: string;
  /** `<input type="datetime-local">` values; '' = no bound */
  availableFrom: string;
  availableUntil: string;
  /** coupon and shipping only */
  codeMode: 'pool' | 'shared';
  sharedCode: string;
  /** credit only: the amount as typed ("150" or "150.50") and its currency */
  creditAmount: string;
  currency: string;
  /** announce each redemption on the live show's overlay */
  overlayAlert: boolean;
}

export const BLANK_REWARD_FORM: RewardForm = {
  kind: 'item',
  title: '',
  description: '',
  imageUrl: '',
  pricePoints: '',
  tierPrices: {},
  unlimitedStock: false,
  stock: '10',
  perMemberLimit: '',
  limitPeriod: '',
  periodCount: '1',
  minTier: '',
  availableFrom: '',
  availableUntil: '',
  codeMode: 'pool',
  sharedCode: '',
  creditAmount: '',
  currency: 'TWD',
  overlayAlert: false,
};

/** Kinds that hand out a code (uploaded one each, or one shared by everyone). */
export const hasCodes = (kind: RewardKind): boolean => kind === 'coupon' || kind === 'shipping';

/**
 * The fields a reward keeps editable (PATCH /api/rewards/:id), as the form
 * holds them: a blank optional field is null — no description or image, no
 * limit, every tier, no bound. Junk becomes NaN so the shared schema names
 * the field. Two blanks are refused instead: a price (null, "Required" — left
 * out, a patch would silently keep the old price) and a counted stock (NaN —
 * null would read as "unlimited", which the host did not choose).
 */
export function editableFrom(form: RewardForm) {
  return {
    title: form.title.trim(),
    description: textFrom(form.description) ?? null,
    imageUrl: textFrom(form.imageUrl) ?? null,
    pricePoints: (numberFrom(form.pricePoints) ?? null) as number,
    tierPrices: tierPricesFrom(form.tierPrices),
    stock: form.unlimitedStock ? null : (numberFrom(form.stock) ?? Number.NaN),
    perMemberLimit: numberFrom(form.perMemberLimit) ?? null,
    periodLimit: form.limitPeriod ? { period: form.limitPeriod, count: numberFrom(form.periodCount) as number } : null,
    minTier: form.minTier || null,
    availableFrom: fromLocalInput(form.availableFrom) ?? null,
    availableUntil: fromLocalInput(form.availableUntil) ?? null,
    overlayAlert: form.overlayAlert,
  } satisfies RewardPatch;
}

/**
 * The create body: the editable fields (a blank description or image left
 * out, as the create schema wants) and what only the kind has. A field that
 * does not belong to the chosen kind is never sent.
 */
export function rewardBodyFrom(form: RewardForm): RewardInput {
  const { description, imageUrl, ...rest } = editableFrom(form);
  const coded = hasCodes(form.kind);
  const shared = coded && form.codeMode === 'shared';
  const credit = form.kind === 'credit';
  return {
    kind: form.kind,
    ...rest,
    description: description ?? undefined,
    imageUrl: imageUrl ?? undefined,
    ...(coded ? { codeMode: form.codeMode } : {}),
    ...(shared ? { sharedCode: textFrom(form.sharedCode) } : {}),
    ...(credit ? { creditCents: centsFrom(form.creditAmount), currency: form.currency } : {}),
  };
}

/** Only the tiers given a price; the rest pay the base price. */
function tierPricesFrom(prices: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [tierId, text] of Object.entries(prices)) {
    const points = numberFrom(text);
    if (points !== undefined) out[tierId] = points;
  }
  return out;
}

/**
 * What the quick stock edit starts from: the units left now ('' = unlimited).
 * A reward's `stock` is the figure last set; `left` is what redemptions left
 * of it — except for a code pool, where `left` is also capped by the unused
 * codes, so the stock last set is the better figure there.
 */
export function stockShown(reward: Pick<Reward, 'stock' | 'codeMode'> & { left: number | null }): string {
  if (reward.stock === null) return '';
  return String(reward.codeMode === 'pool' || reward.left === null ? reward.stock : reward.left);
}

/** The quick stock edit: units left from now on; blank = unlimited. */
export function stockPatchFrom(text: string): RewardPatch {
  return { stock: numberFrom(text) ?? null };
}
