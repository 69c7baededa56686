/**
 * The Redis key layout of RedisEngine, in one place.
 *
 * Every key starts with the engine's keyPrefix (so tests isolate by prefix and
 * resetForTests can SCAN it). Keys a script touches together share a hash tag,
 * so each script stays inside one slot on Redis Cluster:
 *
 * - `{s:<streamId>}`  one show: presence and watch state (join/leave/sweep, accrual), its chat history.
 * - `{ledger}`        balances, idempotency keys, earned buckets, leaderboards and the
 *                     ledger stream. award must change all of them atomically and
 *                     idempotency keys are unique across members, so they cannot be
 *                     split by member: the ledger lives in one slot (as a bullmq queue does).
 *                     Lotteries live here too (`{ledger}:lot:<id>:*`): a paid entry must
 *                     check and lower the balance, store the ledger key and the entry,
 *                     and append both to the outbox in one script, and the balance and
 *                     outbox are in this slot. Splitting them would need a two-phase
 *                     spend with compensation; entries are one click per member per
 *                     lottery, far lighter than the ledger traffic already here.
 * - `{d:<dropId>}`    one drop: stock and counters, claims, the requestId -> claimId
 *                     map, per-member counts, the expiry zset, and the drop's own
 *                     outbox stream. A claim decides on all of them at once, and the
 *                     drop storms of different drops land on different slots. The
 *                     outbox is per drop because a claim script cannot XADD to the
 *                     `{ledger}` stream on Cluster (another slot); the ledger consumer
 *                     reads every drop outbox listed in `outboxes`
 *                     (redis-ledger-consumer.ts).
 * - `{m:<memberId>}`  a member's check-in streak, active days and watch clock (the one show
 *                     it runs in: a step apart from the show's accrual, which lives in `{s:}`).
 * - `{h:<key>}`       one rate-limit window.
 *
 * Two scripts give that up: the award paths (beatAward-11.lua, cappedAward-10.lua)
 * span `{m:}`, `{s:}`, `{h:}` and `{ledger}` to make a heartbeat or a like one
 * round trip, so RedisEngine needs a single-shard Redis (docs/DECISIONS.md,
 * "Issue 10 — one step per award path").
 *
 * Process bookkeeping (liveness, the process registry, the shows a process has
 * connections in) and the perks indexes (`outboxes`, `claim-drops`) are written
 * by single commands, so they need no tag.
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

/**
 * The keys of one drop, all in its `{d:<dropId>}` slot. Every drop script but
 * dropDefine/dropClose/dropRetire takes the first six in this order (see
 * `dropScriptKeys`); dropClaim adds `requests` as the seventh.
 */
export interface DropKeys {
  /** hash: stock, remaining, limit, closed (0|1), reserved, confirmed */
  state: string;
  /** hash: claimId -> the claim's fixed fields as JSON (no status, no updatedAt) */
  claims: string;
  /** hash: claimId -> '<status>:<updatedAt>' */
  statuses: string;
  /** hash: memberId -> reserved + confirmed claims of the member */
  members: string;
  /** zset: claimId of each reserved claim, scored by expiresAt */
  expiry: string;
  /** stream: claim changes not yet in the durable store */
  outbox: string;
  /** hash: '<len(memberId)>:<memberId><requestId>' -> claimId */
  requests: string;
}

export interface LotteryKeys {
  /** string 'open' | 'closed'; absent = unknown lottery */
  state: string;
  /** hash: memberId -> entry JSON */
  entries: string;
}

/** The rewards store (issue 13), in the ledger slot: a redemption spends and takes stock in one script. */
export interface RewardKeys {
  /** string: the reward's rules as JSON (domain/redemption.ts RewardStock without id and stock); absent = unknown */
  rules: string;
  /** string: units left; absent = unlimited */
  stock: string;
  /** list: unused pool codes, in upload order */
  codes: string;
  /** set: every code ever added (a code is never added twice) */
  allCodes: string;
}

/** One mission (issue 14), all in its own `{mi:<missionId>}` slot: a progress step and the stage counts move together. */
export interface MissionKeys {
  /** string: one member's progress in one period, in the goal's base unit */
  total: (memberId: string, period: string) => string;
  /** set: the event keys already counted for that member and period */
  events: (memberId: string, period: string) => string;
  /** hash: stage (1-based) -> members who reached it, in any period */
  completions: string;
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
  /** UTC day 'YYYY-MM-DD' (domain/time.ts utcDay) -> points earned that day. */
  earnedDays(memberId: string): string {
    return this.ledgerKey(`days:${memberId}`);
  }

  /** One lottery, in the ledger slot (see the header). */
  lottery(lotteryId: string): LotteryKeys {
    return { state: this.ledgerKey(`lot:${lotteryId}:state`), entries: this.ledgerKey(`lot:${lotteryId}:entries`) };
  }

  mission(missionId: string): MissionKeys {
    const slot = `${this.prefix}{mi:${missionId}}`;
    return {
      total: (memberId, period) => `${slot}:p:${memberId}:${period}`,
      events: (memberId, period) => `${slot}:e:${memberId}:${period}`,
      completions: `${slot}:done`,
    };
  }

  /** One reward of the rewards store, in the ledger slot. */
  reward(rewardId: string): RewardKeys {
    const k = (name: string) => this.ledgerKey(`rw:${rewardId}:${name}`);
    return { rules: k('rules'), stock: k('stock'), codes: k('codes'), allCodes: k('allcodes') };
  }
  /** hash: redemptionId -> redemption JSON */
  get redemptions(): string {
    return this.ledgerKey('rdm');
  }
  /** list: one member's redemption ids of one reward (the replay and the limits read them) */
  memberRedemptions(rewardId: string, memberId: string): string {
    return this.ledgerKey(`rw:${rewardId}:m:${memberId}`);
  }
  /** zset: a member's redemption ids by createdAt */
  redemptionsOfMember(memberId: string): string {
    return this.ledgerKey(`rdm:member:${memberId}`);
  }
  /** zset: redemption ids in a status, by createdAt (the host's queue) */
  redemptionsByStatus(status: string): string {
    return this.ledgerKey(`rdm:status:${status}`);
  }

  // ---- one drop ----
  drop(dropId: string): DropKeys {
    const k = (name: string) => `${this.prefix}{d:${dropId}}:${name}`;
    return {
      state: k('state'),
      claims: k('claims'),
      statuses: k('status'),
      members: k('members'),
      expiry: k('expiry'),
      outbox: k('outbox'),
      requests: k('requests'),
    };
  }
  /** The six keys shared by the drop scripts (lua/includes/dropClaims.lua), in order. */
  dropScriptKeys(dropId: string): string[] {
    const d = this.drop(dropId);
    return [d.state, d.claims, d.statuses, d.members, d.expiry, d.outbox];
  }
  /**
   * Set of dropIds whose outbox stream may hold entries: the consumer reads each
   * one; added before a drop is defined, removed once the drop is settled.
   */
  get outboxes(): string {
    return `${this.prefix}outboxes`;
  }
  /** hash: claimId -> dropId, so confirmClaim and claimById find a claim's slot from its id. */
  get claimDrops(): string {
    return `${this.prefix}claim-drops`;
  }
  /** hash: checkoutRef -> claimId, so a buyer's reference finds its claim before the store has it. */
  get claimRefs(): string {
    return `${this.prefix}claim-refs`;
  }
  /** SCAN patterns of every perks key (RedisPerksEngine.resetForTests). */
  get perksPatterns(): string[] {
    const p = this.escapedPrefix;
    return [`${p}{d:*`, `${p}{ledger}:lot:*`, `${p}outboxes`, `${p}claim-drops`, `${p}claim-refs`, `${p}{ledger}:rw:*`, `${p}{ledger}:rdm*`];
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
  /** list: the show's newest comments as JSON, newest first (redis-chat-history.ts); capped at CHAT_HISTORY_SIZE. */
  chat(streamId: string): string {
    return this.showKey(streamId, 'chat');
  }
  /** SCAN pattern of every show's chat list (RedisChatHistory.resetForTests). */
  get chatPattern(): string {
    return `${this.escapedPrefix}{s:*}:chat`;
  }
  /** Field watchMs: credited watch time of the show. */
  streamStats(streamId: string): string {
    return this.showKey(streamId, 'stats');
  }

  /** SCAN pattern of every `{s:<streamId>}` key of the show (one slot). */
  showPattern(streamId: string): string {
    return `${this.escapedPrefix}{s:${escapeGlob(streamId)}}:*`;
  }

  /**
   * SCAN patterns of the rate-limit windows (`hit`) whose key names the show:
   * the id as a whole ':'-separated part (domain/keys.ts windowKey and
   * pushGateKey put it so), e.g. `like:<streamId>:<memberId>`, `comment-room:<streamId>`.
   */
  showHitPatterns(streamId: string): string[] {
    const p = this.escapedPrefix;
    const id = escapeGlob(streamId);
    return [`${p}{h:*:${id}}`, `${p}{h:*:${id}:*}`];
  }

  // ---- show retirement (redis-retention.ts): one slot, so one MULTI moves a show from pending to done ----
  /** zset: streamId of each ended show whose hot state waits out its retention, scored by when it may go. */
  get retiring(): string {
    return `${this.prefix}{retire}:pending`;
  }
  /** zset: streamId of each show already purged, scored by when; trimmed once no catch-up looks that far back. */
  get retired(): string {
    return `${this.prefix}{retire}:done`;
  }
  /** HSCAN pattern of the idempotency keys (`ledgerKeys` fields) that start with `keyPrefix`. */
  ledgerKeysMatching(keyPrefix: string): string {
    return `${escapeGlob(keyPrefix)}*`;
  }

  // ---- one member ----
  /** hash streamId, atMs: the show the member's one watch clock runs in (domain/watch.ts WatchClock). */
  watchClock(memberId: string): string {
    return `${this.prefix}{m:${memberId}}:clock`;
  }
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
    return `${this.escapedPrefix}*`;
  }

  private get escapedPrefix(): string {
    return this.prefix.replace(/[*?[\]\\]/g, '\\$&');
  }
}

/** Escapes the glob characters of SCAN/HSCAN MATCH. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
