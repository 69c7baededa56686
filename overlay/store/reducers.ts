/**
 * Pure reducers for everything the server pushes to the overlay. Each takes
 * the current state and an event (plus `now` where time matters) and returns
 * the next state — the same object when the event changes nothing, so
 * subscribers do not re-render. No I/O, no clocks, no timers: the store
 * slices call these, tests call them directly.
 *
 * Ordering rules they enforce (what a drop, stock, lottery, entries or draw
 * event means is client/common/room-reducers.ts, shared by the three screens):
 * - a snapshot REPLACES the room (drops, lotteries, counts, fans): nothing
 *   from before a reconnect or a show switch survives it — except the
 *   community goals, which the snapshot does not carry: a reconnect to the
 *   same show keeps them until the fetch or a push replaces them;
 * - events for another show (a race around a switch) are ignored;
 * - stock and entry counts for an unknown drop or lottery are ignored (the
 *   next snapshot or `drop`/`lottery` event brings the record).
 */
import * as common from '../../client/common/room-reducers.ts';
import type { GoalCompletedEvent, GoalsEvent, GoalView } from '../../shared/community-goals.ts';
import type {
  BadgeEvent,
  DropStockEvent,
  LeaderboardEvent,
  LotteryDrawnEvent,
  LotteryEntriesEvent,
  OverlaySnapshot,
  PresenceEvent,
  RewardAlertEvent,
  StreamEvent,
} from '../../shared/events.ts';
import type { DropPinEvent } from '../../shared/overlay-link.ts';
import type { Drop, Lottery } from '../../shared/perks.ts';
import {
  ACHIEVEMENT_REMEMBERED,
  ACHIEVEMENT_TOASTS,
  type AchievementEvent,
  type AchievementQueue,
  DROP_CARDS_MAX,
  BADGE_TOASTS,
  type BadgeQueue,
  REWARD_ALERT_REMEMBERED,
  REWARD_ALERTS,
  type RewardAlertQueue,
  type RoomState,
  type ToastQueue,
  type ToastTiming,
  WINNERS_FIRST_MS,
} from './types.ts';

const newestFirst = <T extends { createdAt: number }>(items: T[]): T[] => [...items].sort((a, b) => b.createdAt - a.createdAt);

const followed = (room: RoomState, streamId: string): boolean => room.stream !== null && room.stream.id === streamId;

/** The snapshot is of the show already followed: a reconnect, not a switch. */
const sameShow = (room: RoomState, snapshot: OverlaySnapshot): boolean => snapshot.stream !== null && followed(room, snapshot.stream.id);

// ---- the room ----

export function applySnapshot(room: RoomState, snapshot: OverlaySnapshot): RoomState {
  return {
    stream: snapshot.stream,
    viewers: snapshot.viewers,
    members: snapshot.members,
    leaderboard: snapshot.leaderboard,
    drops: newestFirst(snapshot.drops.filter((d) => d.status !== 'closed')),
    lotteries: newestFirst(snapshot.lotteries),
    pinnedDropId: snapshot.pinnedDropId ?? null,
    goals: sameShow(room, snapshot) ? room.goals : [],
  };
}

export function applyPresence(room: RoomState, e: PresenceEvent): RoomState {
  return followed(room, e.streamId) ? common.withPresence(room, e) : room;
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

/** The room with its drops or lotteries changed: the same room when they did not. */
function withList<K extends 'drops' | 'lotteries'>(room: RoomState, key: K, list: RoomState[K]): RoomState {
  return list === room[key] ? room : { ...room, [key]: list };
}

// ---- drops (what each event means: client/common/room-reducers.ts) ----

/** A drop appeared or changed; a closed one leaves the screen. */
export function applyDrop(room: RoomState, drop: Drop): RoomState {
  if (!followed(room, drop.streamId)) return room;
  const drops = common.upsertById(room.drops, drop, common.mergeDrop).filter((d) => d.status !== 'closed');
  const same = drops.length === room.drops.length && drops.every((d, i) => d === room.drops[i]);
  return same ? room : { ...room, drops };
}

/** The seller pinned a drop of the followed show (or unpinned: null). */
export function applyDropPin(room: RoomState, e: DropPinEvent): RoomState {
  if (!followed(room, e.streamId) || room.pinnedDropId === e.dropId) return room;
  return { ...room, pinnedDropId: e.dropId };
}

/**
 * The drops on air at `serverNow`, at most DROP_CARDS_MAX: the pinned one
 * first (while it is not closed), then those selling now (a tier's window is
 * open, stock left), newest first, then the next to open (soonest first),
 * then sold-out ones. So a drop that is not open yet never pushes a selling
 * one off the screen, and a pinned one stays while newer drops come.
 */
export function dropsOnAir(drops: readonly Drop[], pinnedDropId: string | null, serverNow: number): Drop[] {
  const pinned = drops.find((d) => d.id === pinnedDropId && d.status !== 'closed');
  const rest = drops.filter((d) => d !== pinned && d.status !== 'closed');
  const soldOut = (d: Drop) => d.status === 'sold-out' || d.remaining <= 0;
  const firstOpening = (d: Drop) => Math.min(...d.windows.map((w) => w.opensAt), d.opensAt);
  const selling = rest.filter((d) => !soldOut(d) && firstOpening(d) <= serverNow);
  const upcoming = rest.filter((d) => !soldOut(d) && firstOpening(d) > serverNow).sort((a, b) => firstOpening(a) - firstOpening(b));
  const gone = rest.filter(soldOut);
  return [...(pinned ? [pinned] : []), ...newestFirst(selling), ...upcoming, ...newestFirst(gone)].slice(0, DROP_CARDS_MAX);
}

export function applyDropStock(room: RoomState, e: DropStockEvent): RoomState {
  return withList(room, 'drops', common.updateById(room.drops, e.dropId, (d) => common.withStock(d, e)));
}

// ---- lotteries ----

export function applyLottery(room: RoomState, lottery: Lottery): RoomState {
  if (!followed(room, lottery.streamId)) return room;
  return { ...room, lotteries: common.upsertById(room.lotteries, lottery, common.mergeLottery) };
}

export function applyLotteryEntries(room: RoomState, e: LotteryEntriesEvent): RoomState {
  return withList(room, 'lotteries', common.updateById(room.lotteries, e.lotteryId, (l) => common.withEntries(l, e)));
}

export function applyLotteryDrawn(room: RoomState, e: LotteryDrawnEvent, serverNow: number): RoomState {
  return withList(room, 'lotteries', common.updateById(room.lotteries, e.lotteryId, (l) => common.withDraw(l, e, serverNow)));
}

/** When a lottery's outcome came: its draw, or its cancellation (issue 11); null while open. */
const outcomeAt = (l: Lottery): number | null => (l.status === 'drawn' ? l.drawnAt : l.status === 'cancelled' ? (l.cancelledAt ?? null) : null);

/**
 * The lottery the overlay shows: the outcome of a draw (its winners) or of a
 * cancellation in its first WINNERS_FIRST_MS (even if the host already opened
 * the next lottery), else one being drawn (entries frozen, waiting for its
 * drand round), else the newest open lottery (entries count), else the
 * newest outcome (it stays until another lottery opens, and comes back with
 * the snapshot after a restart however long it took), else none.
 */
export function featuredLottery(lotteries: Lottery[], serverNow: number): Lottery | null {
  const ended = lotteries.filter((l) => outcomeAt(l) !== null).sort((a, b) => outcomeAt(b)! - outcomeAt(a)!)[0];
  if (ended && serverNow - outcomeAt(ended)! < WINNERS_FIRST_MS) return ended;
  // A frozen lottery (v2, seconds from its winners) is the one to watch.
  return lotteries.find((l) => l.status === 'drawing') ?? lotteries.find((l) => l.status === 'open') ?? ended ?? null;
}

// ---- community goals (issue 14) ----

const oldestFirst = (goals: GoalView[]): GoalView[] => [...goals].sort((a, b) => a.createdAt - b.createdAt);

/** The followed show's goals as just pushed or read: they replace the ones held; archived ones leave. */
export function applyGoals(room: RoomState, e: GoalsEvent): RoomState {
  if (!followed(room, e.streamId)) return room;
  return { ...room, goals: oldestFirst(e.goals.filter((g) => g.status !== 'archived')) };
}

/**
 * A goal of the followed show reached its target: shown completed at once
 * (the next `goals` push says so too), its progress never going back.
 */
export function applyGoalCompleted(room: RoomState, e: GoalCompletedEvent): RoomState {
  if (!followed(room, e.streamId) || e.goal.status === 'archived') return room;
  const known = room.goals.find((g) => g.id === e.goal.id);
  const goal = { ...e.goal, progress: Math.max(e.goal.progress, known?.progress ?? 0) };
  return { ...room, goals: oldestFirst([...room.goals.filter((g) => g.id !== goal.id), goal]) };
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

// ---- toasts: badges, reward alerts, achievements ----

/** A toast goes on screen at once while fewer than `maxVisible` show and none waits, else it waits its turn. */
function enqueueToast<T extends { id: string }, Q extends ToastQueue<T>>(queue: Q, timing: ToastTiming, make: (id: string) => T, now: number): Q {
  const seq = queue.seq + 1;
  const toast = make(`${timing.idPrefix}${seq}`);
  if (queue.visible.length < timing.maxVisible && queue.waiting.length === 0) {
    return { ...queue, seq, visible: [...queue.visible, { ...toast, shownAt: now }] };
  }
  const waiting = [...queue.waiting, toast];
  return { ...queue, seq, waiting: waiting.length > timing.maxWaiting ? waiting.slice(-timing.maxWaiting) : waiting };
}

/** Queue a toast announced once: one whose key is among the queue's latest `remembered` keys is not queued again. */
function enqueueOnce<T extends { id: string }, Q extends ToastQueue<T> & { seen: readonly string[] }>(
  queue: Q,
  key: string,
  remembered: number,
  timing: ToastTiming,
  make: (id: string) => T,
  now: number,
): Q {
  if (queue.seen.includes(key)) return queue;
  return enqueueToast({ ...queue, seen: [...queue.seen, key].slice(-remembered) }, timing, make, now);
}

/** Toasts whose time is up leave; waiting ones take the free places (shown from `now`). */
export function expireToasts<Q extends ToastQueue<{ id: string }>>(queue: Q, timing: ToastTiming, now: number): Q {
  const staying = queue.visible.filter((b) => now < b.shownAt + timing.visibleMs);
  const free = timing.maxVisible - staying.length;
  if (staying.length === queue.visible.length && (free <= 0 || queue.waiting.length === 0)) return queue;
  const promoted = queue.waiting.slice(0, Math.max(0, free)).map((b) => ({ ...b, shownAt: now }));
  return { ...queue, visible: [...staying, ...promoted], waiting: queue.waiting.slice(promoted.length) };
}

/** When the next toast leaves (local ms), or null with none on screen. */
export function nextToastExpiry(queue: ToastQueue<{ id: string }>, timing: ToastTiming): number | null {
  if (queue.visible.length === 0) return null;
  return Math.min(...queue.visible.map((b) => b.shownAt + timing.visibleMs));
}

/** A snapshot for another show (or none) clears a queue's toasts; a reconnect to the same show keeps them. */
export function toastsAfterSnapshot<Q extends ToastQueue<{ id: string }>>(queue: Q, previous: RoomState, snapshot: OverlaySnapshot): Q {
  if (sameShow(previous, snapshot) || (queue.visible.length === 0 && queue.waiting.length === 0)) return queue;
  return { ...queue, visible: [], waiting: [] };
}

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
  return enqueueToast(queue, BADGE_TOASTS, (id) => ({ id, memberId: e.memberId, displayName: e.displayName, tier: e.tier, reason: e.reason }), now);
}

/** The badge queue's own names for the toast functions, its timing filled in. */
export const expireBadges = (queue: BadgeQueue, now: number): BadgeQueue => expireToasts(queue, BADGE_TOASTS, now);
export const nextBadgeExpiry = (queue: BadgeQueue): number | null => nextToastExpiry(queue, BADGE_TOASTS);
export const badgesAfterSnapshot = toastsAfterSnapshot<BadgeQueue>;

/**
 * Queue a reward alert: one on screen at a time, the rest wait. A redemption
 * already announced (its id among the latest REWARD_ALERT_REMEMBERED) is not
 * announced again, nor is one for another show or while no show is followed.
 */
export function enqueueRewardAlert(queue: RewardAlertQueue, room: RoomState, e: RewardAlertEvent, now: number): RewardAlertQueue {
  if (!followed(room, e.streamId)) return queue;
  const toast = (id: string) => ({ id, redemptionId: e.redemptionId, displayName: e.displayName, rewardTitle: e.rewardTitle, kind: e.kind });
  return enqueueOnce(queue, e.redemptionId, REWARD_ALERT_REMEMBERED, REWARD_ALERTS, toast, now);
}

/**
 * Queue an achievement (issue 14): one on screen at a time, the rest wait. A
 * member's badge already announced (among the latest ACHIEVEMENT_REMEMBERED)
 * is not announced again, nor is one for another show or while no show is
 * followed.
 */
export function enqueueAchievement(queue: AchievementQueue, room: RoomState, e: AchievementEvent, now: number): AchievementQueue {
  if (!followed(room, e.streamId)) return queue;
  const toast = (id: string) => ({ id, memberId: e.memberId, displayName: e.displayName, badge: e.badge });
  return enqueueOnce(queue, `${e.memberId} ${e.badge.id}`, ACHIEVEMENT_REMEMBERED, ACHIEVEMENT_TOASTS, toast, now);
}
