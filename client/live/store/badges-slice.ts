/**
 * The member's badges (issue 14): achievements' stages and missions' badges,
 * read when a session starts or the room is (re)joined (GET /api/me/badges),
 * and added as the server announces each one (`badge:unlocked`, to the
 * member's own tabs) with a toast. A guest has none.
 */
import type { BadgeUnlockedEvent, MemberBadge } from '../../../shared/achievements.ts';
import type { Slice } from './index.ts';
import { readForViewer } from './member-call.ts';
import { reduceBadgeUnlocked } from './reducers.ts';

export interface BadgesSlice {
  /** this member's badges, oldest first (a guest: none) */
  badges: MemberBadge[];
  /** GET /api/me/badges with the token held; asked for meanwhile, it reads once more after */
  loadBadges: () => Promise<void>;
  /** a badge unlocked just now: added, and a toast names it */
  applyBadgeUnlocked: (e: BadgeUnlockedEvent) => void;
  resetBadges: () => void;
}

const NONE = { badges: [] as MemberBadge[] };

export const createBadgesSlice: Slice<BadgesSlice> = (deps) => (set, get) => ({
  badges: [],
  loadBadges: readForViewer(
    get,
    (token) => (token ? deps.api.badges(token) : Promise.resolve(NONE)),
    ({ badges }) => set({ badges }),
  ),

  applyBadgeUnlocked(e) {
    const s = get();
    if (!s.token || (s.me && s.me.member.id !== e.memberId)) return;
    set({ badges: reduceBadgeUnlocked(s.badges, e) });
    // Announced once by the server: toasted even when a read racing with it listed the badge first.
    get().pushToast({ kind: 'badge', badge: e.badge });
  },

  resetBadges: () => set({ badges: [] }),
});
