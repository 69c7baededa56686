/** Badge toasts: at most BADGE_MAX_VISIBLE on screen, each for BADGE_VISIBLE_MS, the rest wait (toast-receiver.ts). */
import type { BadgeEvent } from '../../shared/events.ts';
import type { Slice } from './index.ts';
import { enqueueBadge } from './reducers.ts';
import { toastReceiver } from './toast-receiver.ts';
import { BADGE_TOASTS, type BadgeQueue, emptyBadges } from './types.ts';

export interface BadgeSlice {
  badges: BadgeQueue;
  receiveBadge: (e: BadgeEvent) => void;
}

export const createBadgeSlice: Slice<BadgeSlice> = (deps) => (set, get) => ({
  badges: emptyBadges(),
  receiveBadge: toastReceiver(deps, set, get, 'badges', BADGE_TOASTS, enqueueBadge),
});
