/**
 * Points expiry (issue 13), as pure rules over a member's ledger: points
 * expire in the order they were earned, `expireAfterDays` after they came in;
 * every spend (and reversal, and earlier expiry) uses up the oldest points
 * first. Each lot that runs out of time with points left makes one expiry
 * entry with a deterministic key, `expiry:<entry id of the lot>`, so applying
 * the same history twice expires nothing twice. Tiers are not touched: they
 * count points earned, and an expiry is not an un-earning.
 */
import type { LedgerEntry } from '../../shared/models.ts';

export const DAY_MS = 86_400_000;

export interface Lot {
  /** The entry that brought the points. */
  entryId: string;
  at: number;
  expiresAt: number;
  /** Points of it not yet used or expired. */
  left: number;
}

export interface ExpiryDue {
  key: string;
  points: number;
  /** When the lot ran out of time. */
  at: number;
}

/**
 * The lots still holding points after walking the ledger in time order, FIFO,
 * with every lot whose time ran out by `now` expired on the way (returned as
 * `due`, unless its expiry entry is already in the ledger — then it was
 * consumed like any other debit).
 */
export function walkLots(entries: readonly LedgerEntry[], now: number, expireAfterDays: number): { lots: Lot[]; due: ExpiryDue[] } {
  const lifetime = expireAfterDays * DAY_MS;
  const sorted = [...entries].sort((a, b) => a.at - b.at || (a.delta > 0 ? -1 : 1) - (b.delta > 0 ? -1 : 1) || (a.id < b.id ? -1 : 1));
  const recorded = new Set(sorted.filter((e) => e.key.startsWith('expiry:')).map((e) => e.key));
  const lots: Lot[] = [];
  const due: ExpiryDue[] = [];
  const expireUpTo = (t: number) => {
    for (const lot of lots) {
      if (lot.left > 0 && lot.expiresAt <= t) {
        const key = expiryKey(lot.entryId);
        if (!recorded.has(key)) due.push({ key, points: lot.left, at: lot.expiresAt });
        lot.left = 0;
      }
    }
  };
  for (const e of sorted) {
    // What ran out before this entry is gone before it is counted (a recorded expiry entry is skipped: its lot is zeroed here).
    expireUpTo(e.at);
    if (e.key.startsWith('expiry:')) continue;
    if (e.delta > 0) lots.push({ entryId: e.id, at: e.at, expiresAt: e.at + lifetime, left: e.delta });
    else consume(lots, -e.delta);
  }
  expireUpTo(now);
  return { lots: lots.filter((l) => l.left > 0), due };
}

export function expiryKey(lotEntryId: string): string {
  return `expiry:${lotEntryId}`;
}

/** The next points to expire and when, for "N points expire on D"; null when nothing is set to expire. */
export function nextExpiring(lots: readonly Lot[]): { points: number; at: number } | null {
  if (lots.length === 0) return null;
  const at = Math.min(...lots.map((l) => l.expiresAt));
  return { points: lots.filter((l) => l.expiresAt === at).reduce((s, l) => s + l.left, 0), at };
}

/** Uses up `points` from the oldest lots first. */
function consume(lots: Lot[], points: number): void {
  let rest = points;
  for (const lot of lots) {
    if (rest <= 0) break;
    const take = Math.min(lot.left, rest);
    lot.left -= take;
    rest -= take;
  }
}
