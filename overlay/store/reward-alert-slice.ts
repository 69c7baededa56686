/**
 * Reward alerts (issue 13): "Mei redeemed Free shipping" when a member
 * redeems a reward whose host asked for it. One on screen at a time for
 * REWARD_ALERT_VISIBLE_MS, the rest wait (toast-receiver.ts); each
 * redemption is announced once, and only the followed show's.
 */
import type { RewardAlertEvent } from '../../shared/events.ts';
import type { Slice } from './index.ts';
import { enqueueRewardAlert } from './reducers.ts';
import { toastReceiver } from './toast-receiver.ts';
import { emptyRewardAlerts, REWARD_ALERTS, type RewardAlertQueue } from './types.ts';

export interface RewardAlertSlice {
  rewardAlerts: RewardAlertQueue;
  receiveRewardAlert: (e: RewardAlertEvent) => void;
}

export const createRewardAlertSlice: Slice<RewardAlertSlice> = (deps) => (set, get) => ({
  rewardAlerts: emptyRewardAlerts(),
  receiveRewardAlert: toastReceiver(deps, set, get, 'rewardAlerts', REWARD_ALERTS, enqueueRewardAlert),
});
