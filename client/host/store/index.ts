/** The dashboard's one store, assembled from its slices (zustand vanilla: usable without React, in tests too). */
import { createStore as createZustandStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { createAuthSlice } from './auth-slice.ts';
import { createClaimDeskSlice, type ClaimDeskSlice } from './claim-desk-slice.ts';
import type { StoreDeps } from './deps.ts';
import { createGoalsSlice, type GoalsSlice } from './goals-slice.ts';
import { createKpisSlice, type KpisSlice } from './kpis-slice.ts';
import { createLiveSlice } from './live-slice.ts';
import { createMembersSlice, type MembersSlice } from './members-slice.ts';
import { createMissionsSlice, type MissionsSlice } from './missions-slice.ts';
import { createModerationSlice } from './moderation-slice.ts';
import { createOverlaySlice } from './overlay-slice.ts';
import { createPerksSlice } from './perks-slice.ts';
import { createRepurchaseSlice, type RepurchaseSlice } from './repurchase-slice.ts';
import { createRewardsSlice, type RewardsSlice } from './rewards-slice.ts';
import { createRulesSlice } from './rules-slice.ts';
import { createShowReportSlice, type ShowReportSlice } from './show-report-slice.ts';
import { createShowsSlice } from './shows-slice.ts';
import type { AuthSlice, LiveSlice, ModerationSlice, OverlaySlice, PerksSlice, RulesSlice, ShowsSlice, UiSlice } from './types.ts';
import { createUiSlice } from './ui-slice.ts';
import { createWebhooksSlice, type WebhooksSlice } from './webhooks-slice.ts';

export type HostState = UiSlice & AuthSlice & ShowsSlice & LiveSlice & ModerationSlice & PerksSlice & RulesSlice & OverlaySlice & ClaimDeskSlice & RewardsSlice & WebhooksSlice & MissionsSlice & GoalsSlice & ShowReportSlice & KpisSlice & MembersSlice & RepurchaseSlice;
export type HostStore = StoreApi<HostState>;
/** A slice of the one store, made with the store's deps; each slice may read the whole store. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<HostState, [], [], T>;

export function createStore(deps: StoreDeps): HostStore {
  return createZustandStore<HostState>()((...a) => ({
    ...createUiSlice(deps)(...a),
    ...createAuthSlice(deps)(...a),
    ...createShowsSlice(deps)(...a),
    ...createLiveSlice(deps)(...a),
    ...createModerationSlice(deps)(...a),
    ...createPerksSlice(deps)(...a),
    ...createRulesSlice(deps)(...a),
    ...createOverlaySlice(deps)(...a),
    ...createClaimDeskSlice(deps)(...a),
    ...createRewardsSlice(deps)(...a),
    ...createWebhooksSlice(deps)(...a),
    ...createMissionsSlice(deps)(...a),
    ...createGoalsSlice(deps)(...a),
    ...createShowReportSlice(deps)(...a),
    ...createKpisSlice(deps)(...a),
    ...createMembersSlice(deps)(...a),
    ...createRepurchaseSlice(deps)(...a),
  }));
}
