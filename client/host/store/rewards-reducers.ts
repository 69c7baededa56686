/**
 * The redemption queue as pure functions: the rows read for one status
 * (GET /api/redemptions, oldest first) and a `redemption` push applied to them.
 */
import type { Redemption, RedemptionStatus } from '../../../shared/rewards.ts';

export interface RedemptionQueue {
  /** the status the host is looking at */
  status: RedemptionStatus;
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** oldest first, only redemptions of `status` */
  rows: Redemption[];
}

export const EMPTY_QUEUE: RedemptionQueue = { status: 'pending', state: 'idle', rows: [] };

const oldestFirst = (a: Redemption, b: Redemption) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A redemption made or settled: it joins the list when it has the status shown
 * (in its place by time), takes its new state when listed, and leaves when it
 * no longer has that status (a fulfilled one leaves the pending queue). An
 * older copy (a late push) never undoes a newer one.
 */
export function applyRedemptionPush(queue: RedemptionQueue, redemption: Redemption): RedemptionQueue {
  const i = queue.rows.findIndex((r) => r.id === redemption.id);
  const held = i >= 0 ? queue.rows[i]! : null;
  if (held && held.updatedAt > redemption.updatedAt) return queue;
  const others = i >= 0 ? queue.rows.filter((_, j) => j !== i) : queue.rows;
  if (redemption.status !== queue.status) return held ? { ...queue, rows: others } : queue;
  return { ...queue, rows: [...others, redemption].sort(oldestFirst) };
}
