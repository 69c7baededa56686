/**
 * Pure reducers for everything the server pushes (stats, presence, comments,
 * badges, drops and stock, lotteries and entries and draws) and for lists the
 * dashboard keeps in step with it. They never mutate, never read the clock
 * (time is an argument) and never grow without bound. What a room event
 * means (stock, entries, draw, presence) is decided once for the three
 * screens in client/common/room-reducers.ts; these keep it per show. Unit-
 * tested in test/unit/host-reducers.test.ts.
 */
import * as common from '../../common/room-reducers.ts';
import type {
  BadgeEvent,
  CommentEvent,
  CommentRemovedEvent,
  DropStockEvent,
  HostStats,
  LotteryDrawnEvent,
  LotteryEntriesEvent,
  PresenceEvent,
} from '../../../shared/events.ts';
import type { Stream } from '../../../shared/models.ts';
import type { Claim, Drop, Lottery } from '../../../shared/perks.ts';

/** Chart history per show: one sample per `stats` push (~2 s), so 150 is about five minutes. */
export const STATS_HISTORY = 150;
export const COMMENT_HISTORY = 100;
export const ACTIVITY_HISTORY = 30;

export interface StatsSample {
  at: number;
  viewers: number;
  members: number;
}
export interface Counts {
  viewers: number;
  members: number;
  at: number;
}
export interface ActivityItem extends BadgeEvent {
  at: number;
}

/** What the dashboard knows about one show's audience. */
export interface Audience {
  history: StatsSample[];
  latest: HostStats | null;
  /** the freshest viewer/member count, from `stats` or `presence`, whichever came last */
  counts: Counts | null;
  comments: CommentEvent[];
  activity: ActivityItem[];
}
export type AudienceByShow = Readonly<Record<string, Audience>>;

export const EMPTY_AUDIENCE: Audience = Object.freeze({ history: [], latest: null, counts: null, comments: [], activity: [] }) as Audience;

function withAudience(state: AudienceByShow, streamId: string, change: (a: Audience) => Audience): AudienceByShow {
  return { ...state, [streamId]: change(state[streamId] ?? EMPTY_AUDIENCE) };
}

/** Appends to a ring: keeps the newest `max` items. */
export function pushRing<T>(list: readonly T[], item: T, max: number): T[] {
  const next = list.length >= max ? list.slice(list.length - max + 1) : list.slice();
  next.push(item);
  return next;
}

function freshestCounts(current: Counts | null, next: Counts): Counts {
  return current && current.at > next.at ? current : next;
}

export function recordStats(state: AudienceByShow, stats: HostStats, at: number, max = STATS_HISTORY): AudienceByShow {
  return withAudience(state, stats.streamId, (a) => ({
    ...a,
    latest: stats,
    history: pushRing(a.history, { at, viewers: stats.viewers, members: stats.members }, max),
    counts: freshestCounts(a.counts, { viewers: stats.viewers, members: stats.members, at }),
  }));
}

/** A presence push for the show: the latest count wins, whether it came from stats or presence (`at`: when it arrived). */
export function recordPresence(state: AudienceByShow, e: PresenceEvent, at: number): AudienceByShow {
  return withAudience(state, e.streamId, (a) => ({
    ...a,
    counts: freshestCounts(a.counts, { viewers: e.viewers, members: e.members, at }),
  }));
}

export function recordComment(state: AudienceByShow, c: CommentEvent, max = COMMENT_HISTORY): AudienceByShow {
  return withAudience(state, c.streamId, (a) => ({ ...a, comments: pushRing(a.comments, c, max) }));
}

/** The host (here or elsewhere) removed a comment: it leaves that show's feed. */
export function removeComment(state: AudienceByShow, e: CommentRemovedEvent): AudienceByShow {
  const a = state[e.streamId];
  if (!a || !a.comments.some((c) => c.id === e.id)) return state;
  return { ...state, [e.streamId]: { ...a, comments: a.comments.filter((c) => c.id !== e.id) } };
}

export function recordBadge(state: AudienceByShow, b: BadgeEvent, at: number, max = ACTIVITY_HISTORY): AudienceByShow {
  return withAudience(state, b.streamId, (a) => ({ ...a, activity: pushRing(a.activity, { ...b, at }, max) }));
}

// ---- shows ----

/** Replaces a show by id or adds it; newest first, as `GET /api/streams` lists them. */
export function upsertStream(streams: readonly Stream[], stream: Stream): Stream[] {
  const rest = streams.filter((s) => s.id !== stream.id);
  return [stream, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}

// ---- drops and lotteries (what each event means: client/common/room-reducers.ts) ----

export interface PerksState {
  drops: Readonly<Record<string, Drop>>;
  lotteries: Readonly<Record<string, Lottery>>;
  /** claims confirmed from this dashboard, per drop, newest first */
  confirmations: Readonly<Record<string, Claim[]>>;
}
export const EMPTY_PERKS: PerksState = { drops: {}, lotteries: {}, confirmations: {} };

/** A show's drops and lotteries as just read over HTTP; replaces what was known of that show. */
export function replaceShowPerks(state: PerksState, streamId: string, drops: readonly Drop[], lotteries: readonly Lottery[]): PerksState {
  const keepOthers = <T extends { streamId: string }>(rec: Readonly<Record<string, T>>) =>
    Object.fromEntries(Object.entries(rec).filter(([, v]) => v.streamId !== streamId));
  return {
    ...state,
    drops: { ...keepOthers(state.drops), ...Object.fromEntries(drops.map((d) => [d.id, common.mergeDrop(state.drops[d.id], d)])) },
    lotteries: {
      ...keepOthers(state.lotteries),
      ...Object.fromEntries(lotteries.map((l) => [l.id, common.mergeLottery(state.lotteries[l.id], l)])),
    },
  };
}

/** A drop as the server sent it whole (created, closed, re-read). */
export function upsertDrop(state: PerksState, drop: Drop): PerksState {
  return { ...state, drops: { ...state.drops, [drop.id]: common.mergeDrop(state.drops[drop.id], drop) } };
}

export function applyDropStock(state: PerksState, e: DropStockEvent): PerksState {
  const drops = common.updateIn(state.drops, e.dropId, (d) => common.withStock(d, e));
  return drops === state.drops ? state : { ...state, drops };
}

/** A claim the host confirmed: listed once under its drop, newest first. */
export function recordConfirmation(state: PerksState, claim: Claim): PerksState {
  const list = (state.confirmations[claim.dropId] ?? []).filter((c) => c.id !== claim.id);
  return { ...state, confirmations: { ...state.confirmations, [claim.dropId]: [claim, ...list] } };
}

export function upsertLottery(state: PerksState, lottery: Lottery): PerksState {
  return { ...state, lotteries: { ...state.lotteries, [lottery.id]: common.mergeLottery(state.lotteries[lottery.id], lottery) } };
}

export function applyLotteryEntries(state: PerksState, e: LotteryEntriesEvent): PerksState {
  const lotteries = common.updateIn(state.lotteries, e.lotteryId, (l) => common.withEntries(l, e));
  return lotteries === state.lotteries ? state : { ...state, lotteries };
}

export function applyLotteryDrawn(state: PerksState, e: LotteryDrawnEvent, at: number): PerksState {
  const lotteries = common.updateIn(state.lotteries, e.lotteryId, (l) => common.withDraw(l, e, at));
  return lotteries === state.lotteries ? state : { ...state, lotteries };
}
