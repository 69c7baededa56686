/**
 * Which processes sharing this Redis are alive, and cleaning up after the ones
 * that are not.
 *
 * Each process keeps `alive:<processId>` (TTL `ttlMs`) refreshed every
 * `refreshMs`, and is listed in the `procs` set. Every `sweepMs` each process
 * looks for listed processes whose alive key is gone (SIGKILL, power loss, a
 * partition) and, for each: removes the connections it held in every show it
 * had written down before joining (presenceSweep script, per show), takes over
 * the outbox entries it had read but not copied, then forgets it. The same pass
 * stops reading the outboxes of settled drops. With the
 * defaults a dead process leaves no ghost viewer beyond ttl + sweep ≈ 15 s.
 *
 * Sweeps are idempotent, so several processes sweeping the same dead one at
 * once is harmless.
 */
import type { Redis } from 'ioredis';
import { isRedisOutage } from '../../dependency-state.ts';
import type { LedgerConsumer } from './redis-ledger-consumer.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RunScript } from './redis-scripts.ts';

export interface LivenessTimings {
  /** TTL of the alive key. */
  ttlMs: number;
  /** How often the alive key is refreshed; well under ttlMs. */
  refreshMs: number;
  /** How often dead processes are looked for. */
  sweepMs: number;
  /** Ledger entries held unacknowledged this long by any consumer are taken over (backstop). */
  claimIdleMs: number;
}

export const defaultLivenessTimings: LivenessTimings = { ttlMs: 10_000, refreshMs: 3_000, sweepMs: 5_000, claimIdleMs: 30_000 };

export interface LivenessOptions {
  redis: Redis;
  keys: RedisKeys;
  runScript: RunScript;
  processId: string;
  consumer: LedgerConsumer;
  timings: LivenessTimings;
  log: (msg: string, ctx?: object, level?: 'warn' | 'info') => void;
  /**
   * Our own alive key had expired (a long stall): others may have swept our
   * connections, so the engine records them again.
   */
  onResurrected: () => Promise<void>;
  /** After each refresh that reached Redis: catch up on what an outage kept from Redis (leaves that failed). */
  onRefreshed?: () => Promise<void>;
}

export class ProcessLiveness {
  private timers: NodeJS.Timeout[] = [];
  private sweeping = false;
  private started = false;
  /**
   * Since when our refreshes reach Redis without a failure in between. After
   * an outage every process's alive key may have expired, and a process that
   * is alive refreshes within `refreshMs` of Redis coming back: no process is
   * taken for dead until we have reached Redis for a whole TTL again.
   */
  private reachableSince = Number.NEGATIVE_INFINITY;
  private refreshFailed = false;

  constructor(private readonly o: LivenessOptions) {}

  async start(): Promise<void> {
    // Connections a previous life of this processId left behind are gone with it.
    await this.sweepPresence(this.o.processId);
    await this.refresh();
    this.started = true;
    this.every(this.o.timings.refreshMs, () => this.refresh());
    this.every(this.o.timings.sweepMs, () => this.sweep());
  }

  /** Graceful exit: drop our connections and liveness; the others' next sweep forgets us. */
  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.sweepPresence(this.o.processId);
    await this.o.redis.del(this.o.keys.alive(this.o.processId));
  }

  /** Writes down that this process holds connections in `streamId`, before it joins. */
  async noteStream(streamId: string): Promise<void> {
    await this.o.redis.sadd(this.o.keys.processStreams(this.o.processId), streamId);
  }

  async refresh(): Promise<void> {
    const { redis, keys, processId, timings } = this.o;
    let before: string | null;
    try {
      before = await redis.set(keys.alive(processId), String(Date.now()), 'PX', timings.ttlMs, 'GET');
      await redis.sadd(keys.processes, processId);
    } catch (err) {
      this.refreshFailed = true;
      this.reachableSince = Number.POSITIVE_INFINITY; // not reachable now: no sweeping until a whole TTL after it is
      throw err;
    }
    if (this.refreshFailed) {
      this.refreshFailed = false;
      this.reachableSince = Date.now();
    }
    if (before === null && this.started) {
      // Routine after a Redis outage longer than the TTL (the outage itself was logged once): info, not a second warning.
      this.o.log('redis engine: liveness key had expired; recording our connections again', { processId }, 'info');
      await this.o.onResurrected();
    }
    await this.o.onRefreshed?.();
  }

  /** One pass: clean up after every listed process that is no longer alive. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const { redis, keys } = this.o;
      // Just back from an outage: the others may not have refreshed yet; they are not dead.
      const othersHadTime = Date.now() - this.reachableSince >= this.o.timings.ttlMs;
      for (const pid of othersHadTime ? await redis.smembers(keys.processes) : []) {
        if (pid === this.o.processId || (await redis.exists(keys.alive(pid)))) continue;
        const removed = await this.sweepPresence(pid);
        const claimed = await this.o.consumer.claimFrom(pid);
        await redis.srem(keys.processes, pid);
        this.o.log('redis engine: swept a dead process', { processId: pid, removedConnections: removed, claimedEntries: claimed });
      }
      await this.o.consumer.autoclaim(this.o.timings.claimIdleMs);
      await this.o.consumer.retireSettled();
    } finally {
      this.sweeping = false;
    }
  }

  /** Removes every connection `pid` holds, show by show. Returns how many. */
  private async sweepPresence(pid: string): Promise<number> {
    const { redis, keys, runScript } = this.o;
    const index = keys.processStreams(pid);
    let removed = 0;
    for (const streamId of await redis.smembers(index)) {
      const p = keys.presence(streamId);
      const [n] = (await runScript('presenceSweep', [p.conns, p.owners, p.viewers, p.members, keys.processConns(streamId, pid)], [pid])) as number[];
      removed += n ?? 0;
      await redis.srem(index, streamId);
    }
    return removed;
  }

  private every(ms: number, task: () => Promise<void>): void {
    const t = setInterval(() => {
      task().catch((err: unknown) => {
        // An outage is logged once by the dependency state; the next tick tries again.
        if (!isRedisOutage(err)) this.o.log('redis engine: background task failed', { error: String((err as Error)?.message ?? err) });
      });
    }, ms);
    t.unref();
    this.timers.push(t);
  }
}
