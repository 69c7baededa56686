/**
 * Redeeming a reward (issue 13), as pure rules: the redemption decision —
 * spend, stock, per-member and per-period limits and the code handed out,
 * all in one step, idempotent by requestId — and the host's fulfil and
 * reject (which gives the points back once). Each takes the state it reads
 * and returns the reply with the writes that make it true; an engine loads
 * the state, decides with these and stores the writes atomically, so "a
 * coupon is never given twice" is a property of this file.
 *
 * Tier and price are the service's (the tier's price arrives in the
 * request); the period key is computed from the rules' time zone
 * (reward-periods.ts) before the step.
 */
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import type { LimitPeriod, Redemption, RewardKind } from '../../shared/rewards.ts';
import { decideRefund, decideSpend, type LedgerWrites } from './ledger.ts';

/** What the decision needs of a reward: its rules and its stock as it stands. */
export interface RewardStock {
  id: string;
  kind: RewardKind;
  /** Units left; null: unlimited. */
  stock: number | null;
  perMemberLimit: number | null;
  periodLimit: { period: LimitPeriod; count: number } | null;
  codeMode: 'pool' | 'shared' | null;
  sharedCode: string | null;
  availableFrom: number | null;
  availableUntil: number | null;
  archived: boolean;
}

export interface RedeemRequest {
  rewardId: string;
  memberId: string;
  requestId: string;
  at: number;
  /** The price for this member's tier. */
  pricePoints: number;
  /** The period this redemption counts in (null when the reward has no period limit). */
  period: string | null;
  /** Used only when a new redemption is made. */
  redemptionId: string;
  ledgerKey: string;
  spendEntryId: string;
  reason: LedgerReason;
}

export interface RedemptionState {
  /** null: unknown reward. */
  reward: RewardStock | null;
  /** Every redemption of this member of this reward, whatever its status (the replay and the limits read them). */
  memberRedemptions: Redemption[];
  /** The pool's next unused code (pool mode), or null when the pool is empty. */
  nextPoolCode: string | null;
  /** The ledger entry already under the request's key (never expected without its redemption; decideSpend replays it). */
  spendOnRecord: LedgerEntry | null;
  balance: number;
}

export type RedeemRefusal = 'NOT_FOUND' | 'NOT_OPEN' | 'CLOSED' | 'SOLD_OUT' | 'LIMIT_REACHED' | 'INSUFFICIENT_POINTS';

export interface RedemptionWrites {
  redemption: Redemption;
  spend: LedgerWrites | null;
  /** −1 when the reward's stock is counted, else 0. */
  stockDelta: number;
  /** The pool code now taken (never handed out again), or null. */
  takenCode: string | null;
}

export type RedeemDecision =
  | { ok: true; redemption: Redemption; replayed: boolean; balance: number; writes: RedemptionWrites | null }
  | { ok: false; refusal: RedeemRefusal };

/** Pending and fulfilled redemptions hold a unit and count against the limits; rejected ones give both back. */
export function countsAgainstLimits(r: Redemption): boolean {
  return r.status !== 'rejected';
}

/** Issued at once when there is a code to give or credit to send; otherwise the host fulfils it by hand. */
function issuedAtOnce(kind: RewardKind, code: string | null): boolean {
  return code !== null || kind === 'credit';
}

/**
 * The redemption decision, in this order:
 * 1. a known (reward, member, requestId) returns its redemption, whatever changed since;
 * 2. unknown reward → NOT_FOUND; archived or past its window → CLOSED; before it → NOT_OPEN;
 * 3. no stock, or a pool with no code left → SOLD_OUT;
 * 4. the member's total, then their redemptions in this period, at the limit → LIMIT_REACHED;
 * 5. a balance below the price → INSUFFICIENT_POINTS (the ledger's spend rule);
 * 6. else the spend, one unit, the next code and the redemption, together.
 * Refusals are not remembered: the same requestId may succeed later.
 */
export function decideRedemption(state: RedemptionState, r: RedeemRequest): RedeemDecision {
  const known = state.memberRedemptions.find((x) => x.requestId === r.requestId);
  if (known) return { ok: true, redemption: known, replayed: true, balance: state.balance, writes: null };
  const reward = state.reward;
  if (!reward) return { ok: false, refusal: 'NOT_FOUND' };
  if (reward.archived || (reward.availableUntil !== null && r.at >= reward.availableUntil)) return { ok: false, refusal: 'CLOSED' };
  if (reward.availableFrom !== null && r.at < reward.availableFrom) return { ok: false, refusal: 'NOT_OPEN' };
  if (reward.stock !== null && reward.stock <= 0) return { ok: false, refusal: 'SOLD_OUT' };
  if (reward.codeMode === 'pool' && state.nextPoolCode === null) return { ok: false, refusal: 'SOLD_OUT' };
  const holding = state.memberRedemptions.filter(countsAgainstLimits);
  if (reward.perMemberLimit !== null && holding.length >= reward.perMemberLimit) return { ok: false, refusal: 'LIMIT_REACHED' };
  if (reward.periodLimit !== null && holding.filter((x) => x.period === r.period).length >= reward.periodLimit.count) {
    return { ok: false, refusal: 'LIMIT_REACHED' };
  }
  let spend: LedgerWrites | null = null;
  let balance = state.balance;
  if (r.pricePoints > 0) {
    const spent = decideSpend(
      { stored: state.spendOnRecord, balance: state.balance },
      { key: r.ledgerKey, memberId: r.memberId, cost: r.pricePoints, reason: r.reason, streamId: null, at: r.at },
      r.spendEntryId,
    );
    if (spent.kind === 'refused') return { ok: false, refusal: spent.refusal };
    spend = spent.kind === 'apply' ? spent.writes : null;
    balance = spent.result.balance;
  }
  const code = reward.codeMode === 'pool' ? state.nextPoolCode : reward.codeMode === 'shared' ? reward.sharedCode : null;
  const redemption: Redemption = {
    id: r.redemptionId,
    rewardId: r.rewardId,
    memberId: r.memberId,
    requestId: r.requestId,
    pricePoints: r.pricePoints,
    ledgerKey: r.ledgerKey,
    code,
    status: issuedAtOnce(reward.kind, code) ? 'fulfilled' : 'pending',
    period: r.period,
    createdAt: r.at,
    updatedAt: r.at,
  };
  return {
    ok: true,
    redemption,
    replayed: false,
    balance,
    writes: { redemption, spend, stockDelta: reward.stock === null ? 0 : -1, takenCode: reward.codeMode === 'pool' ? code : null },
  };
}

export type SettleRefusal = 'NOT_FOUND' | 'CONFLICT';

export interface SettleWrites {
  redemption: Redemption;
  /** The points given back (reject only; null when the redemption was free or its return is on record). */
  refund: LedgerWrites | null;
  /** +1 when a rejected redemption's unit goes back to a counted stock. */
  stockDelta: number;
}

export type SettleDecision =
  | { ok: true; redemption: Redemption; replayed: boolean; writes: SettleWrites | null }
  | { ok: false; refusal: SettleRefusal };

/** The host fulfils a pending redemption by hand; fulfilling again is the same answer; a rejected one is a CONFLICT. */
export function decideFulfil(redemption: Redemption | null, at: number): SettleDecision {
  if (!redemption) return { ok: false, refusal: 'NOT_FOUND' };
  if (redemption.status === 'fulfilled') return { ok: true, redemption, replayed: true, writes: null };
  if (redemption.status === 'rejected') return { ok: false, refusal: 'CONFLICT' };
  const fulfilled: Redemption = { ...redemption, status: 'fulfilled', updatedAt: at };
  return { ok: true, redemption: fulfilled, replayed: false, writes: { redemption: fulfilled, refund: null, stockDelta: 0 } };
}

export interface RejectInput {
  at: number;
  /** `<ledgerKey>:return`: at most one return per redemption, however often the reject is sent. */
  returnKey: string;
  returnEntryId: string;
  reason: LedgerReason;
  /** Whether the reward's stock is counted (a unit goes back) — false for unlimited ones. */
  stockCounted: boolean;
}

/**
 * The host rejects a pending redemption: it becomes rejected, its points come
 * back through a refund entry keyed once per redemption, and its unit returns
 * to a counted stock (a pool code already taken is not handed out again).
 * Rejecting again is the same answer and gives nothing back twice; a
 * fulfilled redemption cannot be rejected (CONFLICT).
 */
export function decideReject(redemption: Redemption | null, returnOnRecord: LedgerEntry | null, balance: number, input: RejectInput): SettleDecision {
  if (!redemption) return { ok: false, refusal: 'NOT_FOUND' };
  if (redemption.status === 'rejected') return { ok: true, redemption, replayed: true, writes: null };
  if (redemption.status === 'fulfilled') return { ok: false, refusal: 'CONFLICT' };
  const rejected: Redemption = { ...redemption, status: 'rejected', updatedAt: input.at };
  let refund: LedgerWrites | null = null;
  if (redemption.pricePoints > 0) {
    const back = decideRefund(
      { stored: returnOnRecord, balance },
      { key: input.returnKey, memberId: redemption.memberId, points: redemption.pricePoints, reason: input.reason, streamId: null, at: input.at },
      input.returnEntryId,
    );
    refund = back.kind === 'apply' ? back.writes : null;
  }
  return { ok: true, redemption: rejected, replayed: false, writes: { redemption: rejected, refund, stockDelta: input.stockCounted ? 1 : 0 } };
}
