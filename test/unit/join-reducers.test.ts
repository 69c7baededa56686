import { describe, expect, it } from 'vitest';
import type { CommentEvent, MemberShowState } from '../../shared/events.ts';
import { lastFeedSeq, reduceHistory, reduceMemberShowState, type MemberShowSlices } from '../../client/live/store/join-reducers.ts';
import { reduceBadge, reduceComment } from '../../client/live/store/reducers.ts';
import type { FeedItem } from '../../client/live/store/types.ts';

const c = (id: string, streamId = 's1', at = 1): CommentEvent => ({ id, streamId, memberId: 'm', displayName: 'Mei', tier: 'bronze', text: `text ${id}`, at });
const ids = (feed: FeedItem[]) => feed.map((f) => (f.kind === 'comment' ? f.id : `badge:${f.memberId}`));

describe('a join brings the chat history', () => {
  it('an empty feed becomes the history, oldest first, numbered in order', () => {
    const feed = reduceHistory([], 's1', [c('a'), c('b'), c('other', 's2')], 0);
    expect(ids(feed)).toEqual(['a', 'b']);
    expect(feed.map((f) => f.seq)).toEqual([1, 2]);
  });

  it('pushes that came during the join stay after the history, once each', () => {
    let feed: FeedItem[] = [];
    const mark = lastFeedSeq(feed);
    feed = reduceComment(feed, 's1', c('b')); // pushed during the join, and also in the history
    feed = reduceComment(feed, 's1', c('c')); // pushed during the join, after the history was read
    feed = reduceBadge(feed, 's1', { streamId: 's1', memberId: 'x', displayName: 'X', tier: { id: 'gold', name: 'Gold' } as never, reason: 'joined' }, 5);
    const next = reduceHistory(feed, 's1', [c('a'), c('b')], mark);
    expect(ids(next)).toEqual(['a', 'b', 'c', 'badge:x']);
    expect(next.map((f) => f.seq)).toEqual([1, 2, 3, 4]);
    // A later push of a comment already shown adds nothing.
    expect(reduceComment(next, 's1', c('a'))).toBe(next);
  });

  it('after a reconnect, what the feed held before gives way to the history (a comment removed meanwhile goes)', () => {
    let feed: FeedItem[] = [];
    for (const id of ['a', 'b', 'c']) feed = reduceComment(feed, 's1', c(id));
    const next = reduceHistory(feed, 's1', [c('a'), c('c'), c('d')], lastFeedSeq(feed));
    expect(ids(next)).toEqual(['a', 'c', 'd']);
  });

  it('no history and nothing to drop keeps the same feed', () => {
    const feed = reduceComment([], 's1', c('a'));
    expect(reduceHistory(feed, 's1', [], 0)).toBe(feed);
  });
});

describe("a join brings the member's state in the show", () => {
  const held: MemberShowSlices = {
    claims: [{ id: 'other-show', dropId: 'd9', status: 'reserved', expiresAt: 50, checkoutRef: 'FR-9' }],
    entered: { l0: 1 },
    checkin: { status: 'idle', streak: null },
    likesCapped: false,
  };
  const mine: MemberShowState = {
    checkin: { done: true, streak: 3 },
    likes: { capped: true, left: 0 },
    claims: [
      { id: 'new', dropId: 'd2', memberId: 'm', requestId: 'r2', status: 'reserved', expiresAt: 900, checkoutRef: 'FR-2', createdAt: 2, updatedAt: 2, checkoutUrl: 'https://shop.test/pay?ref=FR-2', paymentInstructions: null },
      { id: 'old', dropId: 'd1', memberId: 'm', requestId: 'r1', status: 'confirmed', expiresAt: 800, checkoutRef: 'FR-1', createdAt: 1, updatedAt: 3, checkoutUrl: null, paymentInstructions: 'Transfer to 012-345' },
    ],
    entries: [{ lotteryId: 'l1', weight: 2 }],
  };

  it('shows the check-in done, the like cap reached, the claims newest first and the entries', () => {
    const next = reduceMemberShowState(held, mine);
    expect(next.checkin).toEqual({ status: 'done', streak: 3 });
    expect(next.likesCapped).toBe(true);
    expect(next.claims.map((x) => [x.id, x.status])).toEqual([
      ['new', 'reserved'],
      ['old', 'confirmed'],
      ['other-show', 'reserved'],
    ]);
    expect(next.entered).toEqual({ l0: 1, l1: 2 });
    // a refreshed page offers "Pay now" (or the seller's instructions) again
    expect(next.claims.find((x) => x.id === 'new')?.checkoutUrl).toBe('https://shop.test/pay?ref=FR-2');
    expect(next.claims.find((x) => x.id === 'old')?.paymentInstructions).toBe('Transfer to 012-345');
  });

  it('a claim held replaces its older copy; a check-in not done and a cap not reached say so', () => {
    const before = { ...held, claims: [{ id: 'old', dropId: 'd1', status: 'reserved' as const, expiresAt: 800, checkoutRef: 'FR-1' }], likesCapped: true };
    const next = reduceMemberShowState(before, { ...mine, checkin: { done: false, streak: 0 }, likes: { capped: false, left: 2 } });
    expect(next.claims.filter((x) => x.id === 'old')).toEqual([expect.objectContaining({ status: 'confirmed' })]);
    expect(next.checkin).toEqual(held.checkin);
    expect(next.likesCapped).toBe(false);
  });

  it('leaves a check-in in flight to its own answer', () => {
    const busy = { ...held, checkin: { status: 'busy' as const, streak: null } };
    expect(reduceMemberShowState(busy, mine).checkin).toEqual(busy.checkin);
  });
});
