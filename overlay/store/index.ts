/** The overlay's one store, made of slices (zustand vanilla: usable without React, in tests too). */
import { createStore as createZustandStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { createAchievementSlice, type AchievementSlice } from './achievement-slice.ts';
import { createBadgeSlice, type BadgeSlice } from './badge-slice.ts';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.ts';
import type { StoreDeps } from './deps.ts';
import { createGoalSlice, type GoalSlice } from './goal-slice.ts';
import { createLinkSlice, type LinkSlice } from './link-slice.ts';
import { createPerksSlice, type PerksSlice } from './perks-slice.ts';
import { createRewardAlertSlice, type RewardAlertSlice } from './reward-alert-slice.ts';
import { createRoomSlice, type RoomSlice } from './room-slice.ts';

export type OverlayState = RoomSlice &
  PerksSlice &
  GoalSlice &
  BadgeSlice &
  RewardAlertSlice &
  AchievementSlice &
  ConnectionSlice &
  LinkSlice;
export type OverlayStore = StoreApi<OverlayState>;
/** A slice of the one store, made with the store's deps; each slice may read the whole store. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<OverlayState, [], [], T>;

export function createStore(deps: StoreDeps): OverlayStore {
  return createZustandStore<OverlayState>()((...a) => ({
    ...createRoomSlice(deps)(...a),
    ...createPerksSlice(deps)(...a),
    ...createGoalSlice(deps)(...a),
    ...createBadgeSlice(deps)(...a),
    ...createRewardAlertSlice(deps)(...a),
    ...createAchievementSlice(deps)(...a),
    ...createConnectionSlice(deps)(...a),
    ...createLinkSlice(deps)(...a),
  }));
}
