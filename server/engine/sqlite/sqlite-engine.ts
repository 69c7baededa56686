/**
 * SqliteEngine: the embedded engine. Every multi-step primitive runs as one
 * unit (a savepoint) inside the database's group commit (sqlite/group-commit.ts):
 * the writes of one event-loop turn share one IMMEDIATE transaction, so each
 * is atomic against other calls in this process and against other processes
 * sharing the file (IMMEDIATE takes the write lock up front), and a burst
 * pays one fsync per turn, not one per call. With synchronous = FULL a
 * resolved promise still means the commit is on disk.
 *
 * The ledger lives in the same file as the store's, so the sink is already up
 * to date when a call returns: flush() has nothing to do.
 */
import type { PresenceCount } from '../../../shared/models.ts';
import { decideCheckin } from '../../domain/checkin.ts';
import { beatAward, cappedAward, type BeatAwardInput, type BeatAwardResult, type CappedAwardInput, type CappedAwardResult } from '../../domain/award-paths.ts';
import { countInWindow, decideHit } from '../../domain/limits.ts';
import {
  accrueWatch,
  addShowWatch,
  beginWatch,
  claimWatchClock,
  creditWatch,
  markChestClaimed,
  touchWatch,
  type Beat,
  type WatchClock,
  type WatchState,
} from '../../domain/watch.ts';
import {
  checkActiveDay,
  checkAward,
  checkReversal,
  checkBeat,
  checkBeatAward,
  checkCappedAward,
  checkBeginWatch,
  checkCheckin,
  checkChest,
  checkClaimWatchClock,
  checkCreditWatch,
  checkDayRange,
  checkEarnedSince,
  checkHit,
  checkHitCount,
  checkPresenceJoin,
  checkPresenceLeave,
  checkPurge,
  checkRetirement,
  checkRefund,
  checkSpend,
  checkWatchArgs,
  requireInt,
} from '../engine-args.ts';
import { randomUUID } from 'node:crypto';
import type { ReversalInput, ReversalResult } from '../../domain/reversal.ts';
import { ENGINE_TABLES, openDatabase, type SqliteDatabase } from '../../sqlite/sqlite-database.ts';
import { retryingOnBusy } from '../../sqlite/busy-retry.ts';
import { groupCommitOf, type GroupCommit } from '../../sqlite/group-commit.ts';
import type {
  AwardInput,
  CheckinResult,
  Engine,
  HitResult,
  LedgerResult,
  PresenceChange,
  RefundInput,
  SpendInput,
  StreamStats,
} from '../engine.ts';
import { MemoryPresence } from './memory-presence.ts';
import { SqliteLedger } from './sqlite-ledger.ts';

interface WatchRow {
  last_beat_at: number | null;
  last_interaction_at: number;
  total_ms: number;
  chests_claimed: number;
  referrer_id: string | null;
  first_joined_at: number;
  guest_ms: number;
}

const fromWatchRow = (r: WatchRow): WatchState => ({
  lastBeatAt: r.last_beat_at,
  lastInteractionAt: r.last_interaction_at,
  totalMs: r.total_ms,
  chestsClaimed: r.chests_claimed,
  referrerId: r.referrer_id,
  firstJoinedAt: r.first_joined_at,
  guestMs: r.guest_ms,
});

/** Every statement the engine runs, prepared once. */
function prepareStatements(db: SqliteDatabase) {
  return {
    stats: db.prepare<[string], StreamStats>(
      'SELECT watch_ms AS watchMs, points_issued AS pointsIssued FROM stream_stats WHERE stream_id = ?',
    ),
    watch: db.prepare<[string, string], WatchRow>(`SELECT last_beat_at, last_interaction_at, total_ms, chests_claimed, referrer_id,
        first_joined_at, guest_ms
      FROM watch_state WHERE stream_id = ? AND member_id = ?`),
    putWatch: db.prepare(`INSERT INTO watch_state
        (stream_id, member_id, last_beat_at, last_interaction_at, total_ms, chests_claimed, referrer_id, first_joined_at, guest_ms)
      VALUES (@streamId, @memberId, @lastBeatAt, @lastInteractionAt, @totalMs, @chestsClaimed, @referrerId, @firstJoinedAt, @guestMs)
      ON CONFLICT (stream_id, member_id) DO UPDATE SET last_beat_at = excluded.last_beat_at,
        last_interaction_at = excluded.last_interaction_at, total_ms = excluded.total_ms,
        chests_claimed = excluded.chests_claimed, referrer_id = excluded.referrer_id,
        first_joined_at = excluded.first_joined_at, guest_ms = excluded.guest_ms`),
    clock: db.prepare<[string], WatchClock>('SELECT stream_id AS streamId, at_ms AS atMs FROM watch_clock WHERE member_id = ?'),
    putClock: db.prepare(`INSERT INTO watch_clock (member_id, stream_id, at_ms) VALUES (?, ?, ?)
      ON CONFLICT (member_id) DO UPDATE SET stream_id = excluded.stream_id, at_ms = excluded.at_ms`),
    putShowWatch: db.prepare(`INSERT INTO stream_stats (stream_id, watch_ms, points_issued) VALUES (?, ?, 0)
      ON CONFLICT (stream_id) DO UPDATE SET watch_ms = excluded.watch_ms`),
    hits: db.prepare<[string], { id: string; at: number }>('SELECT id, at FROM hits WHERE key = ?'),
    deleteHit: db.prepare('DELETE FROM hits WHERE key = ? AND id = ?'),
    addHit: db.prepare('INSERT INTO hits (key, id, at) VALUES (?, ?, ?)'),
    checkin: db.prepare<[string], { lastDay: string; streak: number }>(
      'SELECT last_day AS lastDay, streak FROM checkins WHERE member_id = ?',
    ),
    putCheckin: db.prepare(`INSERT INTO checkins (member_id, last_day, streak) VALUES (?, ?, ?)
      ON CONFLICT (member_id) DO UPDATE SET last_day = excluded.last_day, streak = excluded.streak`),
    markDay: db.prepare('INSERT OR IGNORE INTO active_days (member_id, day) VALUES (?, ?)'),
    countDays: db.prepare<[string, string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM active_days WHERE member_id = ? AND day BETWEEN ? AND ?',
    ),
    topStream: db.prepare<[string, number], { memberId: string; points: number }>(`SELECT member_id AS memberId, points
      FROM stream_points WHERE stream_id = ? AND points > 0 ORDER BY points DESC, member_id LIMIT ?`),
    topAll: db.prepare<[number], { memberId: string; points: number }>(`SELECT member_id AS memberId, earned AS points
      FROM balances WHERE earned > 0 ORDER BY earned DESC, member_id LIMIT ?`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

export class SqliteEngine implements Engine {
  readonly kind = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  private readonly ownsDb: boolean;
  private readonly presenceState = new MemoryPresence();
  private readonly q: Statements;
  /** Writes go through the database's group commit: one transaction (one fsync) per event-loop turn. */
  private readonly commits: GroupCommit;
  /** The ledger steps (award, spend, earned buckets), shared with SqlitePerksEngine's paid lottery entries. */
  private readonly ledger: SqliteLedger;

  /** Pass an open database (shared with SqliteStore; the caller closes it) or a data dir (this engine opens and closes it). */
  constructor(source: SqliteDatabase | string) {
    this.ownsDb = typeof source === 'string';
    this.db = typeof source === 'string' ? openDatabase(source) : source;
    this.q = prepareStatements(this.db);
    this.commits = groupCommitOf(this.db);
    this.ledger = new SqliteLedger(this.db);
    // Every async method waits for a lock held by another process asynchronously, then answers UNAVAILABLE (busy-retry.ts).
    return retryingOnBusy(this);
  }

  async init(): Promise<void> {
    // The schema is created by openDatabase; nothing else to prepare.
  }

  async close(): Promise<void> {
    this.presenceState.clear();
    if (this.ownsDb && this.db.open) this.db.close();
  }

  async resetForTests(): Promise<void> {
    this.presenceState.clear();
    this.db.transaction(() => {
      for (const table of ENGINE_TABLES) this.db.exec(`DELETE FROM ${table}`);
    }).immediate();
  }

  async flush(): Promise<void> {
    // The ledger rows were committed with the balances: the sink is this file.
  }

  // ---- presence ----

  async join(streamId: string, connId: string, viewerKey: string): Promise<PresenceChange> {
    checkPresenceJoin(streamId, connId, viewerKey);
    return this.presenceState.join(streamId, connId, viewerKey);
  }

  async leave(streamId: string, connId: string): Promise<PresenceChange> {
    checkPresenceLeave(streamId, connId);
    return this.presenceState.leave(streamId, connId);
  }

  async presence(streamId: string): Promise<PresenceCount> {
    return this.presenceState.count(streamId);
  }

  // ---- watch ----

  // Each watch step: load the state, decide with domain/watch.ts, store what it decided.

  async beginWatch(streamId: string, memberId: string, nowMs: number, referrerId: string | null) {
    checkBeginWatch(streamId, memberId, nowMs, referrerId);
    return this.commits.run(() => {
      const begun = beginWatch(this.loadWatch(streamId, memberId), nowMs, referrerId);
      this.putWatch(streamId, memberId, begun.state);
      return begun;
    });
  }

  async accrueWatch(streamId: string, memberId: string, beat: Beat) {
    checkBeat(streamId, memberId, beat);
    return this.commits.run(() => {
      const accrual = accrueWatch(this.loadWatch(streamId, memberId), beat);
      this.putWatch(streamId, memberId, accrual.state);
      this.addShowWatch(streamId, accrual.creditedMs);
      return accrual;
    });
  }

  async creditWatch(streamId: string, memberId: string, ms: number, sinceMs: number, nowMs: number) {
    checkCreditWatch(streamId, memberId, ms, sinceMs, nowMs);
    return this.commits.run(() => {
      const credit = creditWatch(this.loadWatch(streamId, memberId), ms, sinceMs, nowMs);
      this.putWatch(streamId, memberId, credit.state);
      this.addShowWatch(streamId, credit.creditedMs);
      return credit;
    });
  }

  async claimWatchClock(memberId: string, streamId: string, nowMs: number, leaseMs: number) {
    checkClaimWatchClock(memberId, streamId, nowMs, leaseMs);
    return this.commits.run(() => {
      const { clock, ...claim } = claimWatchClock(this.q.clock.get(memberId) ?? null, streamId, nowMs, leaseMs);
      if (clock !== null) this.q.putClock.run(memberId, clock.streamId, clock.atMs);
      return claim;
    });
  }

  async watchClock(memberId: string): Promise<WatchClock | null> {
    return this.q.clock.get(memberId) ?? null;
  }

  async touchWatch(streamId: string, memberId: string, nowMs: number): Promise<void> {
    checkWatchArgs(streamId, memberId, nowMs);
    await this.commits.run(() => this.putWatch(streamId, memberId, touchWatch(this.loadWatch(streamId, memberId), nowMs)));
  }

  async watchState(streamId: string, memberId: string): Promise<WatchState | null> {
    return this.loadWatch(streamId, memberId);
  }

  async markChestClaimed(streamId: string, memberId: string, n: number): Promise<void> {
    checkChest(streamId, memberId, n);
    await this.commits.run(() => this.putWatch(streamId, memberId, markChestClaimed(this.loadWatch(streamId, memberId), n)));
  }

  // ---- ledger ----

  async award(input: AwardInput): Promise<LedgerResult> {
    checkAward(input);
    return this.commits.run((): LedgerResult => this.ledger.award(input));
  }

  async spend(input: SpendInput): Promise<LedgerResult> {
    checkSpend(input);
    return this.commits.run((): LedgerResult => this.ledger.spend(input));
  }

  async reverse(input: ReversalInput): Promise<ReversalResult> {
    checkReversal(input);
    return this.commits.run((): ReversalResult => this.ledger.reverse(input));
  }

  async refund(input: RefundInput): Promise<LedgerResult> {
    checkRefund(input);
    return this.commits.run((): LedgerResult => this.ledger.refund(input));
  }

  async balance(memberId: string): Promise<number> {
    return this.ledger.balanceOf(memberId);
  }

  async earnedSince(memberId: string, sinceMs: number): Promise<number> {
    checkEarnedSince(memberId, sinceMs);
    return this.ledger.earnedSince(memberId, sinceMs);
  }

  // ---- award paths: one group-commit call each (domain/award-paths.ts) ----

  async beatAward(input: BeatAwardInput): Promise<BeatAwardResult> {
    checkBeatAward(input);
    return this.commits.run((): BeatAwardResult => {
      const { streamId, memberId } = input;
      const read = {
        ...this.ledger.awardPathRead(memberId, input.earnedSinceMs),
        clock: this.q.clock.get(memberId) ?? null,
        watch: this.loadWatch(streamId, memberId),
      };
      const { result, writes } = beatAward(read, input, randomUUID);
      if (writes.clock !== null) this.q.putClock.run(memberId, writes.clock.streamId, writes.clock.atMs);
      this.putWatch(streamId, memberId, writes.watch);
      this.addShowWatch(streamId, writes.showWatchMs);
      if (writes.activeDay !== null) this.q.markDay.run(memberId, writes.activeDay);
      for (const w of writes.ledger) this.ledger.store(w);
      return result;
    });
  }

  async cappedAward(input: CappedAwardInput): Promise<CappedAwardResult> {
    checkCappedAward(input);
    return this.commits.run((): CappedAwardResult => {
      const { memberId } = input.award;
      const read = {
        ...this.ledger.awardPathRead(memberId, input.award.earnedSinceMs),
        hits: this.q.hits.all(input.hitKey),
        watch: this.loadWatch(input.streamId, memberId),
      };
      const { result, writes } = cappedAward(read, input, randomUUID);
      for (const expiredId of writes.expiredHits) this.q.deleteHit.run(input.hitKey, expiredId);
      if (writes.hit) this.q.addHit.run(input.hitKey, writes.hit.id, writes.hit.at);
      if (writes.ledger) this.ledger.store(writes.ledger);
      this.putWatch(input.streamId, memberId, writes.watch);
      this.q.markDay.run(memberId, writes.activeDay);
      return result;
    });
  }

  // ---- limits, streaks, activity ----

  async hit(key: string, id: string, limit: number, windowMs: number, nowMs: number): Promise<HitResult> {
    checkHit(key, id, limit, windowMs, nowMs);
    return this.commits.run((): HitResult => {
      const decision = decideHit(this.q.hits.all(key), { id, limit, windowMs, nowMs });
      // Expired hits are deleted rather than kept, so the table only holds live windows.
      for (const expiredId of decision.expired) this.q.deleteHit.run(key, expiredId);
      if (decision.record) this.q.addHit.run(key, decision.record.id, decision.record.at);
      return decision.result;
    });
  }

  async hitCount(key: string, windowMs: number, nowMs: number): Promise<number> {
    checkHitCount(key, windowMs, nowMs);
    return countInWindow(this.q.hits.all(key), nowMs, windowMs);
  }

  async checkin(memberId: string, day: string, previousDay: string): Promise<CheckinResult> {
    checkCheckin(memberId, day, previousDay);
    return this.commits.run((): CheckinResult => {
      const decision = decideCheckin(this.q.checkin.get(memberId) ?? null, day, previousDay);
      if (decision.store) this.q.putCheckin.run(memberId, decision.store.lastDay, decision.store.streak);
      return decision.result;
    });
  }

  async markActiveDay(memberId: string, day: string): Promise<void> {
    checkActiveDay(memberId, day);
    await this.commits.run(() => this.q.markDay.run(memberId, day));
  }

  async countActiveDays(memberId: string, fromDay: string, toDay: string): Promise<number> {
    checkDayRange(fromDay, toDay);
    return this.q.countDays.get(memberId, fromDay, toDay)!.n;
  }

  // ---- leaderboards and stats ----

  async topMembers(streamId: string | null, limit: number): Promise<Array<{ memberId: string; points: number }>> {
    requireInt(limit, 'limit', 0);
    return streamId === null ? this.q.topAll.all(limit) : this.q.topStream.all(streamId, limit);
  }

  async streamStats(streamId: string): Promise<StreamStats> {
    return this.q.stats.get(streamId) ?? { watchMs: 0, pointsIssued: 0 };
  }

  // ---- retirement of ended shows ----
  // Kept: this engine's state is rows in the DATA_DIR file (disk, beside the ledger it belongs
  // with), not memory, and its presence of a show empties as its viewers leave. Arguments are
  // still checked, so both engines refuse the same bad calls.

  async retireShow(streamId: string, endedAtMs: number, retentionMs: number): Promise<void> {
    checkRetirement(streamId, endedAtMs, retentionMs);
  }

  async showsToPurge(nowMs: number, limit: number): Promise<string[]> {
    requireInt(nowMs, 'nowMs', 0);
    requireInt(limit, 'limit', 0);
    return [];
  }

  async purgeShow(streamId: string, ledgerKeyPrefixes: string[], forgetPurgedBeforeMs: number): Promise<void> {
    checkPurge(streamId, ledgerKeyPrefixes, forgetPurgedBeforeMs);
  }

  // ---- helpers (called inside the transactions above) ----

  private loadWatch(streamId: string, memberId: string): WatchState | null {
    const row = this.q.watch.get(streamId, memberId);
    return row ? fromWatchRow(row) : null;
  }

  /** Stores the state a watch step decided; null (touch or chest without state) stores nothing. */
  private putWatch(streamId: string, memberId: string, s: WatchState | null): void {
    if (s !== null) this.q.putWatch.run({ streamId, memberId, ...s });
  }

  /** The show's watch time after a credit of `ms` (domain addShowWatch), stored in the same transaction. */
  private addShowWatch(streamId: string, ms: number): void {
    const stats = this.q.stats.get(streamId) ?? { watchMs: 0, pointsIssued: 0 };
    this.q.putShowWatch.run(streamId, addShowWatch(stats, ms).watchMs);
  }
}
