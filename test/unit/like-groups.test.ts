import { describe, expect, it } from 'vitest';
import { groupLedgerRows, LIKE_TOAST_GROUP_MS, pushToastGrouped } from '../../client/live/logic/like-groups.ts';
import type { Toast } from '../../client/live/store/types.ts';
import type { LedgerEntry } from '../../shared/models.ts';

const like = { kind: 'points', delta: 1, reason: 'like' } as const;

describe('like toasts', () => {
  it('folds a burst of likes into one toast with their count and total, keeping its id', () => {
    let toasts: Toast[] = [];
    let id = 1;
    for (const at of [1000, 1500, 2200, 3000]) toasts = pushToastGrouped(toasts, like, id++, at, 4);
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ id: 1, delta: 4, count: 4, at: 3000 });
  });

  it('starts a new toast after a pause, and never folds other points or a spend', () => {
    let toasts = pushToastGrouped([], like, 1, 0, 4);
    toasts = pushToastGrouped(toasts, like, 2, LIKE_TOAST_GROUP_MS + 1, 4);
    expect(toasts.map((t) => t.count)).toEqual([1, 1]);
    toasts = pushToastGrouped(toasts, { kind: 'points', delta: 2, reason: 'comment' }, 3, LIKE_TOAST_GROUP_MS + 2, 4);
    toasts = pushToastGrouped(toasts, { kind: 'points', delta: -1, reason: 'like' }, 4, LIKE_TOAST_GROUP_MS + 3, 4);
    expect(toasts.map((t) => [t.reason, t.delta])).toEqual([
      ['like', 1],
      ['like', 1],
      ['comment', 2],
      ['like', -1],
    ]);
    // a like still joins the recent like toast even with a comment toast after it
    toasts = pushToastGrouped(toasts, like, 5, LIKE_TOAST_GROUP_MS + 4, 4);
    expect(toasts).toHaveLength(4);
    expect(toasts[1]).toMatchObject({ id: 2, delta: 2, count: 2 });
  });

  it('keeps at most `limit` toasts, dropping the oldest', () => {
    let toasts: Toast[] = [];
    for (let i = 1; i <= 6; i++) toasts = pushToastGrouped(toasts, { kind: 'info' }, i, i, 4);
    expect(toasts.map((t) => t.id)).toEqual([3, 4, 5, 6]);
  });
});

describe('like rows in the points history', () => {
  let n = 0;
  const entry = (reason: LedgerEntry['reason'], delta: number, at: number, streamId: string | null = 's1'): LedgerEntry => ({
    id: `id${++n}`,
    key: `k${n}`,
    memberId: 'm',
    delta,
    reason,
    streamId,
    at,
  });

  it('folds consecutive likes of one show into a row with count and total; other entries stay single', () => {
    // newest first, as the server pages them
    const entries = [entry('like', 1, 90), entry('like', 1, 80), entry('like', 2, 70), entry('comment', 2, 60), entry('like', 1, 50), entry('watch', 10, 40)];
    const rows = groupLedgerRows(entries);
    expect(rows.map((r) => [r.reason, r.count, r.delta])).toEqual([
      ['like', 3, 4],
      ['comment', 1, 2],
      ['like', 1, 1],
      ['watch', 1, 10],
    ]);
    expect(rows[0]).toMatchObject({ key: entries[0]!.key, at: 90, since: 70 });
  });

  it('does not fold likes of different shows, nor a watch run', () => {
    const rows = groupLedgerRows([entry('like', 1, 3, 'a'), entry('like', 1, 2, 'b'), entry('watch', 10, 1), entry('watch', 10, 0)]);
    expect(rows.map((r) => r.count)).toEqual([1, 1, 1, 1]);
  });
});
