/**
 * Achievement toasts (issue 14): "Mei unlocked 10 shows watched" when a
 * member unlocks a badge. One on screen at a time for ACHIEVEMENT_VISIBLE_MS,
 * the rest wait (toast-receiver.ts); each member's badge is announced once,
 * and only on the followed show's overlay.
 */
import type { Slice } from './index.ts';
import { enqueueAchievement } from './reducers.ts';
import { toastReceiver } from './toast-receiver.ts';
import { ACHIEVEMENT_TOASTS, type AchievementEvent, type AchievementQueue, emptyAchievements } from './types.ts';

export interface AchievementSlice {
  achievements: AchievementQueue;
  receiveAchievement: (e: AchievementEvent) => void;
}

export const createAchievementSlice: Slice<AchievementSlice> = (deps) => (set, get) => ({
  achievements: emptyAchievements(),
  receiveAchievement: toastReceiver(deps, set, get, 'achievements', ACHIEVEMENT_TOASTS, enqueueAchievement),
});
