/**
 * RedisEngine: the Engine port on Redis, for several processes (or hosts)
 * sharing hot state.
 *
 * Every multi-step primitive is one Lua script (engine/redis/lua/, loaded by
 * redis-scripts.ts), so it is atomic across processes; validation happens here
 * first and scripts only read-modify-write. Key layout and hash tags:
 * redis-keys.ts. Durability (outbox streams -> the sink, for the ledger and
 * for RedisPerksEngine's claims and lottery entries): redis-ledger-consumer.ts. Presence of dead processes: redis-liveness.ts.
 *
 * Run Redis with AOF and `appendfsync always`: a script's reply then means its
 * writes, including the ledger stream entry, are on disk.
 */
import { randomUUID } from 'node:crypto';
import { reversalEntryBase, type ReversalInput, type ReversalResult } from '../../domain/reversal.ts';
import type { Redis } from 'ioredis';
import type { LedgerEntry, PresenceCount } from '../../../shared/models.ts';
import { earnedFrom, earnedWindowStart, ledgerEntry } from '../../domain/ledger.ts';
import { ledgerKey } from '../../domain/keys.ts';
import { utcDay } from '../../domain/time.ts';
import { maxDueWatchAwards, type BeatAwardInput, type BeatAwardResult, type CappedAwardInput, type CappedAwardResult } from '../../domain/award-paths.ts';
import type { Beat, WatchClock, WatchState } from '../../domain/watch.ts';
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
  requireId,
  requireInt,
} from '../engine-args.ts';
import { isRedisOutage } from '../../dependency-state.ts';
import { engineError, isEngineFailure } from '../engine-errors.ts';
import { createRedisClient, type RedisClientSettings } from '../../redis-client.ts';
import { DEFAULT_BLOCK_MS, LedgerConsumer } from './redis-ledger-consumer.ts';
import { RedisKeys } from './redis-keys.ts';
import { RedisRetention } from './redis-retention.ts';
import { defaultLivenessTimings, ProcessLiveness, type LivenessTimings } from './redis-liveness.ts';
import type { OutboxSink } from './redis-outbox.ts';
import { loadScripts, type RunScript } from './redis-scripts.ts';

export interface RedisEngineOptions {
  redisUrl: string;
  /** Prefix of every key (no braces); lets several deployments or tests share one Redis. */
  keyPrefix: string;
  /** Receives every outbox entry: ledger entries, and the claims and lottery entries of RedisPerksEngine. */
  sink: OutboxSink;
  /** Unique per running process: owns its connections and its ledger consumer. */
  processId: string;
  /** Problems are logged at warn; `info` marks the routine steps of a recovery. */
  log?: (msg: string, ctx?: object, level?: 'warn' | 'info') => void;
  /** Liveness and take-over timings; the defaults suit production, tests shorten them. */
  timings?: Partial<LivenessTimings>;
  /** close() waits this long for the sink before giving up (entries stay in Redis for the next process). */
  closeFlushTimeoutMs?: number;
  /** Command timeout and where the clients report their health (server/redis-client.ts); default: 500 ms, reported nowhere. */
  client?: RedisClientSettings;
}

export interface RedisEngineShared {
  redis: Redis;
  keys: RedisKeys;
  runScript: RunScript;
  /** Resolves once every outbox entry so far (ledger, claims, lottery entries) is in the sink. */
  flush(): Promise<void>;
}

/** A watch state as the scripts return it: 7 fields, nil for null. */
type RawState = [string | null, string, string, string, string | null, string | null, string | null, ...unknown[]];

const parseState = (s: RawState): WatchState => ({
  lastBeatAt: s[0] === null ? null : Number(s[0]),
  lastInteractionAt: Number(s[1]),
  totalMs: Number(s[2]),
  chestsClaimed: Number(s[3]),
  referrerId: s[4] ?? null,
  // A hash written before firstJoinedAt existed reads as the SQLite migration 3 fills its rows.
  firstJoinedAt: s[5] === null ? Number(s[1]) - Number(s[2]) : Number(s[5]),
  guestMs: Number(s[6] ?? 0),
});

const ownConnKey = (streamId: string, connId: string) => JSON.stringify([streamId, connId]);

export class RedisEngine implements Engine {
  readonly kind = 'redis' as const;
  private readonly keys: RedisKeys;
  private readonly redis: Redis;
  private readonly blocking: Redis;
  private readonly run: RunScript;
  private readonly consumer: LedgerConsumer;
  private readonly liveness: ProcessLiveness;
  private readonly retention: RedisRetention;
  private readonly log: (msg: string, ctx?: object, level?: 'warn' | 'info') => void;
  /**
   * This process's connections, to record again if a stall let others sweep
   * them: per show (one socket may be in several), with the viewer it joined
   * as last (a guest who signed in moved over to the member).
   */
  private readonly ownConns = new Map<string, { streamId: string; connId: string; viewerKey: string }>();
  /**
   * Leaves that failed because Redis did not answer (the socket is gone all the
   * same): done again after each liveness refresh that reaches Redis, so a
   * viewer who left during an outage is not counted for ever.
   */
  private readonly leavesToRetry = new Map<string, { streamId: string; connId: string }>();
  private closed = false;

  constructor(private readonly o: RedisEngineOptions) {
    requireId(o.processId, 'processId');
    this.keys = new RedisKeys(o.keyPrefix);
    this.log = o.log ?? (() => undefined);
    const client = o.client ?? { commandTimeoutMs: 500 };
    // Fail fast (command timeout, no offline queue) and report outages once, through the dependency state.
    this.redis = createRedisClient(o.redisUrl, client, { kind: 'command' });
    // Blocking reads get their own connection; they must not wait on (or hold up) commands.
    this.blocking = createRedisClient(o.redisUrl, client, { kind: 'blocking', longestBlockMs: DEFAULT_BLOCK_MS });
    this.run = loadScripts(this.redis);
    this.consumer = new LedgerConsumer({
      redis: this.redis,
      blocking: this.blocking,
      runScript: this.run,
      keys: this.keys,
      consumer: o.processId,
      sink: o.sink,
      log: this.log,
    });
    this.retention = new RedisRetention(this.redis, this.keys);
    this.liveness = new ProcessLiveness({
      redis: this.redis,
      keys: this.keys,
      runScript: this.run,
      processId: o.processId,
      consumer: this.consumer,
      timings: { ...defaultLivenessTimings, ...o.timings },
      log: this.log,
      onResurrected: () => this.rejoinOwnConnections(),
      onRefreshed: () => this.retryLeaves(),
    });
  }

  async init(): Promise<void> {
    await Promise.all([this.redis.connect(), this.blocking.connect()]);
    await this.consumer.ensureGroup();
    // Starts by re-reading this processId's pending entries (copied-but-unacked before a crash).
    this.consumer.start();
    await this.liveness.start();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const timeoutMs = this.o.closeFlushTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    // Redis not answering (an outage during shutdown) is like a timeout: the entries wait in Redis for the next process.
    const flushed = this.flush().catch((err: Error) => {
      this.log('redis engine: close could not flush the outbox; entries stay in Redis for the next process', { error: err.message });
    });
    try {
      if ((await Promise.race([flushed, timedOut])) === 'timeout') {
        this.log('redis engine: close gave up waiting for the ledger sink; entries stay in Redis for the next process', { timeoutMs });
      }
    } finally {
      clearTimeout(timer);
    }
    await this.liveness.stop().catch((err: Error) => this.log('redis engine: could not retire presence', { error: err.message }));
    await this.consumer.stop();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async resetForTests(): Promise<void> {
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', this.keys.pattern, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) await this.redis.unlink(...found);
    } while (cursor !== '0');
    this.ownConns.clear();
    // The stream key took its consumer group with it; start both afresh.
    await this.consumer.ensureGroup();
    await this.liveness.refresh();
  }

  flush(): Promise<void> {
    return this.consumer.flush();
  }

  /**
   * What RedisPerksEngine shares with this engine: the command connection, the
   * key layout, the scripts and the outbox consumer (so perks changes reach the
   * same sink and flush() covers them). This engine keeps owning them:
   * init() and close() here start and stop them for both.
   */
  get shared(): RedisEngineShared {
    return { redis: this.redis, keys: this.keys, runScript: this.run, flush: () => this.flush() };
  }

  // ---- presence ---------------------------------------------------------

  async join(streamId: string, connId: string, viewerKey: string): Promise<PresenceChange> {
    checkPresenceJoin(streamId, connId, viewerKey);
    // Written down before the join, so a crash right after it still leaves a trail to sweep.
    await this.liveness.noteStream(streamId);
    this.leavesToRetry.delete(ownConnKey(streamId, connId));
    this.ownConns.set(ownConnKey(streamId, connId), { streamId, connId, viewerKey });
    const p = this.keys.presence(streamId);
    const [first, last, viewers, members] = (await this.run(
      'presenceJoin',
      [p.conns, p.owners, p.viewers, p.members, this.keys.processConns(streamId, this.o.processId)],
      [connId, viewerKey, this.o.processId],
    )) as [number, number, number, number];
    // lastConnection: the connection moved over from another viewer whose last it was.
    return { viewers, members, firstConnection: first === 1, lastConnection: last === 1 };
  }

  async leave(streamId: string, connId: string): Promise<PresenceChange> {
    checkPresenceLeave(streamId, connId);
    try {
      return await this.leaveNow(streamId, connId);
    } catch (err) {
      if (isRedisOutage(err)) {
        const key = ownConnKey(streamId, connId);
        this.ownConns.delete(key); // not to be recorded again if our liveness expired meanwhile
        this.leavesToRetry.set(key, { streamId, connId });
      }
      throw err;
    }
  }

  private async retryLeaves(): Promise<void> {
    for (const [key, { streamId, connId }] of [...this.leavesToRetry]) {
      if (!this.leavesToRetry.has(key)) continue; // joined again meanwhile: that join stands
      await this.leaveNow(streamId, connId);
      this.leavesToRetry.delete(key);
    }
  }

  private async leaveNow(streamId: string, connId: string): Promise<PresenceChange> {
    const p = this.keys.presence(streamId);
    let owner = this.o.processId;
    // Normally one call; a second when another process owns the connection (its set is a KEY).
    for (let attempt = 0; attempt < 3; attempt++) {
      const [status, viewers, members, actual] = (await this.run(
        'presenceLeave',
        [p.conns, p.owners, p.viewers, p.members, this.keys.processConns(streamId, owner)],
        [connId, owner],
      )) as [number, number, number, string?];
      if (status !== 2) {
        this.ownConns.delete(ownConnKey(streamId, connId));
        return { viewers, members, firstConnection: false, lastConnection: status === 1 };
      }
      owner = actual!;
    }
    throw new Error(`leave(${streamId}, ${connId}): owner kept changing`);
  }

  async presence(streamId: string): Promise<PresenceCount> {
    const p = this.keys.presence(streamId);
    const replies = await this.redis.multi().hlen(p.viewers).get(p.members).exec();
    if (!replies) throw new Error('presence: transaction aborted');
    for (const [err] of replies) if (err) throw err;
    return { viewers: Number(replies[0]![1]), members: Number(replies[1]![1] ?? 0) };
  }

  private async rejoinOwnConnections(): Promise<void> {
    for (const { streamId, connId, viewerKey } of [...this.ownConns.values()]) await this.join(streamId, connId, viewerKey);
  }

  // ---- watch accrual ----------------------------------------------------

  async beginWatch(streamId: string, memberId: string, nowMs: number, referrerId: string | null) {
    checkBeginWatch(streamId, memberId, nowMs, referrerId);
    const raw = (await this.run('watchBegin', [this.keys.watch(streamId, memberId)], [nowMs, referrerId ?? ''])) as RawState;
    return { firstVisit: raw[7] === 1, state: parseState(raw) };
  }

  async accrueWatch(streamId: string, memberId: string, beat: Beat) {
    checkBeat(streamId, memberId, beat);
    const raw = (await this.run(
      'watchAccrue',
      [this.keys.watch(streamId, memberId), this.keys.streamStats(streamId)],
      [beat.nowMs, beat.countable ? 1 : 0, beat.capMs, beat.idleAfterMs],
    )) as RawState;
    return { state: parseState(raw), creditedMs: Number(raw[7]), previousTotalMs: Number(raw[8]), paused: raw[9] === 1 };
  }

  async creditWatch(streamId: string, memberId: string, ms: number, sinceMs: number, nowMs: number) {
    checkCreditWatch(streamId, memberId, ms, sinceMs, nowMs);
    const raw = (await this.run(
      'watchCredit',
      [this.keys.watch(streamId, memberId), this.keys.streamStats(streamId)],
      [ms, sinceMs, nowMs],
    )) as RawState;
    return { state: parseState(raw), previousTotalMs: Number(raw[7]), creditedMs: Number(raw[8]) };
  }

  async claimWatchClock(memberId: string, streamId: string, nowMs: number, leaseMs: number) {
    checkClaimWatchClock(memberId, streamId, nowMs, leaseMs);
    const [granted, holder, freeSince] = (await this.run('watchClock', [this.keys.watchClock(memberId)], [streamId, nowMs, leaseMs])) as [
      number,
      string,
      string,
    ];
    return { granted: granted === 1, holder, freeSinceMs: freeSince === '' ? null : Number(freeSince) };
  }

  async watchClock(memberId: string): Promise<WatchClock | null> {
    const [streamId, atMs] = await this.redis.hmget(this.keys.watchClock(memberId), 'streamId', 'atMs');
    return streamId ? { streamId, atMs: Number(atMs) } : null;
  }

  async touchWatch(streamId: string, memberId: string, nowMs: number): Promise<void> {
    checkWatchArgs(streamId, memberId, nowMs);
    await this.run('watchTouch', [this.keys.watch(streamId, memberId)], [nowMs]);
  }

  async watchState(streamId: string, memberId: string): Promise<WatchState | null> {
    const s = await this.redis.hmget(
      this.keys.watch(streamId, memberId),
      'lastBeatAt',
      'lastInteractionAt',
      'totalMs',
      'chestsClaimed',
      'referrerId',
      'firstJoinedAt',
      'guestMs',
    );
    return s[1] === null ? null : parseState(s as RawState);
  }

  async markChestClaimed(streamId: string, memberId: string, n: number): Promise<void> {
    checkChest(streamId, memberId, n);
    await this.run('watchChest', [this.keys.watch(streamId, memberId)], [n]);
  }


  // ---- ledger -------------------------------------------------------------
  // award-7.lua and spend-3.lua mirror domain/ledger.ts. The entry (and its id)
  // is made here, before the script, so the entry the script stores and streams is final.

  async award(input: AwardInput): Promise<LedgerResult> {
    checkAward(input);
    const entry = ledgerEntry(input, input.delta, randomUUID());
    const streamId = entry.streamId;
    const k = this.keys;
    const reply = await this.run(
      'award',
      [k.ledgerKeys, k.balances, k.topAll, k.earnedDays(input.memberId), k.topStream(streamId ?? ''), k.pointsIssued, k.ledgerStream],
      [
        input.key,
        input.memberId,
        input.delta,
        JSON.stringify(entry),
        utcDay(entry.at),
        streamId ?? '',
        earnedWindowStart(input) ?? '',
      ],
    );
    const [, , , earned] = reply as [number, string, number, number | undefined];
    return { ...this.ledgerResult(reply), ...(input.earnedSinceMs === undefined ? {} : { earned: Number(earned) }) };
  }

  async spend(input: SpendInput): Promise<LedgerResult> {
    checkSpend(input);
    const entry = ledgerEntry(input, -input.cost, randomUUID());
    const k = this.keys;
    const reply = await this.run('spend', [k.ledgerKeys, k.balances, k.ledgerStream], [input.key, input.memberId, input.cost, JSON.stringify(entry)]);
    if (isEngineFailure(reply)) throw engineError(reply, { cost: input.cost });
    return this.ledgerResult(reply);
  }

  async reverse(input: ReversalInput): Promise<ReversalResult> {
    checkReversal(input);
    const k = this.keys;
    const fromDay = earnedWindowStart(input);
    const reply = await this.run(
      'reverse',
      [k.ledgerKeys, k.balances, k.topAll, k.earnedDays(input.memberId), k.ledgerStream],
      [input.key, input.memberId, input.points, JSON.stringify(reversalEntryBase(input, randomUUID())), input.earnedDay, fromDay ?? ''],
    );
    const [applied, json, balance, earned] = reply as [number, string, number, number];
    const entry = JSON.parse(json) as LedgerEntry;
    const taken = 0 - entry.delta;
    const inWindow = fromDay !== null && input.earnedDay >= fromDay;
    return {
      applied: applied === 1,
      entry,
      balance: Number(balance),
      taken,
      shortfall: Math.max(0, input.points - taken),
      earnedDelta: applied === 1 && inWindow ? -input.points : 0,
      ...(fromDay === null ? {} : { earned: Number(earned) }),
    };
  }

  async refund(input: RefundInput): Promise<LedgerResult> {
    checkRefund(input);
    const entry = ledgerEntry(input, input.points, randomUUID());
    const k = this.keys;
    return this.ledgerResult(await this.run('refund', [k.ledgerKeys, k.balances, k.ledgerStream], [input.key, input.memberId, input.points, JSON.stringify(entry)]));
  }

  async balance(memberId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.balances, memberId)) ?? 0);
  }

  async earnedSince(memberId: string, sinceMs: number): Promise<number> {
    checkEarnedSince(memberId, sinceMs);
    const buckets = await this.redis.hgetall(this.keys.earnedDays(memberId));
    return earnedFrom(
      Object.entries(buckets).map(([day, points]) => [day, Number(points)] as const),
      utcDay(sinceMs),
    );
  }

  private ledgerResult(reply: unknown): LedgerResult {
    const [applied, json, balance] = reply as [number, string, number];
    return { applied: applied === 1, entry: JSON.parse(json) as LedgerEntry, balance: Number(balance) };
  }

  // ---- award paths: one script each (beatAward-11.lua, cappedAward-10.lua) ----
  // They span the member's, the show's and the ledger's slots: single-shard Redis (docs/DECISIONS.md).

  /** The ledger keys of award-7.lua for a member and a show, in its order. */
  private awardKeys(memberId: string, streamId: string): string[] {
    const k = this.keys;
    return [k.ledgerKeys, k.balances, k.topAll, k.earnedDays(memberId), k.topStream(streamId), k.pointsIssued, k.ledgerStream];
  }

  async beatAward(input: BeatAwardInput): Promise<BeatAwardResult> {
    checkBeatAward(input);
    const { streamId, memberId, nowMs } = input;
    const ids = Array.from({ length: maxDueWatchAwards(input.capMs, input.everySeconds) }, () => randomUUID());
    const raw = (await this.run(
      'beatAward',
      [
        this.keys.watchClock(memberId),
        this.keys.watch(streamId, memberId),
        this.keys.streamStats(streamId),
        this.keys.activeDays(memberId),
        ...this.awardKeys(memberId, streamId),
      ],
      [
        streamId,
        memberId,
        nowMs,
        input.countable ? 1 : 0,
        input.leaseMs,
        input.capMs,
        input.idleAfterMs,
        input.everySeconds * 1000,
        input.activeDay,
        utcDay(nowMs),
        utcDay(input.earnedSinceMs),
        ledgerKey.watchPrefix(streamId, memberId),
        input.ladder.length,
        ...input.ladder.flatMap((r) => [r.minPoints, r.points]),
        ...ids,
      ],
    )) as unknown[];
    const claim = Number(raw[10]);
    const awards: LedgerResult[] = [];
    for (let i = 16; i < 16 + 4 * Number(raw[15]); i += 4) {
      awards.push({ applied: raw[i] === 1, entry: JSON.parse(raw[i + 1] as string) as LedgerEntry, balance: Number(raw[i + 2]), earned: Number(raw[i + 3]) });
    }
    return {
      claim: claim === -1 ? null : { granted: claim === 1, holder: raw[11] as string, freeSinceMs: raw[12] === '' ? null : Number(raw[12]) },
      accrual: { state: parseState(raw as RawState), creditedMs: Number(raw[7]), previousTotalMs: Number(raw[8]), paused: raw[9] === 1 },
      awards,
      balance: Number(raw[13]),
      earned: Number(raw[14]),
    };
  }

  async cappedAward(input: CappedAwardInput): Promise<CappedAwardResult> {
    checkCappedAward(input);
    const { award } = input;
    const entry = ledgerEntry(award, award.delta, randomUUID());
    // As hit(): Redis expiry runs on wall time while nowMs is the caller's clock, so a wide margin.
    const ttlMs = input.windowMs > 0 ? input.windowMs * 2 + 60_000 : 0;
    const [allowed, duplicate, count, status, json, balance, earned] = (await this.run(
      'cappedAward',
      [
        this.keys.hit(input.hitKey),
        this.keys.watch(input.streamId, award.memberId),
        this.keys.activeDays(award.memberId),
        ...this.awardKeys(award.memberId, input.streamId),
      ],
      [
        input.hitId,
        input.limit,
        input.windowMs,
        award.at,
        ttlMs,
        award.key,
        award.memberId,
        award.delta,
        JSON.stringify(entry),
        utcDay(award.at),
        input.streamId,
        utcDay(award.earnedSinceMs),
        input.activeDay,
      ],
    )) as [number, number, number, number, string, number, number];
    return {
      hit: { allowed: allowed === 1, duplicate: duplicate === 1, count },
      award:
        status === -1 ? null : { applied: status === 1, entry: JSON.parse(json) as LedgerEntry, balance: Number(balance), earned: Number(earned) },
      balance: Number(balance),
      earned: Number(earned),
    };
  }

  // ---- limits, streaks, activity --------------------------------------------

  async hit(key: string, id: string, limit: number, windowMs: number, nowMs: number): Promise<HitResult> {
    checkHit(key, id, limit, windowMs, nowMs);
    // Redis expiry runs on wall time while nowMs is the caller's clock: keep a wide margin.
    const ttlMs = windowMs > 0 ? windowMs * 2 + 60_000 : 0;
    const [allowed, duplicate, count] = (await this.run('hit', [this.keys.hit(key)], [id, limit, windowMs, nowMs, ttlMs])) as number[];
    return { allowed: allowed === 1, duplicate: duplicate === 1, count: count! };
  }

  async hitCount(key: string, windowMs: number, nowMs: number): Promise<number> {
    checkHitCount(key, windowMs, nowMs);
    const window = this.keys.hit(key);
    // In the window while now - at < windowMs, i.e. at > now - windowMs (domain/limits.ts inHitWindow).
    return windowMs === 0 ? this.redis.zcard(window) : this.redis.zcount(window, `(${nowMs - windowMs}`, '+inf');
  }

  async checkin(memberId: string, day: string, previousDay: string): Promise<CheckinResult> {
    checkCheckin(memberId, day, previousDay);
    const [streak, already] = (await this.run('checkin', [this.keys.checkin(memberId)], [day, previousDay])) as number[];
    return { streak: streak!, already: already === 1 };
  }

  async markActiveDay(memberId: string, day: string): Promise<void> {
    checkActiveDay(memberId, day);
    await this.redis.zadd(this.keys.activeDays(memberId), 0, day);
  }

  async countActiveDays(memberId: string, fromDay: string, toDay: string): Promise<number> {
    checkDayRange(fromDay, toDay);
    // Same score for every day, so the lexical range is the date range.
    return this.redis.zlexcount(this.keys.activeDays(memberId), `[${fromDay}`, `[${toDay}`);
  }

  // ---- leaderboards and stats -------------------------------------------------

  async topMembers(streamId: string | null, limit: number): Promise<Array<{ memberId: string; points: number }>> {
    requireInt(limit, 'limit', 0);
    if (limit === 0) return [];
    const key = streamId === null ? this.keys.topAll : this.keys.topStream(streamId);
    // Scores are -points: ascending order is highest first, ties by memberId ascending.
    const flat = await this.redis.zrange(key, 0, limit - 1, 'WITHSCORES');
    const top: Array<{ memberId: string; points: number }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) top.push({ memberId: flat[i]!, points: -Number(flat[i + 1]) });
    return top;
  }

  async streamStats(streamId: string): Promise<StreamStats> {
    const [watchMs, pointsIssued] = await Promise.all([
      this.redis.hget(this.keys.streamStats(streamId), 'watchMs'),
      this.redis.hget(this.keys.pointsIssued, streamId),
    ]);
    return { watchMs: Number(watchMs ?? 0), pointsIssued: Number(pointsIssued ?? 0) };
  }

  // ---- retirement of ended shows (redis-retention.ts) ---------------------------

  async retireShow(streamId: string, endedAtMs: number, retentionMs: number): Promise<void> {
    checkRetirement(streamId, endedAtMs, retentionMs);
    await this.retention.retire(streamId, endedAtMs, retentionMs);
  }

  async showsToPurge(nowMs: number, limit: number): Promise<string[]> {
    requireInt(nowMs, 'nowMs', 0);
    requireInt(limit, 'limit', 0);
    return limit === 0 ? [] : this.retention.due(nowMs, limit);
  }

  async purgeShow(streamId: string, ledgerKeyPrefixes: string[], forgetPurgedBeforeMs: number): Promise<void> {
    checkPurge(streamId, ledgerKeyPrefixes, forgetPurgedBeforeMs);
    await this.retention.purge(streamId, ledgerKeyPrefixes, forgetPurgedBeforeMs);
  }
}

