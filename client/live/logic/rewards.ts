/**
 * The rewards store as one member sees it (issue 13): what a reward costs
 * them, why they cannot redeem it now, how much of their limit they used, and
 * their redemptions kept newest first. Pure: the time is an argument (server
 * time). The reasons follow the server's order (reward-service.ts, then
 * server/domain/redemption.ts), so the button says what a tap would answer.
 */
import { tierAllowed } from '../../../shared/domain/tier-ladder.ts';
import type { LimitPeriod, Redemption, RewardView } from '../../../shared/rewards.ts';

export type RedeemBlock =
  | 'guest' // join to redeem
  | 'tier-too-low'
  | 'closed' // archived or past availableUntil
  | 'not-open' // before availableFrom
  | 'sold-out'
  | 'limit' // perMemberLimit used up
  | 'period-limit' // periodLimit used up for this day/week/month
  | 'insufficient'; // balance below the price

export interface RewardMember {
  tierId: string;
  balance: number;
}

/** Only the order of the tier ids matters (lowest first, as the rules list them). */
export type TierLadder = { readonly tiers: readonly { id: string }[] };

export interface RewardCardView {
  /** what a redemption costs this member (their tier's price, else the base price) */
  price: number;
  /** the base price, when the member's tier price differs from it */
  basePrice: number | null;
  /** why the Redeem button is disabled (null: it is not) */
  block: RedeemBlock | null;
  /** points still missing, when the block is 'insufficient' */
  shortBy: number;
  /** the member's use of a per-member limit */
  limitUse: { used: number; limit: number } | null;
  /** the member's use of a per-period limit, in the current period */
  periodUse: { used: number; count: number; period: LimitPeriod } | null;
}

export function rewardPrice(reward: Pick<RewardView, 'pricePoints' | 'tierPrices'>, tierId: string | null): number {
  return (tierId !== null ? reward.tierPrices[tierId] : undefined) ?? reward.pricePoints;
}

/**
 * One reward for one member at `now`. A guest sees the base price and the
 * 'guest' block; a catalogue read before sign-in has no `mine`, which counts
 * as nothing redeemed (the read after sign-in brings the real counts).
 */
export function rewardCardView(reward: RewardView, member: RewardMember | null, ladder: TierLadder | null, now: number): RewardCardView {
  const price = rewardPrice(reward, member?.tierId ?? null);
  const mine = reward.mine ?? { total: 0, thisPeriod: 0 };
  const limitUse = member && reward.perMemberLimit !== null ? { used: mine.total, limit: reward.perMemberLimit } : null;
  const periodUse = member && reward.periodLimit !== null ? { used: mine.thisPeriod, ...reward.periodLimit } : null;
  const block = redeemBlock(reward, member, ladder, now, price);
  return {
    price,
    basePrice: price !== reward.pricePoints ? reward.pricePoints : null,
    block,
    shortBy: block === 'insufficient' && member ? price - member.balance : 0,
    limitUse,
    periodUse,
  };
}

function redeemBlock(reward: RewardView, member: RewardMember | null, ladder: TierLadder | null, now: number, price: number): RedeemBlock | null {
  if (!member) return 'guest';
  // Without the rules yet, the tier is left to the server to judge.
  if (ladder && !tierAllowed(ladder, reward.minTier, { id: member.tierId })) return 'tier-too-low';
  if (reward.archived || (reward.availableUntil !== null && now >= reward.availableUntil)) return 'closed';
  if (reward.availableFrom !== null && now < reward.availableFrom) return 'not-open';
  if (reward.left !== null && reward.left <= 0) return 'sold-out';
  const mine = reward.mine ?? { total: 0, thisPeriod: 0 };
  if (reward.perMemberLimit !== null && mine.total >= reward.perMemberLimit) return 'limit';
  if (reward.periodLimit !== null && mine.thisPeriod >= reward.periodLimit.count) return 'period-limit';
  if (member.balance < price) return 'insufficient';
  return null;
}

/**
 * A redemption heard of (redeem reply, push or read) merged into the list,
 * newest first. A settled redemption never goes back to pending, so of two
 * copies the later `updatedAt` wins (a push may overtake the reply it follows).
 */
export function mergeRedemption(list: readonly Redemption[], redemption: Redemption): Redemption[] {
  const known = list.find((r) => r.id === redemption.id);
  if (known && known.updatedAt > redemption.updatedAt) return list as Redemption[];
  if (known && known.updatedAt === redemption.updatedAt && known.status === redemption.status) return list as Redemption[];
  const rest = list.filter((r) => r.id !== redemption.id);
  return newestFirst([...rest, redemption]);
}

/** The member's redemptions as just read, with anything pushed meanwhile that is fresher kept. */
export function mergeRedemptionsRead(list: readonly Redemption[], read: readonly Redemption[]): Redemption[] {
  return read.reduce<Redemption[]>((acc, r) => mergeRedemption(acc, r), [...list]);
}

function newestFirst(list: Redemption[]): Redemption[] {
  return list.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}
