/**
 * The shapes the overlay's store holds, as plain data. What the server pushes
 * (`RoomState`, the badge queue) only changes through the pure reducers in
 * reducers.ts; the rest (connection, clock offset, tier names) is set by
 * socket-bindings.ts.
 */
import type { BadgeReason } from '../../shared/events.ts';
import type { LeaderboardEntry, Stream } from '../../shared/models.ts';
import type { Drop, Lottery } from '../../shared/perks.ts';
import type { Tier } from '../../shared/rules.ts';

/** The show the overlay follows, replaced whole by every snapshot. */
export interface RoomState {
  stream: Stream | null;
  viewers: number;
  members: number;
  /** top fans of the show, best first */
  leaderboard: LeaderboardEntry[];
  /** drops that are not closed, newest first */
  drops: Drop[];
  /** lotteries of the show, newest first */
  lotteries: Lottery[];
  /** the drop the seller pinned: it stays on the overlay while newer drops come */
  pinnedDropId: string | null;
}

export interface BadgeToast {
  /** unique per toast: React key, so a toast mounts (and animates in) once */
  id: string;
  memberId: string;
  displayName: string;
  tier: Tier;
  reason: BadgeReason;
  /** local ms when it went on screen; it leaves at shownAt + BADGE_VISIBLE_MS */
  shownAt: number;
}

/** Toasts on screen (oldest first, at most BADGE_MAX_VISIBLE) and those waiting their turn. */
export interface BadgeQueue {
  visible: BadgeToast[];
  waiting: Omit<BadgeToast, 'shownAt'>[];
  /** counter for toast ids */
  seq: number;
}

export type ConnectionState = 'connected' | 'reconnecting';

/** Why the overlay is not connected: the network (or a restarting server), or the server refused the token. */
export type ConnectionProblem = 'network' | 'refused' | null;

export const BADGE_MAX_VISIBLE = 3;
export const BADGE_VISIBLE_MS = 5000;
/** Drop cards on air at once: the pinned one, then those selling, then the next to open, then sold out. */
export const DROP_CARDS_MAX = 2;
/** Past this many waiting toasts the oldest waiting one is dropped: a burst never builds minutes of backlog. */
export const BADGE_MAX_WAITING = 12;
/**
 * For this long after a draw its winners stay on screen even when another
 * lottery is open; after that an open lottery takes the card, but with none
 * open the latest winners stay (they come back with the snapshot after a restart).
 */
export const WINNERS_FIRST_MS = 20_000;

export const emptyRoom = (): RoomState => ({ stream: null, viewers: 0, members: 0, leaderboard: [], drops: [], lotteries: [], pinnedDropId: null });
export const emptyBadges = (): BadgeQueue => ({ visible: [], waiting: [], seq: 0 });
