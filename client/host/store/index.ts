/** The dashboard's one store, assembled from its slices. */
import { create } from 'zustand';
import { createAuthSlice } from './auth-slice.ts';
import { createLiveSlice } from './live-slice.ts';
import { createOverlaySlice } from './overlay-slice.ts';
import { createPerksSlice } from './perks-slice.ts';
import { createRulesSlice } from './rules-slice.ts';
import { createShowsSlice } from './shows-slice.ts';
import type { HostState } from './types.ts';
import { createUiSlice } from './ui-slice.ts';

export const useHostStore = create<HostState>()((...a) => ({
  ...createUiSlice(...a),
  ...createAuthSlice(...a),
  ...createShowsSlice(...a),
  ...createLiveSlice(...a),
  ...createPerksSlice(...a),
  ...createRulesSlice(...a),
  ...createOverlaySlice(...a),
}));

export type { HostState } from './types.ts';
