/**
 * The Redis key layout of RedisEngine, in one place.
 *
 * Every key starts with the engine's keyPrefix (so tests isolate by prefix and
 * resetForTests can SCAN it). Keys a script touches together share a hash tag,
 * so each script stays inside one slot on Redis Cluster:
 *
 * - `{s:<streamId>}`  one show: presence and watch state (join/leave/sweep, accrual).
 * - `{ledger}`        balances, idempotency keys, earned buckets, leaderboards and the
 *                     ledger stream. award must change all of them atomically and
 *                     idempotency keys are unique across members, so they cannot be
 *                     split by member: the ledger lives in one slot (as a bullmq queue does).
 * - `{m:<memberId>}`  a member's check-in streak and active days.
 * - `{h:<key>}`       one rate-limit window.
 *
 * Process bookkeeping (liveness, the process registry, the shows a process has
 * connections in) is written by single commands, so it needs no tag.
 */

export interface PresenceKeys {
  /** connId -> viewerKey */
  conns: string;
  /** connId -> owning processId */
  owners: string;
  /** viewerKey -> connection count */
  viewers: string;
  /** number of viewers whose key starts with 'm:' */
  members: string;
}

export class RedisKeys {
  constructor(readonly prefix: string) {
    // A brace in the prefix would become the hash tag of every key and break the slot layout.
    if (/[{}]/.test(prefix)) throw new Error('keyPrefix must not contain { or }');
  }

  // ---- ledger: one slot ----
  private ledgerKey(name: string): string {
    return `${this.prefix}{ledger}:${name}`;
  }
  /** The ledger outbox stream (`<prefix>{ledger}`): entries not yet in the durable store. */
  get ledgerStream(): string {
    return `${this.prefix}{ledger}`;
  }
  /** idempotency key -> entry JSON; never expires (it is the ledger's uniqueness). */
  get ledgerKeys(): string {
    return this.ledgerKey('keys');
  }
  get balances(): string {
    return this.ledgerKey('balance');
  }
  /** All-time leaderboard, scores = -earned. */
  get topAll(): string {
    return this.ledgerKey('top');
  }
  /** Show leaderboard, scores = -earned in the show. */
  topStream(streamId: string): string {
    return this.ledgerKey(`top:${streamId}`);
  }
  /** streamId -> points issued in the show. */
  get pointsIssued(): string {
    return this.ledgerKey('issued');
  }
  /** UTC day number -> points earned that day. */
  earnedDays(memberId: string): string {
    return this.ledgerKey(`days:${memberId}`);
  }

  // ---- one show ----
  private showKey(streamId: string, name: string): string {
    return `${this.prefix}{s:${streamId}}:${name}`;
  }
  presence(streamId: string): PresenceKeys {
    return {
      conns: this.showKey(streamId, 'conns'),
      owners: this.showKey(streamId, 'owners'),
      viewers: this.showKey(streamId, 'viewers'),
      members: this.showKey(streamId, 'members'),
    };
  }
  /** connIds that `processId` holds in the show (what a sweep removes when it dies). */
  processConns(streamId: string, processId: string): string {
    return this.showKey(streamId, `pconns:${processId}`);
  }
  watch(streamId: string, memberId: string): string {
    return this.showKey(streamId, `w:${memberId}`);
  }
  /** Field watchMs: credited watch time of the show. */
  streamStats(streamId: string): string {
    return this.showKey(streamId, 'stats');
  }

  // ---- one member ----
  checkin(memberId: string): string {
    return `${this.prefix}{m:${memberId}}:checkin`;
  }
  /** Sorted set of 'YYYY-MM-DD' days (score 0, so ZLEXCOUNT counts a range). */
  activeDays(memberId: string): string {
    return `${this.prefix}{m:${memberId}}:active`;
  }

  // ---- rate limits ----
  hit(key: string): string {
    return `${this.prefix}{h:${key}}`;
  }

  // ---- processes ----
  /** Set of processIds that registered (live or dead, until swept). */
  get processes(): string {
    return `${this.prefix}procs`;
  }
  /** Exists while the process is alive (short TTL, refreshed). */
  alive(processId: string): string {
    return `${this.prefix}alive:${processId}`;
  }
  /** Shows the process has (or had) connections in; written before each join. */
  processStreams(processId: string): string {
    return `${this.prefix}proc:${processId}:streams`;
  }

  /** SCAN pattern matching every key of this prefix. */
  get pattern(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  }
}
