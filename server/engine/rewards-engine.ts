/**
 * RewardsEngine (issue 13): the hot state of the rewards store — a reward's
 * stock, its pool of codes and members' redemptions — behind atomic steps
 * decided by server/domain/redemption.ts. A sibling of PerksEngine with the
 * same habits (test/contract/rewards-engine-contract.ts): SQLite commits
 * each step in one transaction with the spend through the ledger; the Redis
 * engine (to come) will run the same rules as Lua. When a promise resolves
 * the change is durable. Time is an argument.
 */
import type { Redemption, RedemptionStatus } from '../../shared/rewards.ts';
import type { RedeemRefusal, RedeemRequest, RejectInput, RewardStock, SettleRefusal } from '../domain/redemption.ts';

export type { RedeemRefusal, RedeemRequest, RewardStock, SettleRefusal } from '../domain/redemption.ts';

export type RedeemReply = { ok: true; redemption: Redemption; replayed: boolean; balance: number } | { ok: false; refusal: RedeemRefusal };
export type SettleReply = { ok: true; redemption: Redemption; replayed: boolean } | { ok: false; refusal: SettleRefusal };

/** Everything of a reject but what the engine makes itself (the return entry's id) or knows (whether stock is counted). */
export type RejectRequest = Omit<RejectInput, 'returnEntryId' | 'stockCounted'>;

export interface RewardsEngine {
  readonly kind: 'sqlite' | 'redis';
  /**
   * Makes the reward known or replaces its rules. The stock given is set when
   * the reward is new; afterwards only setStock changes it (redemptions move it).
   */
  putReward(spec: RewardStock): Promise<void>;
  /** Sets the units left (null: unlimited). Unknown reward: false. */
  setStock(rewardId: string, stock: number | null): Promise<boolean>;
  /** Adds codes to the reward's pool, in order; a code already in the pool is skipped (counted in `duplicates`). */
  addCodes(rewardId: string, codes: string[]): Promise<{ added: number; duplicates: number; unused: number }>;
  /** One atomic step (domain/redemption.ts decideRedemption). Never a code twice, a member past a limit, or a balance below zero. */
  redeem(request: RedeemRequest): Promise<RedeemReply>;
  /** Atomic (decideFulfil): pending → fulfilled; again: the same; rejected → CONFLICT. */
  fulfil(redemptionId: string, at: number): Promise<SettleReply>;
  /** Atomic (decideReject): pending → rejected, the points back once, the unit back to a counted stock. */
  reject(redemptionId: string, request: RejectRequest): Promise<SettleReply>;
  redemptionById(id: string): Promise<Redemption | null>;
  /** Newest first. */
  redemptionsOfMember(memberId: string, limit: number): Promise<Redemption[]>;
  /** Oldest first: the host's queue. */
  redemptionsByStatus(status: RedemptionStatus, limit: number): Promise<Redemption[]>;
  /** Units left (null: unlimited) and unused pool codes; null for an unknown reward. */
  rewardStock(rewardId: string): Promise<{ stock: number | null; unusedCodes: number } | null>;
}
