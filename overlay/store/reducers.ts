/**
 * Pure reducers for everything the server pushes to the overlay. Each takes
 * the current state and an event (plus `now` where time matters) and returns
 * the next state — the same object when the event changes nothing, so
 * subscribers do not re-render. No I/O, no clocks, no timers: the store
 * slices call these, tests call them directly.
 *
 * Ordering rules they enforce:
 * - a snapshot REPLACES the room (drops, lotteries, counts, fans): nothing
 *   from before a reconnect or a show switch survives it;
 * - events for another show (a race around a switch) are ignored;
 * - stock and entry counts for an unknown drop or lottery are ignored (the
 *   next snapshot or `drop`/`lottery` event brings the record).
 */
import type { BadgeEvent, LeaderboardEvent, OverlaySnapshot, PresenceEvent, StreamEvent } from '../../shared/events.ts';
import type { Drop, Lottery, LotteryWinner } from '../../shared/perks.ts';
import {
  BADGE_MAX_VISIBLE,
  BADGE_MAX_WAITING,
  BADGE_VISIBLE_MS,
  type BadgeQueue,
  type BadgeToast,
  type RoomState,
  WINNERS_FIRST_MS,
  WINNERS_VISIBLE_MS,
} from './state.ts';

const newestFirst = <T extends { createdAt: number }>(items: T[]): T[] => [...items].sort((a, b) => b.createdAt - a.createdAt);

const followed = (room: RoomState, streamId: string): boolean => room.stream !== null && room.stream.id === streamId;

// ---- the room ----

export function applySnapshot(_room: RoomState, snapshot: OverlaySnapshot): RoomState {
  return {
    stream: snapshot.stream,
    viewers: snapshot.viewers,
    members: snapshot.members,
    leaderboard: snapshot.leaderboard,
    drops: newestFirst(snapshot.drops.filter((d) => d.status !== 'closed')),
    lotteries: newestFirst(snapshot.lotteries),
  };
}

export function applyPresence(room: RoomState, e: PresenceEvent): RoomState {
  if (!followed(room, e.streamId)) return room;
  if (room.viewers === e.viewers && room.members === e.members) return room;
  return { ...room, viewers: e.viewers, members: e.members };
}

export function applyLeaderboard(room: RoomState, e: LeaderboardEvent): RoomState {
  if (!followed(room, e.streamId)) return room;
  return { ...room, leaderboard: e.entries };
}

/** The followed show started or ended. Another show's news waits for the server's switch snapshot. */
export function applyStream(room: RoomState, e: StreamEvent): RoomState {
  if (!followed(room, e.stream.id)) return room;
  return { ...room, stream: e.stream };
}

// ---- drops ----

/** A drop appeared or changed; a closed one leaves the screen. */
export function applyDrop(room: RoomState, drop: Drop): RoomState {
  if (!followed(room, drop.streamId)) return room;
  const others = room.drops.filter((d) => d.id !== drop.id);
  if (drop.status === 'closed') return others.length === room.drops.length ? room : { ...room, drops: others };
  return { ...room, drops: newestFirst([...others, drop]) };
}

/** Stock left: 0 is sold out; stock that comes back (a lapsed reservation) reopens it. */
export function applyDropStock(room: RoomState, e: { dropId: string; remaining: number }): RoomState {
  const drop = room.drops.find((d) => d.id === e.dropId);
  if (!drop) return room;
  const remaining = Math.max(0, e.remaining);
  const status: Drop['status'] = remaining === 0 ? 'sold-out' : drop.status === 'sold-out' ? 'open' : drop.status;
  if (remaining === drop.remaining && status === drop.status) return room;
  return { ...room, drops: room.drops.map((d) => (d.id === e.dropId ? { ...d, remaining, status } : d)) };
}

// ---- lotteries ----

/** A lottery was created or drawn. A drawn lottery never goes back to open on a late event. */
export function applyLottery(room: RoomState, lottery: Lottery): RoomState {
  if (!followed(room, lottery.streamId)) return room;
  const known = room.lotteries.find((l) => l.id === lottery.id);
  const next = known?.status === 'drawn' && lottery.status === 'open' ? known : lottery;
  return { ...room, lotteries: newestFirst([...room.lotteries.filter((l) => l.id !== lottery.id), next]) };
}

export function applyLotteryEntries(room: RoomState, e: { lotteryId: string; count: number }): RoomState {
  const lottery = room.lotteries.find((l) => l.id === e.lotteryId);
  if (!lottery || lottery.entries === e.count) return room;
  return { ...room, lotteries: room.lotteries.map((l) => (l.id === e.lotteryId ? { ...l, entries: e.count } : l)) };
}

/** The draw's result; `serverNow` stamps `drawnAt` when the record did not carry it yet. */
export function applyLotteryDrawn(room: RoomState, e: { lotteryId: string; winners: LotteryWinner[] }, serverNow: number): RoomState {
  const lottery = room.lotteries.find((l) => l.id === e.lotteryId);
  if (!lottery) return room;
  const drawn: Lottery = { ...lottery, status: 'drawn', winnerList: e.winners, drawnAt: lottery.drawnAt ?? serverNow };
  return { ...room, lotteries: room.lotteries.map((l) => (l.id === e.lotteryId ? drawn : l)) };
}

/**
 * The lottery the overlay shows: the winners of a draw in its first
 * WINNERS_FIRST_MS (even if the host already opened the next lottery), else
 * the newest open lottery (entries count), else the newest draw's winners
 * until WINNERS_VISIBLE_MS after it, else none.
 */
export function featuredLottery(lotteries: Lottery[], serverNow: number): Lottery | null {
  const drawn = lotteries
    .filter((l) => l.status === 'drawn' && l.drawnAt !== null && serverNow - l.drawnAt < WINNERS_VISIBLE_MS)
    .sort((a, b) => b.drawnAt! - a.drawnAt!)[0];
  if (drawn && serverNow - drawn.drawnAt! < WINNERS_FIRST_MS) return drawn;
  return lotteries.find((l) => l.status === 'open') ?? drawn ?? null;
}

// ---- drop windows ----

export interface WindowState {
  tierId: string;
  open: boolean;
  /** ms until it opens (0 once open) */
  inMs: number;
}

/** Each tier's window at `serverNow`, earliest first: "Gold now · Silver in 2:00 · Bronze in 5:00". */
export function dropWindowStates(drop: Pick<Drop, 'windows'>, serverNow: number): WindowState[] {
  return [...drop.windows]
    .sort((a, b) => a.opensAt - b.opensAt)
    .map((w) => ({ tierId: w.tierId, open: serverNow >= w.opensAt, inMs: Math.max(0, w.opensAt - serverNow) }));
}

// ---- badge toasts ----

/**
 * Queue a badge: on screen at once while fewer than BADGE_MAX_VISIBLE are
 * showing, else it waits. The same member, reason and tier already showing or
 * waiting is not queued twice. Badges of another show are ignored.
 */
export function enqueueBadge(queue: BadgeQueue, room: RoomState, e: BadgeEvent, now: number): BadgeQueue {
  if (!followed(room, e.streamId)) return queue;
  const same = (b: { memberId: string; reason: string; tier: { id: string } }) =>
    b.memberId === e.memberId && b.reason === e.reason && b.tier.id === e.tier.id;
  if (queue.visible.some(same) || queue.waiting.some(same)) return queue;
  const seq = queue.seq + 1;
  const toast = { id: `b${seq}`, memberId: e.memberId, displayName: e.displayName, tier: e.tier, reason: e.reason };
  if (queue.visible.length < BADGE_MAX_VISIBLE && queue.waiting.length === 0) {
    return { ...queue, seq, visible: [...queue.visible, { ...toast, shownAt: now }] };
  }
  const waiting = [...queue.waiting, toast];
  return { ...queue, seq, waiting: waiting.length > BADGE_MAX_WAITING ? waiting.slice(-BADGE_MAX_WAITING) : waiting };
}

/** Toasts whose time is up leave; waiting ones take the free places (shown from `now`). */
export function expireBadges(queue: BadgeQueue, now: number): BadgeQueue {
  const staying = queue.visible.filter((b) => now < b.shownAt + BADGE_VISIBLE_MS);
  const free = BADGE_MAX_VISIBLE - staying.length;
  if (staying.length === queue.visible.length && (free <= 0 || queue.waiting.length === 0)) return queue;
  const promoted: BadgeToast[] = queue.waiting.slice(0, Math.max(0, free)).map((b) => ({ ...b, shownAt: now }));
  return { ...queue, visible: [...staying, ...promoted], waiting: queue.waiting.slice(promoted.length) };
}

/** When the next toast leaves (local ms), or null with none on screen. */
export function nextBadgeExpiry(queue: BadgeQueue): number | null {
  if (queue.visible.length === 0) return null;
  return Math.min(...queue.visible.map((b) => b.shownAt + BADGE_VISIBLE_MS));
}

/** A snapshot for another show (or none) clears the toasts; a reconnect to the same show keeps them. */
export function badgesAfterSnapshot(queue: BadgeQueue, previous: RoomState, snapshot: OverlaySnapshot): BadgeQueue {
  const same = previous.stream !== null && snapshot.stream !== null && previous.stream.id === snapshot.stream.id;
  if (same || (queue.visible.length === 0 && queue.waiting.length === 0)) return queue;
  return { ...queue, visible: [], waiting: [] };
}
