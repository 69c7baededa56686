/**
 * Likes come in bursts: a viewer taps the heart four times in two seconds.
 * Shown one by one they stack four toasts over the video and fill the points
 * history with "+1 Like" rows. These pure functions fold a burst into one
 * toast ("+4 · 4 likes") and consecutive like entries into one history row.
 */
import type { LedgerEntry } from '../../../shared/models.ts';
import type { Toast } from '../store/types.ts';

/** A like toast keeps absorbing likes while each arrives within this of the previous one. */
export const LIKE_TOAST_GROUP_MS = 4000;

const isLikeToast = (t: Pick<Toast, 'kind' | 'reason' | 'delta'>) => t.kind === 'points' && t.reason === 'like' && (t.delta ?? 0) > 0;

/**
 * The toasts after `incoming` arrives at `now`: a like joins the like toast
 * still on screen from the last LIKE_TOAST_GROUP_MS (its id kept, so it stays
 * where it is; its count, total and time updated), anything else is added.
 * At most `limit` toasts stay, the oldest making room.
 */
export function pushToastGrouped(toasts: readonly Toast[], incoming: Omit<Toast, 'id'>, id: number, now: number, limit: number): Toast[] {
  if (isLikeToast(incoming)) {
    let i = toasts.length - 1;
    while (i >= 0 && !(isLikeToast(toasts[i]!) && now - (toasts[i]!.at ?? 0) <= LIKE_TOAST_GROUP_MS)) i--;
    if (i >= 0) {
      const group = toasts[i]!;
      const merged: Toast = { ...group, delta: (group.delta ?? 0) + (incoming.delta ?? 0), count: (group.count ?? 1) + 1, at: now };
      return toasts.map((t, j) => (j === i ? merged : t));
    }
  }
  return [...toasts, { ...incoming, id, at: now, count: 1 }].slice(-limit);
}

/** One row of the points history: a single entry, or a run of consecutive likes in one show. */
export interface LedgerRow {
  /** the first (newest) entry's key: stable while older entries are paged in */
  key: string;
  reason: LedgerEntry['reason'];
  delta: number;
  /** how many entries the row stands for (1 for a single entry) */
  count: number;
  /** the newest entry's time */
  at: number;
  /** the oldest entry's time (== at for a single entry) */
  since: number;
}

const groupable = (e: LedgerEntry) => e.reason === 'like' && e.delta > 0;

/** Newest-first entries as rows: consecutive likes of the same show become one row with their count and total. */
export function groupLedgerRows(entries: readonly LedgerEntry[]): LedgerRow[] {
  const rows: LedgerRow[] = [];
  let runStream: string | null | undefined;
  for (const e of entries) {
    const last = rows[rows.length - 1];
    if (last && groupable(e) && last.reason === 'like' && last.delta > 0 && runStream === e.streamId) {
      last.delta += e.delta;
      last.count += 1;
      last.since = e.at;
      continue;
    }
    rows.push({ key: e.key, reason: e.reason, delta: e.delta, count: 1, at: e.at, since: e.at });
    runStream = groupable(e) ? e.streamId : undefined;
  }
  return rows;
}
