/**
 * Retiring ended shows from Redis (issue 10: Redis memory follows live
 * activity, not history). RedisEngine delegates retireShow, showsToPurge and
 * purgeShow here.
 *
 * Two steps, both idempotent, so a crash or a second process doing the same
 * work changes nothing:
 * 1. retire (when the show ends): the show is listed in `retiring`, scored by
 *    the moment its retention is over (endedAt + retention, on the app's
 *    clock), and every key of the show gets a PEXPIRE of the retention plus a
 *    margin — a backstop on Redis' own clock, should no process ever purge
 *    (set by the call that listed the show; a crash right between leaves it
 *    to the purge alone).
 * 2. purge (a background sweep, once the retention is over on the app's
 *    clock): the show's keys go (with its rate-limit windows, such as the
 *    likes per member per show that never expire on their own), its field of
 *    `pointsIssued` goes, and so do
 *    the idempotency records of the show (`{ledger}:keys` fields with the
 *    prefixes the caller names), in chunks of HSCAN so Redis never blocks on
 *    one long command. The show then moves to `retired`, so a later retire of
 *    it (a catch-up sweep) is a no-op.
 *
 * Not atomic as a whole, and need not be: after the retention nothing writes
 * these keys any more (the show is over, so the services refuse its beats,
 * likes and comments before they reach the engine), and each step can be
 * repeated. A purge interrupted half-way leaves the show in `retiring`, so the
 * next sweep finishes it.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.ts';

/** How much longer than the retention the Redis-clock backstop waits (clocks of hosts drift; the sweep comes first). */
const BACKSTOP_MARGIN_MS = 3_600_000;
/** Keys (SCAN) or fields (HSCAN) asked for per call: each call stays short. */
const CHUNK = 1000;

export class RedisRetention {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async retire(streamId: string, endedAtMs: number, retentionMs: number): Promise<void> {
    if ((await this.redis.zscore(this.keys.retired, streamId)) !== null) return;
    // NX: a second retire (another process, the sweep's catch-up) keeps the first deadline, and
    // skips the backstop below, so the sweep's catch-up costs two commands a show.
    const added = await this.redis.zadd(this.keys.retiring, 'NX', endedAtMs + retentionMs, streamId);
    if (Number(added) === 0) return;
    const ttlMs = retentionMs + BACKSTOP_MARGIN_MS;
    await this.redis.pexpire(this.keys.topStream(streamId), ttlMs);
    await this.eachKey(this.keys.showPattern(streamId), async (found) => {
      const pipeline = this.redis.pipeline();
      for (const key of found) pipeline.pexpire(key, ttlMs);
      await execOrThrow(pipeline);
    });
  }

  async due(nowMs: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.retiring, '-inf', nowMs, 'LIMIT', 0, limit);
  }

  async purge(streamId: string, ledgerKeyPrefixes: string[], forgetPurgedBeforeMs: number): Promise<void> {
    const dueAt = await this.redis.zscore(this.keys.retiring, streamId);
    for (const pattern of [this.keys.showPattern(streamId), ...this.keys.showHitPatterns(streamId)]) {
      await this.eachKey(pattern, (found) => this.redis.unlink(...found).then(() => undefined));
    }
    await this.redis.unlink(this.keys.topStream(streamId));
    await this.redis.hdel(this.keys.pointsIssued, streamId);
    for (const prefix of ledgerKeyPrefixes) await this.dropLedgerKeys(prefix);
    // The shows each process noted it had connections in (redis-liveness.ts): this one is over.
    const processes = await this.redis.smembers(this.keys.processes);
    if (processes.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const pid of processes) pipeline.srem(this.keys.processStreams(pid), streamId);
      await execOrThrow(pipeline);
    }
    // Last, so an interrupted purge is finished by the next sweep.
    await this.redis
      .multi()
      .zadd(this.keys.retired, dueAt ?? forgetPurgedBeforeMs, streamId)
      .zrem(this.keys.retiring, streamId)
      .zremrangebyscore(this.keys.retired, '-inf', `(${forgetPurgedBeforeMs}`)
      .exec()
      .then(checkReplies);
  }

  /** Removes the idempotency records whose key starts with `prefix`, a chunk at a time. */
  private async dropLedgerKeys(prefix: string): Promise<void> {
    const match = this.keys.ledgerKeysMatching(prefix);
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.ledgerKeys, cursor, 'MATCH', match, 'COUNT', CHUNK);
      cursor = next;
      const fields = flat.filter((_, i) => i % 2 === 0);
      if (fields.length > 0) await this.redis.hdel(this.keys.ledgerKeys, ...fields);
    } while (cursor !== '0');
  }

  private async eachKey(pattern: string, act: (found: string[]) => Promise<void>): Promise<void> {
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', CHUNK);
      cursor = next;
      if (found.length > 0) await act(found);
    } while (cursor !== '0');
  }
}

type Replies = Array<[Error | null, unknown]> | null;

function checkReplies(replies: Replies): void {
  if (!replies) throw new Error('redis retention: transaction aborted');
  for (const [err] of replies) if (err) throw err;
}

async function execOrThrow(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  checkReplies(await pipeline.exec());
}
