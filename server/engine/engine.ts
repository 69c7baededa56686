/**
 * Engine: the hot state of Front Row behind a dozen atomic primitives.
 *
 * Two implementations, one contract (test/contract/engine-contract.ts):
 * - SqliteEngine (embedded, engine/sqlite/): SQLite transactions in the DATA_DIR file; presence in memory.
 * - RedisEngine (engine/redis/): ioredis + one Lua script per multi-step primitive (engine/redis/lua/).
 *
 * Rules live in server/domain, one pure function per step (each method below
 * names its own). An engine loads the state the step reads, calls the function
 * and stores what it decided, atomically; it makes no decision of its own. The
 * Lua scripts mirror the same functions (each header says which), and
 * test/differential/ runs random operation sequences through the function,
 * SqliteEngine and RedisEngine and compares every reply and the final state.
 * Arguments are checked once, by engine-args.ts, before either engine runs a
 * step. Time is always an argument (epoch ms), never read here.
 *
 * Durability: when a promise resolves, the change is durable: SqliteEngine has
 * committed the transaction; RedisEngine has run the script on Redis, which
 * also appended each new ledger entry to a Redis stream that the engine copies,
 * idempotently by key, into the durable store (`LedgerSink`), so `flush()` and
 * a restart after a crash both converge on store ledger == engine balances.
 */
import type { PresenceCount } from '../../shared/models.ts';
import type { AwardInput, LedgerResult, RefundInput, SpendInput } from '../domain/ledger.ts';
import type { CheckinResult } from '../domain/checkin.ts';
import type { ReversalInput, ReversalResult } from '../domain/reversal.ts';
import type { HitResult } from '../domain/limits.ts';
import type { PresenceChange } from '../domain/presence.ts';
import type { BeatAwardInput, BeatAwardResult, CappedAwardInput, CappedAwardResult } from '../domain/award-paths.ts';
import type { Beat, ClockClaim, WatchClock, WatchState } from '../domain/watch.ts';

// The ledger, hit and check-in types belong to their rules (server/domain/); the port re-exports them.
export type { AwardInput, LedgerResult, RefundInput, SpendInput } from '../domain/ledger.ts';
export type { HitResult } from '../domain/limits.ts';
export type { ReversalInput, ReversalResult } from '../domain/reversal.ts';
export type { CheckinResult } from '../domain/checkin.ts';
export type { BeatAwardInput, BeatAwardResult, CappedAwardInput, CappedAwardResult } from '../domain/award-paths.ts';

/** The reply of join and leave; its rules are domain/presence.ts. */
export type { PresenceChange } from '../domain/presence.ts';

export interface StreamStats {
  /** Credited watch time of members in this show. */
  watchMs: number;
  /** Sum of positive ledger deltas with this streamId. */
  pointsIssued: number;
}

export interface Engine {
  readonly kind: 'sqlite' | 'redis';

  init(): Promise<void>;
  /** Stops timers, copies pending ledger entries to the sink, closes connections. */
  close(): Promise<void>;
  /** Test-only: forget all state of this engine instance (its prefix / tables). */
  resetForTests(): Promise<void>;
  /** Resolves once every ledger entry applied so far is in the sink. No-op for SQLite. */
  flush(): Promise<void>;

  // ---- presence ---------------------------------------------------------
  // viewerKey is 'm:<memberId>' for members, 'g:<connId>' for guests; one
  // viewer may hold many connections (tabs, reconnects). connIds are unique
  // per process instance (prefix them with the process id).

  /**
   * Atomic. Idempotent per (streamId, connId): joining twice counts once. A
   * known connection joining as another viewer (a guest who signed in) moves
   * over: lastConnection says it was the old viewer's last (domain/presence.ts join()).
   */
  join(streamId: string, connId: string, viewerKey: string): Promise<PresenceChange>;
  /** Atomic. Unknown connId: no change (firstConnection/lastConnection false). */
  leave(streamId: string, connId: string): Promise<PresenceChange>;
  presence(streamId: string): Promise<PresenceCount>;

  // ---- watch accrual (per member per show) -------------------------------

  /**
   * Atomic. Creates the member's watch state for the show if absent
   * (`newWatchState(nowMs, referrerId)`), else counts as an interaction
   * (lastInteractionAt = nowMs). `firstVisit` is true only for the call that created it.
   */
  beginWatch(streamId: string, memberId: string, nowMs: number, referrerId: string | null): Promise<{ firstVisit: boolean; state: WatchState }>;
  /**
   * Atomic read-modify-write of `domain/watch.accrue` (state created first if
   * absent, as beginWatch with no referrer). Also adds creditedMs to the show's
   * stats. Concurrent beats of several tabs serialize: time is never credited twice.
   */
  accrueWatch(streamId: string, memberId: string, beat: Beat): Promise<{ state: WatchState; creditedMs: number; previousTotalMs: number; paused: boolean }>;
  /**
   * Atomic read-modify-write of `domain/watch.creditWatch`: a guest connection
   * that joined at `sinceMs` brings `ms` of watch time on sign-up; credited up
   * to the wall-clock room of the member's one clock in the show (state
   * created first if absent), and added to the show's stats. Returns the state
   * after, the total before and what was credited.
   */
  creditWatch(
    streamId: string,
    memberId: string,
    ms: number,
    sinceMs: number,
    nowMs: number,
  ): Promise<{ state: WatchState; previousTotalMs: number; creditedMs: number }>;
  /**
   * Atomic read-modify-write of `domain/watch.claimWatchClock` on the member's
   * one clock across shows: may `streamId` credit watch time now? Granted
   * renews (or takes over) the lease; refused changes nothing. Serializes across
   * processes, so two shows beating at once never both earn.
   */
  claimWatchClock(memberId: string, streamId: string, nowMs: number, leaseMs: number): Promise<Omit<ClockClaim, 'clock'>>;
  /** The member's clock: which show holds it and its last covered moment; null before any claim. */
  watchClock(memberId: string): Promise<WatchClock | null>;
  /** Atomic. lastInteractionAt = max(current, nowMs); no-op when there is no state. */
  touchWatch(streamId: string, memberId: string, nowMs: number): Promise<void>;
  watchState(streamId: string, memberId: string): Promise<WatchState | null>;
  /** Atomic. chestsClaimed = max(chestsClaimed, n). */
  markChestClaimed(streamId: string, memberId: string, n: number): Promise<void>;

  // ---- ledger -------------------------------------------------------------

  /**
   * Atomic and idempotent by key: when the key is new, appends the entry
   * (id generated), adds delta to the balance, to the member's earned total
   * and earned-per-day buckets, and, with a streamId, to the show's points for
   * that member and the show's pointsIssued. A known key changes nothing and
   * returns the stored entry (with the input member's balance). `delta` must
   * be > 0. The decision is domain/ledger.ts decideAward.
   */
  award(input: AwardInput): Promise<LedgerResult>;
  /**
   * Atomic and idempotent by key: when the key is new and balance ≥ cost,
   * appends an entry with delta = -cost and lowers the balance (earned totals
   * untouched). Balance too low: throws AppError INSUFFICIENT_POINTS. A known
   * key replays its stored entry, even once the balance is too low. The
   * decision is domain/ledger.ts decideSpend.
   */
  spend(input: SpendInput): Promise<LedgerResult>;
  /**
   * Atomic and idempotent by key (domain/reversal.ts decideReversal): takes
   * back `points` earned before (a refunded purchase). When the key is new,
   * the earned total, the `earnedDay` bucket and the all-time leaderboard
   * drop by `points`, and the balance by as much of it as it holds (never
   * below zero): the entry's delta is −taken, the rest is the `shortfall`.
   * Show totals stay. A known key replays its stored entry and changes nothing.
   */
  reverse(input: ReversalInput): Promise<ReversalResult>;
  /**
   * Atomic and idempotent by key: when the key is new, appends an entry with
   * delta = +points and raises the balance only (earned totals, tiers and
   * leaderboards untouched: it gives back what a spend took). A known key
   * replays its stored entry and changes nothing. The decision is
   * domain/ledger.ts decideRefund.
   */
  refund(input: RefundInput): Promise<LedgerResult>;
  balance(memberId: string): Promise<number>;
  /** Points earned (positive deltas) on UTC days ('YYYY-MM-DD', domain/time.ts utcDay) from that of `sinceMs` on. */
  earnedSince(memberId: string, sinceMs: number): Promise<number>;

  // ---- award paths (issue 10: one step per heartbeat, one per paid like) ----

  /**
   * Atomic: a member's heartbeat with what it pays, domain/award-paths.ts
   * beatAward — the clock claim (countable beats), accrual and the show's
   * watch time, the active day when time was credited, and each due watch
   * award (idempotent by its key, as award) at the tier the member held when
   * the step began. One SQLite group-commit call; one Lua script on Redis.
   */
  beatAward(input: BeatAwardInput): Promise<BeatAwardResult>;
  /**
   * Atomic: a like or comment under its cap, domain/award-paths.ts
   * cappedAward — the hit (as hit), the award when it counts or is a
   * duplicate (idempotent by key, as award), touchWatch and the active day.
   */
  cappedAward(input: CappedAwardInput): Promise<CappedAwardResult>;

  // ---- limits, streaks, activity --------------------------------------------

  /**
   * Atomic sliding-window counter: counts `id` under `key` when fewer than
   * `limit` ids were counted in the last `windowMs` (0 = forever). An id
   * already counted in the window is a duplicate: nothing changes.
   * The decision is domain/limits.ts decideHit.
   */
  hit(key: string, id: string, limit: number, windowMs: number, nowMs: number): Promise<HitResult>;
  /**
   * A read: how many ids are counted under `key` in the window at `nowMs`
   * (domain/limits.ts countInWindow), the count `hit` would compare with its
   * limit. Changes nothing (expired hits stay until the next `hit`).
   */
  hitCount(key: string, windowMs: number, nowMs: number): Promise<number>;
  /**
   * Atomic. Records a check-in on `day` (YYYY-MM-DD): streak = stored + 1 when
   * the last check-in was on `previousDay`, 1 otherwise; a second call for the
   * same day returns the stored streak with already = true. The decision is
   * domain/checkin.ts decideCheckin.
   */
  checkin(memberId: string, day: string, previousDay: string): Promise<CheckinResult>;
  /** Idempotent: marks the member active on `day`. */
  markActiveDay(memberId: string, day: string): Promise<void>;
  /** Number of marked days in [fromDay, toDay] inclusive. */
  countActiveDays(memberId: string, fromDay: string, toDay: string): Promise<number>;

  // ---- leaderboards and stats -------------------------------------------------

  /** Top members by points earned in the show (streamId) or all time (null), highest first; ties by memberId. */
  topMembers(streamId: string | null, limit: number): Promise<Array<{ memberId: string; points: number }>>;
  streamStats(streamId: string): Promise<StreamStats>;

  // ---- retirement of ended shows (services/show-retirement.ts) ------------------

  /**
   * Idempotent. The show ended at `endedAtMs`: its hot state (presence, watch
   * states, show stats and leaderboard, its points issued) may leave once
   * `endedAtMs + retentionMs` has passed; until then every read answers as
   * before. A show already purged stays purged. RedisEngine lists the show for
   * purging and puts a Redis-clock expiry on its keys as a backstop;
   * SqliteEngine keeps everything (its state is on disk, not in memory).
   */
  retireShow(streamId: string, endedAtMs: number, retentionMs: number): Promise<void>;
  /** Retired shows whose retention is over at `nowMs`, at most `limit`, earliest first. SqliteEngine: none. */
  showsToPurge(nowMs: number, limit: number): Promise<string[]>;
  /**
   * Idempotent. Removes the show's hot state (with the rate-limit windows whose
   * key names the show as a whole ':'-separated part) and the idempotency records whose
   * key starts with one of `ledgerKeyPrefixes`; balances, earned totals and
   * the all-time leaderboard are untouched. The caller makes sure nothing can
   * apply those keys any more (the show is over: the services refuse its
   * events). Purged shows older than `forgetPurgedBeforeMs` (their retention's
   * end) are no longer remembered as purged. SqliteEngine: no-op.
   */
  purgeShow(streamId: string, ledgerKeyPrefixes: string[], forgetPurgedBeforeMs: number): Promise<void>;
}
