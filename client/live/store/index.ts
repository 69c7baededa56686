/**
 * The viewer room's one store, built from slices (zustand vanilla: usable
 * without React, in tests too). Components read it through the named
 * selectors in selectors.ts and change it only through actions; pushes reach
 * it only from socket-bindings.ts.
 */
import { createStore as createZustandStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { createBadgesSlice, type BadgesSlice } from './badges-slice.ts';
import type { StoreDeps } from './deps.ts';
import { createGoalsSlice, type GoalsSlice } from './goals-slice.ts';
import { createMissionsSlice, type MissionsSlice } from './missions-slice.ts';
import { createPerksSlice, type PerksSlice } from './perks-slice.ts';
import { createRewardsSlice, type RewardsSlice } from './rewards-slice.ts';
import { createRoomSlice, type RoomSlice } from './room-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';
import { createWatchSlice, type WatchSlice } from './watch-slice.ts';

export type LiveState = SessionSlice & RoomSlice & WatchSlice & PerksSlice & RewardsSlice & MissionsSlice & GoalsSlice & BadgesSlice & UiSlice;
export type LiveStore = StoreApi<LiveState>;
/** A slice of the one store, made with the store's deps; each slice may read the whole store. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<LiveState, [], [], T>;

export function createStore(deps: StoreDeps): LiveStore {
  return createZustandStore<LiveState>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createRoomSlice(deps)(...a),
    ...createWatchSlice(deps)(...a),
    ...createPerksSlice(deps)(...a),
    ...createRewardsSlice(deps)(...a),
    ...createMissionsSlice(deps)(...a),
    ...createGoalsSlice(deps)(...a),
    ...createBadgesSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
  }));
}
