/** Selectors of the rewards store (rewards-slice.ts). */
import type { HostState } from './index.ts';

export const selectRewards = (s: HostState) => s.rewards;
export const selectRewardsStatus = (s: HostState) => s.rewardsStatus;
export const selectRewardBusy = (rewardId: string) => (s: HostState) => s.rewardBusy[rewardId] === true;
export const selectRedemptionQueue = (s: HostState) => s.redemptionQueue;
export const selectRedemptionBusy = (redemptionId: string) => (s: HostState) => s.redemptionBusy[redemptionId] === true;
export const selectWebhookLog = (s: HostState) => s.webhookLog;
