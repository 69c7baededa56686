/**
 * A drop's stock as the PerksEngine keeps it: how many units, how many left,
 * the per-member limit and whether it is closed to new claims. Pure rules for
 * defining and closing it; the claim lifecycle that moves `remaining` is in
 * claims.ts. Both engines apply these (SqlitePerksEngine calls them, the
 * drop Lua scripts mirror them and name them in their headers).
 */

export interface DropStockSpec {
  dropId: string;
  stock: number;
  perMemberLimit: number;
}

/** The stock of one known drop. */
export interface DropState {
  stock: number;
  /** Units neither reserved nor confirmed: stock − reserved − confirmed. */
  remaining: number;
  perMemberLimit: number;
  closed: boolean;
}

/**
 * Defining a drop: the first definition sets stock and limit, with every unit
 * left; a drop known before keeps what it has (null: nothing to write), so a
 * retried define never refills stock that was claimed.
 */
export function defineDrop(known: DropState | null, spec: DropStockSpec): DropState | null {
  if (known) return null;
  return { stock: spec.stock, remaining: spec.stock, perMemberLimit: spec.perMemberLimit, closed: false };
}

/**
 * Closing a drop to new claims: a known drop becomes closed (its reservations
 * keep their course); an unknown drop stays unknown (null: nothing to write),
 * so closing never creates a drop without stock.
 */
export function closeDrop(known: DropState | null): DropState | null {
  return known ? { ...known, closed: true } : null;
}

/**
 * A settled drop can change no more: closed (no new claims) and no reservation
 * left (no expiry or confirmation to come). Only RedisPerksEngine acts on it,
 * to stop reading the drop's outbox (lua/dropRetire-2.lua).
 */
export function dropSettled(drop: { closed: boolean; reserved: number } | null): boolean {
  return drop !== null && drop.closed && drop.reserved === 0;
}
