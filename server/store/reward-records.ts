/**
 * The rewards catalogue (issue 13): the host's reward records, in the store
 * (SQLite in embedded and Redis modes, MongoDB in services mode). A reward's
 * stock, code pool and redemptions are the RewardsEngine's; this is what it
 * is and how it is sold.
 */
import type { RewardRecord } from '../../shared/rewards.ts';

export interface RewardRecords {
  /** Inserts the reward, or replaces the record with the same id (last write wins). */
  putReward(reward: RewardRecord): Promise<void>;
  rewardById(id: string): Promise<RewardRecord | null>;
  /** Every reward, archived ones too, oldest first (ties by id). */
  listRewards(): Promise<RewardRecord[]>;
}
