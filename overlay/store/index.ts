/** The overlay's one store, made of slices (zustand vanilla: usable without React, in tests too). */
import { createStore } from 'zustand/vanilla';
import { createBadgeSlice, type BadgeSlice } from './badge-slice.ts';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.ts';
import { browserDeps, type StoreDeps } from './deps.ts';
import { createPerksSlice, type PerksSlice } from './perks-slice.ts';
import { createRoomSlice, type RoomSlice } from './room-slice.ts';

export type OverlayState = RoomSlice & PerksSlice & BadgeSlice & ConnectionSlice;

export function createOverlayStore(deps: StoreDeps = browserDeps) {
  return createStore<OverlayState>()((...a) => ({
    ...createRoomSlice(...a),
    ...createPerksSlice(deps)(...a),
    ...createBadgeSlice(deps)(...a),
    ...createConnectionSlice(...a),
  }));
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;
