/**
 * Pure reducers for everything the server pushes into the live room. Each
 * takes the current piece of state and one event and returns the next piece
 * (the same reference when nothing changes, so subscribers do not re-render).
 * Events for another show are ignored. What a drop, stock, lottery, entries,
 * draw or presence event means is decided once for the three screens in
 * client/common/room-reducers.ts; a member's tier, its next tier and the
 * points toward it are the server's (MemberState and the points and tier
 * pushes carry them). Unit-tested in test/unit/live-reducers.test.ts (and
 * the community goals, badges and chat badges in live-goals-badges.test.ts).
 */
import * as common from '../../common/room-reducers.ts';
import type { BadgeUnlockedEvent, MemberBadge } from '../../../shared/achievements.ts';
import type { GoalCompletedEvent, GoalsEvent, GoalView } from '../../../shared/community-goals.ts';
import type {
  BadgeEvent,
  CommentEvent,
  CommentRemovedEvent,
  DropStockEvent,
  HeartbeatReply,
  LeaderboardEvent,
  LotteryDrawnEvent,
  LotteryEntriesEvent,
  ModerationEvent,
  PointsEvent,
  PresenceEvent,
  TierEvent,
} from '../../../shared/events.ts';
import type { LeaderboardEntry, LedgerEntry, LedgerReason, MemberState, Stream } from '../../../shared/models.ts';
import type { Claim, Drop, Lottery, MemberClaim } from '../../../shared/perks.ts';
import { claimView, type ClaimView } from '../logic/drops.ts';
import type { CheckinState, FeedItem, LedgerState, Presence, WatchStatus } from './types.ts';

/** The chat keeps the newest this many lines. */
export const FEED_LIMIT = 100;

export function reducePresence(current: Presence, streamId: string | null, e: PresenceEvent): Presence {
  return e.streamId === streamId ? common.withPresence(current, e) : current;
}

/** A points event carries the new balance and, for an award, the points earned toward the tier. */
export function reducePoints(me: MemberState | null, e: PointsEvent): MemberState | null {
  if (!me) return me;
  return { ...me, balance: e.balance, earned365: e.earned365 ?? me.earned365 };
}

/** Balance from an ack (heartbeat, chest, interaction); points events remain the source of the toasts. */
export function reduceBalance(me: MemberState | null, balance: number | undefined): MemberState | null {
  if (!me || balance === undefined || me.balance === balance) return me;
  return { ...me, balance };
}

/** A tier change: the new tier, the one after it and the points earned, all as the server says. */
export function reduceTier(me: MemberState | null, e: TierEvent): MemberState | null {
  if (!me) return me;
  return { ...me, tier: e.tier, nextTier: e.next, earned365: e.earned365 };
}

/** A member state read from the server says whether today's check-in is done; one made on this page is never undone by it. */
export function reduceCheckinFromMe(checkin: CheckinState, me: MemberState | null): CheckinState {
  if (!me?.checkin || checkin.status !== 'idle') return checkin;
  return { status: 'done', streak: me.checkin.streak };
}

function nextSeq(feed: readonly FeedItem[]): number {
  return (feed[feed.length - 1]?.seq ?? 0) + 1;
}

/** A comment as a chat line, with the commenter's badge ids when it carries any. */
export function commentItem(e: CommentEvent, seq: number): FeedItem {
  const { id, memberId, displayName, tier, text, at, badges } = e;
  return { kind: 'comment', seq, id, memberId, displayName, tier, text, at, ...(badges && badges.length > 0 ? { badges } : {}) };
}

/** Comments append at the bottom (newest last); the oldest fall off past `limit`. */
export function reduceComment(feed: FeedItem[], streamId: string | null, e: CommentEvent, limit = FEED_LIMIT): FeedItem[] {
  // A comment already shown (the join's history and a push can both bring it) is shown once.
  if (e.streamId !== streamId || feed.some((f) => f.kind === 'comment' && f.id === e.id)) return feed;
  const next = [...feed, commentItem(e, nextSeq(feed))];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The host removed a comment: it leaves the feed (unknown ids and other shows change nothing). */
export function reduceCommentRemoved(feed: FeedItem[], streamId: string | null, e: CommentRemovedEvent): FeedItem[] {
  if (e.streamId !== streamId || !feed.some((f) => f.kind === 'comment' && f.id === e.id)) return feed;
  return feed.filter((f) => f.kind !== 'comment' || f.id !== e.id);
}

/** Slow mode as the room last announced it (0 = off); other shows change nothing. */
export function reduceSlowMode(current: number, streamId: string | null, e: ModerationEvent): number {
  return e.streamId === streamId ? e.slowModeSeconds : current;
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

/** A drop appeared or changed (closed): merged over the one held, newest first. */
export function reduceDrop(drops: Drop[], streamId: string | null, drop: Drop): Drop[] {
  return drop.streamId === streamId ? common.upsertById(drops, drop, common.mergeDrop) : drops;
}

/** The show's drops as just read over HTTP. */
export function reduceDrops(drops: Drop[], incoming: Drop[]): Drop[] {
  return common.replaceAll(drops, incoming, common.mergeDrop);
}

export function reduceDropStock(drops: Drop[], e: DropStockEvent): Drop[] {
  return common.updateById(drops, e.dropId, (d) => common.withStock(d, e));
}

export function reduceLottery(lotteries: Lottery[], streamId: string | null, lottery: Lottery): Lottery[] {
  return lottery.streamId === streamId ? common.upsertById(lotteries, lottery, common.mergeLottery) : lotteries;
}

export function reduceLotteries(lotteries: Lottery[], incoming: Lottery[]): Lottery[] {
  return common.replaceAll(lotteries, incoming, common.mergeLottery);
}

export function reduceLotteryEntries(lotteries: Lottery[], e: LotteryEntriesEvent): Lottery[] {
  return common.updateById(lotteries, e.lotteryId, (l) => common.withEntries(l, e));
}

export function reduceLotteryDrawn(lotteries: Lottery[], e: LotteryDrawnEvent, at: number): Lottery[] {
  return common.updateById(lotteries, e.lotteryId, (l) => common.withDraw(l, e, at));
}

/** A heartbeat ack: the chest and pause flags, and the credited seconds (a guest's add up to what sign-up keeps). */
export function reduceHeartbeat(watch: WatchStatus, reply: HeartbeatReply, beat: { isGuest: boolean; countable: boolean }): WatchStatus {
  const { isGuest } = beat;
  return {
    ...watch,
    guestCreditedSeconds: watch.guestCreditedSeconds + (isGuest ? reply.credited : 0),
    sessionCreditedSeconds: watch.sessionCreditedSeconds + reply.credited,
    watchedMs: reply.watchedMs ?? watch.watchedMs,
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
 * A `claim` push (this member's claim, from any tab or from the seller): a
 * confirmed one shows paid, a lapsed or cancelled one leaves the list, a new one
 * goes first. What the ack told us (the checkout link) stays. A late
 * 'reserved' never undoes a later status. `known` says whether the claim was
 * listed before (an unknown one has no link yet: the caller reads the claims again).
 */
export function reduceClaimPush(claims: ClaimView[], claim: Claim): { claims: ClaimView[]; known: boolean } {
  const i = claims.findIndex((c) => c.id === claim.id);
  const gone = claim.status !== 'reserved' && claim.status !== 'confirmed';
  if (i < 0) {
    if (gone) return { claims, known: false };
    const { id, dropId, status, expiresAt, checkoutRef } = claim;
    return { claims: [{ id, dropId, status, expiresAt, checkoutRef }, ...claims], known: false };
  }
  if (gone) return { claims: claims.filter((c) => c.id !== claim.id), known: true };
  const held = claims[i]!;
  if (claim.status === 'reserved' && held.status !== 'reserved') return { claims, known: true };
  const next = [...claims];
  next[i] = { ...held, status: claim.status, expiresAt: claim.expiresAt };
  return { claims: next, known: true };
}

/**
 * The member's claims read again after a push named one we did not know: each
 * listed claim gets its checkout link; a status the pushes already moved on is
 * kept (the read may be older than the push); claims the read did not have yet
 * stay.
 */
export function reduceClaimsRead(claims: ClaimView[], read: MemberClaim[]): ClaimView[] {
  const byId = new Map(read.map((c) => [c.id, c]));
  const held = claims.map((c) => {
    const fresh = byId.get(c.id);
    byId.delete(c.id);
    if (!fresh) return c;
    return { ...claimView(fresh), status: c.status !== 'reserved' ? c.status : fresh.status, expiresAt: c.expiresAt };
  });
  return [...held, ...[...byId.values()].map(claimView)];
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

// ---- community goals (issue 14) ----

/**
 * A goal as pushed or read over the one held. Pushes are coalesced and a
 * read races with them, so an older view may land last: the room's progress
 * never goes back (likes, watch time and points only add) and a reached goal
 * stays reached. The held object when nothing changed.
 */
function mergeGoal(known: GoalView | undefined, incoming: GoalView): GoalView {
  if (!known) return incoming;
  let next = incoming.progress < known.progress ? { ...incoming, progress: known.progress } : incoming;
  if (known.status === 'completed' && next.status === 'active') next = { ...next, status: 'completed', completedAt: known.completedAt };
  const same = next.title === known.title && next.target === known.target && next.progress === known.progress && next.status === known.status && next.dropId === known.dropId;
  return same ? known : next;
}

/**
 * The show's goals as a `goals` push or a read brings them: the list is the
 * incoming one (an archived goal leaves it), each merged over the one held.
 * Another show's list changes nothing; held goals of another show (a show
 * switch) give way. The same list when nothing changed.
 */
export function reduceGoals(held: GoalView[], streamId: string | null, e: GoalsEvent): GoalView[] {
  if (e.streamId !== streamId) return held;
  const known = new Map(held.filter((g) => g.streamId === streamId).map((g) => [g.id, g]));
  const next = e.goals.filter((g) => g.status !== 'archived').map((g) => mergeGoal(known.get(g.id), g));
  return next.length === held.length && next.every((g, i) => g === held[i]) ? held : next;
}

/** A goal reached its target (`goal:completed`): shown reached at once, added if it was not held yet. */
export function reduceGoalCompleted(held: GoalView[], streamId: string | null, e: GoalCompletedEvent): GoalView[] {
  if (e.streamId !== streamId) return held;
  if (!held.some((g) => g.id === e.goal.id)) return [...held, e.goal];
  return common.updateById(held, e.goal.id, (g) => mergeGoal(g, e.goal));
}

// ---- badges (issue 14) ----

/** A badge this member unlocked (`badge:unlocked`, to their own tabs only): added once, at the end (the server lists them oldest first). */
export function reduceBadgeUnlocked(badges: MemberBadge[], e: BadgeUnlockedEvent): MemberBadge[] {
  return badges.some((b) => b.id === e.badge.id) ? badges : [...badges, e.badge];
}
