/**
 * Throttle port: named fixed-window counters keyed by strings, for limits
 * that must hold across processes (authentication failures, sign-ups per
 * address). Two implementations (throttle-flexible.ts), chosen in app.ts:
 * MemoryThrottle (embedded mode: one process) and RedisThrottle (Redis mode:
 * every process on one Redis shares the counts).
 *
 * Time is the wall clock of the store (not the app's Clock): lockouts are
 * real seconds a client waits.
 */

/** One counter family: at most `points` per `durationSeconds` per key. */
export interface CounterSpec {
  /** Distinct per family: two families never share a key. */
  name: string;
  points: number;
  durationSeconds: number;
}

export interface Count {
  /** Points counted against the key in its current window (over `points` when blocked). */
  count: number;
  /** ms until the window (or the block) ends. */
  msBeforeNext: number;
}

export interface Counter {
  readonly spec: CounterSpec;
  /** ms the key must still wait because it is over the limit (0: it is not). Counts nothing. */
  blockedFor(key: string): Promise<number>;
  /**
   * Counts `points` (default 1) against the key, atomically across processes
   * (one INCR-and-expire script in Redis). Never refuses: the caller decides
   * from the returned count. The first count opens a window of durationSeconds.
   */
  add(key: string, points?: number): Promise<Count>;
  /** Points counted against the key in its current window (0: none). */
  current(key: string): Promise<number>;
  /** Takes `points` (default 1) back, atomically; the window keeps its end. */
  remove(key: string, points?: number): Promise<void>;
  /** Holds the key over the limit for `seconds` from now (replaces its window). */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets the key (its count and any block). Idempotent. */
  reset(key: string): Promise<void>;
}

export interface Throttle {
  readonly kind: 'memory' | 'redis';
  /** Connects (Redis); a no-op in memory. */
  init(): Promise<void>;
  /** The counter family for `spec`; the same spec name always reaches the same counts. */
  counter(spec: CounterSpec): Counter;
  close(): Promise<void>;
}
