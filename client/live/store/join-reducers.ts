/**
 * What a (re)join brings into the room (the `stream:join` ack): the show's
 * recent comments, and a member's own state there (check-in, like cap,
 * claims, lottery entries), so a refreshed page shows what it showed before.
 * Pure, unit-tested in test/unit/join-reducers.test.ts.
 */
import type { CommentEvent, MemberShowState } from '../../../shared/events.ts';
import type { ClaimView } from '../logic/drops.ts';
import { commentItem, reduceClaims } from './reducers.ts';
import type { CheckinState, FeedItem } from './types.ts';

/** The feed's newest sequence number (0 when empty): a join marks it, to tell pushes that came during the join. */
export function lastFeedSeq(feed: readonly FeedItem[]): number {
  return feed[feed.length - 1]?.seq ?? 0;
}

/**
 * The chat after a join: the show's history (oldest first, removed comments
 * already left out by the server), then whatever was pushed while the join
 * was under way (items after `sinceSeq`), one of each comment. What the feed
 * held from an earlier connection gives way to the history: comments removed
 * meanwhile are gone from it.
 */
export function reduceHistory(feed: FeedItem[], streamId: string | null, history: readonly CommentEvent[], sinceSeq: number): FeedItem[] {
  const ours = history.filter((c) => c.streamId === streamId);
  const ids = new Set(ours.map((c) => c.id));
  const during = feed.filter((f) => f.seq > sinceSeq && !(f.kind === 'comment' && ids.has(f.id)));
  if (ours.length === 0 && during.length === feed.length) return feed;
  let seq = 0;
  const items: FeedItem[] = ours.map((c) => commentItem(c, ++seq));
  return [...items, ...during.map((f) => ({ ...f, seq: ++seq }))];
}

/** The parts of the room's state a member's show state sets. */
export interface MemberShowSlices {
  claims: ClaimView[];
  entered: Record<string, number>;
  checkin: CheckinState;
  likesCapped: boolean;
}

/**
 * A member's state in the show as the join read it: their claims replace the
 * same claims held (others stay: other shows', or one just made), their
 * entries join those known, today's check-in shows done, and the like cap
 * shows reached. A check-in in flight is left to its own answer.
 */
export function reduceMemberShowState(current: MemberShowSlices, mine: MemberShowState): MemberShowSlices {
  const claims = [...mine.claims].reverse().reduce<ClaimView[]>((held, claim) => reduceClaims(held, claim), current.claims);
  const entered = { ...current.entered };
  for (const e of mine.entries) entered[e.lotteryId] = e.weight;
  const checkin: CheckinState =
    mine.checkin.done && current.checkin.status !== 'busy' ? { status: 'done', streak: mine.checkin.streak } : current.checkin;
  return { claims, entered, checkin, likesCapped: mine.likes.capped };
}
