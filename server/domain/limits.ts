/**
 * The sliding-window hit: the one rate-limit rule behind every per-member and
 * per-show limit (likes, comments, shares, join badges, push gates).
 *
 * SqliteEngine.hit loads the hits counted under a key, calls decideHit inside
 * its transaction and stores the writes; `hit-1.lua` mirrors it, and
 * test/differential/hit.test.ts runs the same random sequences through
 * decideHit, SqliteEngine and RedisEngine.
 */

export interface HitResult {
  /** The hit was counted (under the limit). */
  allowed: boolean;
  /** This id had already been counted in the window; nothing changed. */
  duplicate: boolean;
  /** Counted hits in the window after this call. */
  count: number;
}

/** One id counted under a key, and when. */
export interface CountedHit {
  id: string;
  at: number;
}

export interface HitRequest {
  id: string;
  limit: number;
  /** 0 = the window never ends. */
  windowMs: number;
  nowMs: number;
}

export interface HitDecision {
  result: HitResult;
  /** Ids whose hits left the window: removed (no longer counted, and free to count again). */
  expired: string[];
  /** The hit to record, when this call counts it. */
  record: CountedHit | null;
}

/** A hit counted at `at` is in the window while now - at < windowMs (forever when windowMs is 0). */
export function inHitWindow(at: number, nowMs: number, windowMs: number): boolean {
  return windowMs === 0 || nowMs - at < windowMs;
}

/** Engine.hitCount: how many of the counted hits are in the window at nowMs (what decideHit would count). */
export function countInWindow(counted: readonly CountedHit[], nowMs: number, windowMs: number): number {
  return counted.filter((h) => inHitWindow(h.at, nowMs, windowMs)).length;
}

/** Where a member stands against a cap, from what is counted (e.g. paid likes in a show). */
export function capState(count: number, limit: number): { capped: boolean; left: number } {
  return { capped: count >= limit, left: Math.max(0, limit - count) };
}

/**
 * Engine.hit over the hits counted under the key: hits that left the window
 * expire first; an id still counted is a duplicate (nothing changes); at the
 * limit the hit is refused; otherwise it is counted at nowMs.
 */
export function decideHit(counted: readonly CountedHit[], r: HitRequest): HitDecision {
  const live = counted.filter((h) => inHitWindow(h.at, r.nowMs, r.windowMs));
  const expired = counted.filter((h) => !inHitWindow(h.at, r.nowMs, r.windowMs)).map((h) => h.id);
  const count = live.length;
  if (live.some((h) => h.id === r.id)) return { result: { allowed: false, duplicate: true, count }, expired, record: null };
  if (count >= r.limit) return { result: { allowed: false, duplicate: false, count }, expired, record: null };
  return { result: { allowed: true, duplicate: false, count: count + 1 }, expired, record: { id: r.id, at: r.nowMs } };
}
