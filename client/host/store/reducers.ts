/**
 * Pure reducers for everything the server pushes (stats, presence, comments,
 * badges, drops and stock, lotteries and entries and draws) and for lists the
 * dashboard keeps in step with it. They never mutate, never read the clock
 * (time is an argument) and never grow without bound. Unit-tested in
 * test/unit/host-reducers.test.ts.
 */
import type { BadgeEvent, CommentEvent, DropStockEvent, HostStats, PresenceEvent } from '../../../shared/events.ts';
import type { Stream } from '../../../shared/models.ts';
import type { Claim, Drop, Lottery, LotteryWinner } from '../../../shared/perks.ts';

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

export function recordPresence(state: AudienceByShow, e: PresenceEvent, at: number): AudienceByShow {
  return withAudience(state, e.streamId, (a) => ({
    ...a,
    counts: freshestCounts(a.counts, { viewers: e.viewers, members: e.members, at }),
  }));
}

export function recordComment(state: AudienceByShow, c: CommentEvent, max = COMMENT_HISTORY): AudienceByShow {
  return withAudience(state, c.streamId, (a) => ({ ...a, comments: pushRing(a.comments, c, max) }));
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

// ---- drops and lotteries ----

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
    drops: { ...keepOthers(state.drops), ...Object.fromEntries(drops.map((d) => [d.id, d])) },
    lotteries: {
      ...keepOthers(state.lotteries),
      ...Object.fromEntries(lotteries.map((l) => [l.id, mergeLottery(state.lotteries[l.id], l)])),
    },
  };
}

/** A drop as the server sent it whole (created, closed, re-read). A closed drop never reopens. */
export function upsertDrop(state: PerksState, drop: Drop): PerksState {
  const known = state.drops[drop.id];
  const next = known?.status === 'closed' && drop.status !== 'closed' ? { ...drop, status: known.status, closedAt: known.closedAt } : drop;
  return { ...state, drops: { ...state.drops, [drop.id]: next } };
}

/**
 * Stock left changed. Sold out at zero; stock coming back (lapsed
 * reservations) reopens a sold-out drop; a closed drop stays closed.
 */
export function applyDropStock(state: PerksState, e: DropStockEvent): PerksState {
  const drop = state.drops[e.dropId];
  if (!drop) return state;
  const remaining = Math.max(0, Math.min(drop.stock, e.remaining));
  let status = drop.status;
  if (status !== 'closed') {
    if (remaining === 0) status = 'sold-out';
    else if (status === 'sold-out') status = 'open';
  }
  const { reserved, confirmed } = e;
  if (remaining === drop.remaining && status === drop.status && reserved === drop.reserved && confirmed === drop.confirmed) return state;
  return { ...state, drops: { ...state.drops, [drop.id]: { ...drop, remaining, status, reserved, confirmed } } };
}

/** A claim the host confirmed: listed once under its drop, newest first. */
export function recordConfirmation(state: PerksState, claim: Claim): PerksState {
  const list = (state.confirmations[claim.dropId] ?? []).filter((c) => c.id !== claim.id);
  return { ...state, confirmations: { ...state.confirmations, [claim.dropId]: [claim, ...list] } };
}

/** Entry counts only grow and a draw is final, however late an older copy arrives. */
function mergeLottery(known: Lottery | undefined, incoming: Lottery): Lottery {
  if (!known) return incoming;
  if (known.status === 'drawn' && incoming.status !== 'drawn') return { ...known, entries: Math.max(known.entries, incoming.entries) };
  return { ...incoming, entries: Math.max(known.entries, incoming.entries) };
}

export function upsertLottery(state: PerksState, lottery: Lottery): PerksState {
  return { ...state, lotteries: { ...state.lotteries, [lottery.id]: mergeLottery(state.lotteries[lottery.id], lottery) } };
}

export function applyLotteryEntries(state: PerksState, e: { lotteryId: string; count: number }): PerksState {
  const lottery = state.lotteries[e.lotteryId];
  if (!lottery || e.count <= lottery.entries) return state;
  return { ...state, lotteries: { ...state.lotteries, [lottery.id]: { ...lottery, entries: e.count } } };
}

export function applyLotteryDrawn(state: PerksState, e: { lotteryId: string; winners: LotteryWinner[] }, at: number): PerksState {
  const lottery = state.lotteries[e.lotteryId];
  if (!lottery) return state;
  const drawn: Lottery = { ...lottery, status: 'drawn', winnerList: e.winners, drawnAt: lottery.drawnAt ?? at };
  return { ...state, lotteries: { ...state.lotteries, [lottery.id]: drawn } };
}
