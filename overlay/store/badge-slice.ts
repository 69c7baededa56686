/**
 * Badge toasts: at most BADGE_MAX_VISIBLE on screen, each for
 * BADGE_VISIBLE_MS, the rest wait. One timer, always set for the next toast
 * to leave; the toast's own CSS animation (same duration) plays its exit.
 */
import type { BadgeEvent } from '../../shared/events.ts';
import type { Slice } from './index.ts';
import { enqueueBadge, expireBadges, nextBadgeExpiry } from './reducers.ts';
import { type BadgeQueue, emptyBadges } from './types.ts';

export interface BadgeSlice {
  badges: BadgeQueue;
  receiveBadge: (e: BadgeEvent) => void;
  /** drops toasts whose time is up and shows waiting ones (the timer calls it) */
  expireBadges: () => void;
}

export const createBadgeSlice: Slice<BadgeSlice> =
  (deps) =>
  (set, get) => {
    let timer: unknown = null;
    let timerAt: number | null = null;

    const schedule = () => {
      const at = nextBadgeExpiry(get().badges);
      if (at === timerAt) return;
      if (timer !== null) deps.clearTimeout(timer);
      timer = null;
      timerAt = at;
      if (at === null) return;
      timer = deps.setTimeout(() => {
        timer = null;
        timerAt = null;
        get().expireBadges();
      }, Math.max(0, at - deps.now()));
    };

    return {
      badges: emptyBadges(),
      receiveBadge: (e) => {
        set((s) => ({ badges: enqueueBadge(s.badges, s.room, e, deps.now()) }));
        schedule();
      },
      expireBadges: () => {
        set((s) => ({ badges: expireBadges(s.badges, deps.now()) }));
        schedule();
      },
    };
  };
