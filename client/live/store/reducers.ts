/**
 * Pure reducers for everything the server pushes into the live room. Each
 * takes the current piece of state and one event and returns the next piece
 * (the same reference when nothing changes, so subscribers do not re-render).
 * Events for another show are ignored. Unit-tested in test/unit/live-reducers.test.ts.
 */
import type { BadgeEvent, CommentEvent, HeartbeatReply, LeaderboardEvent, PointsEvent, PresenceEvent, TierEvent } from '../../../shared/events.ts';
import type { LeaderboardEntry, LedgerEntry, LedgerReason, MemberState, Stream } from '../../../shared/models.ts';
import type { Drop, Lottery, LotteryWinner } from '../../../shared/perks.ts';
import type { Tier } from '../../../shared/rules.ts';
import type { ClaimView } from '../logic/drops.ts';
import { tierAfter } from '../logic/tiers.ts';
import type { FeedItem, LedgerState, Presence, WatchStatus } from './types.ts';

/** The chat keeps the newest this many lines. */
export const FEED_LIMIT = 100;

export function reducePresence(current: Presence, streamId: string | null, e: PresenceEvent): Presence {
  if (e.streamId !== streamId) return current;
  if (current.viewers === e.viewers && current.members === e.members) return current;
  return { viewers: e.viewers, members: e.members };
}

/** A points event carries the new balance; positive amounts also count toward the tier (earned in 365 days). */
export function reducePoints(me: MemberState | null, e: PointsEvent): MemberState | null {
  if (!me) return me;
  return { ...me, balance: e.balance, earned365: me.earned365 + Math.max(0, e.delta) };
}

/** Balance from an ack (heartbeat, chest, interaction); points events remain the source of the toasts. */
export function reduceBalance(me: MemberState | null, balance: number | undefined): MemberState | null {
  if (!me || balance === undefined || me.balance === balance) return me;
  return { ...me, balance };
}

export function reduceTier(me: MemberState | null, e: TierEvent, tiers: readonly Tier[] | null): MemberState | null {
  if (!me) return me;
  const nextTier = tiers ? tierAfter(tiers, e.tier.id) : me.nextTier;
  return { ...me, tier: e.tier, nextTier, earned365: Math.max(me.earned365, e.tier.minPoints) };
}

function nextSeq(feed: readonly FeedItem[]): number {
  return (feed[feed.length - 1]?.seq ?? 0) + 1;
}

/** Comments append at the bottom (newest last); the oldest fall off past `limit`. */
export function reduceComment(feed: FeedItem[], streamId: string | null, e: CommentEvent, limit = FEED_LIMIT): FeedItem[] {
  if (e.streamId !== streamId) return feed;
  const item: FeedItem = { kind: 'comment', seq: nextSeq(feed), memberId: e.memberId, displayName: e.displayName, tier: e.tier, text: e.text, at: e.at };
  const next = [...feed, item];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** Tier badges (a Silver+ member joined, someone levelled up) show in the feed as room moments. */
export function reduceBadge(feed: FeedItem[], streamId: string | null, e: BadgeEvent, at: number, limit = FEED_LIMIT): FeedItem[] {
  if (e.streamId !== streamId) return feed;
  const item: FeedItem = {
    kind: 'badge',
    seq: nextSeq(feed),
    memberId: e.memberId,
    displayName: e.displayName,
    tierId: e.tier.id,
    tierName: e.tier.name,
    reason: e.reason,
    at,
  };
  const next = [...feed, item];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

export function reduceLeaderboard(current: LeaderboardEntry[], streamId: string | null, e: LeaderboardEvent): LeaderboardEntry[] {
  return e.streamId === streamId ? e.entries : current;
}

export function reduceStream(current: Stream | null, e: { stream: Stream }): Stream | null {
  return current && current.id === e.stream.id ? e.stream : current;
}

const newestFirst = <T extends { createdAt: number }>(a: T, b: T) => b.createdAt - a.createdAt;

/** A drop appeared or changed (closed): insert or replace, newest first. */
export function reduceDrop(drops: Drop[], streamId: string | null, drop: Drop): Drop[] {
  if (drop.streamId !== streamId) return drops;
  const rest = drops.filter((d) => d.id !== drop.id);
  return [...rest, drop].sort(newestFirst);
}

/** Stock moved: sold out at zero; stock returned from lapsed reservations reopens a sold-out drop. */
export function reduceDropStock(drops: Drop[], e: { dropId: string; remaining: number }): Drop[] {
  const i = drops.findIndex((d) => d.id === e.dropId);
  const drop = drops[i];
  if (!drop || drop.remaining === e.remaining) return drops;
  const remaining = Math.max(0, e.remaining);
  let status = drop.status;
  if (status !== 'closed') {
    if (remaining === 0) status = 'sold-out';
    else if (status === 'sold-out') status = 'open';
  }
  const next = [...drops];
  next[i] = { ...drop, remaining, status };
  return next;
}

export function reduceLottery(lotteries: Lottery[], streamId: string | null, lottery: Lottery): Lottery[] {
  if (lottery.streamId !== streamId) return lotteries;
  const rest = lotteries.filter((l) => l.id !== lottery.id);
  return [...rest, lottery].sort(newestFirst);
}

export function reduceLotteryEntries(lotteries: Lottery[], e: { lotteryId: string; count: number }): Lottery[] {
  const i = lotteries.findIndex((l) => l.id === e.lotteryId);
  const lottery = lotteries[i];
  if (!lottery || lottery.entries === e.count) return lotteries;
  const next = [...lotteries];
  next[i] = { ...lottery, entries: e.count };
  return next;
}

export function reduceLotteryDrawn(lotteries: Lottery[], e: { lotteryId: string; winners: LotteryWinner[] }, at: number): Lottery[] {
  const i = lotteries.findIndex((l) => l.id === e.lotteryId);
  const lottery = lotteries[i];
  if (!lottery) return lotteries;
  const next = [...lotteries];
  next[i] = { ...lottery, status: 'drawn', winnerList: e.winners, drawnAt: lottery.drawnAt ?? at };
  return next;
}

/** A heartbeat ack: the chest and pause flags, and the credited seconds (a guest's add up to what sign-up keeps). */
export function reduceHeartbeat(watch: WatchStatus, reply: HeartbeatReply, beat: { isGuest: boolean; countable: boolean }): WatchStatus {
  const { isGuest } = beat;
  return {
    ...watch,
    guestCreditedSeconds: watch.guestCreditedSeconds + (isGuest ? reply.credited : 0),
    sessionCreditedSeconds: watch.sessionCreditedSeconds + reply.credited,
    chestReady: isGuest ? false : reply.chestReady,
    paused: reply.paused,
    counting: beat.countable && !reply.paused,
  };
}

/** A claim ack: replaces the same claim or goes first (newest first). */
export function reduceClaims(claims: ClaimView[], claim: ClaimView): ClaimView[] {
  const i = claims.findIndex((c) => c.id === claim.id);
  if (i < 0) return [claim, ...claims];
  const next = [...claims];
  next[i] = claim;
  return next;
}

/**
 * A points event becomes the newest ledger line at once (the server's entry has
 * the same key; a later refetch replaces it). A key already listed is not added twice.
 */
export function reduceLedgerWithPoints(ledger: LedgerState, e: PointsEvent, memberId: string, streamId: string | null, at: number): LedgerState {
  if (ledger.status !== 'ready' || ledger.entries.some((x) => x.key === e.key)) return ledger;
  const entry: LedgerEntry = { id: `live:${e.key}`, key: e.key, memberId, delta: e.delta, reason: e.reason as LedgerReason, streamId, at };
  return { ...ledger, entries: [entry, ...ledger.entries] };
}
