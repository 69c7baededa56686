/**
 * RedisPerksEngine: the PerksEngine port on Redis, riding on a RedisEngine.
 *
 * It shares the RedisEngine's connection, key prefix, scripts and outbox
 * consumer (RedisEngine.shared), so claims and lottery entries reach the same
 * sink as the ledger and one flush() covers them all. The RedisEngine owns the
 * connections: init() and close() it first and last; this engine's init() and
 * close() have nothing of their own to start or stop.
 *
 * Every decision is one Lua script (lua/drop*.lua, claimConfirm, claimCancel, lottery*):
 * - a drop's keys share the `{d:<dropId>}` slot, so one script decides a claim
 *   against stock, limit, window and expiries; its changes go to the drop's own
 *   outbox stream, read by the consumer beside the ledger stream;
 * - lotteries live in the `{ledger}` slot, so a paid entry spends and enters in
 *   one script (redis-keys.ts has the layout and the reasons).
 *
 * Acknowledged means durable: each script appends its change to an outbox in
 * the same step (AOF, fsync always), and the consumer copies outboxes into the
 * store whoever dies when.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LedgerEntry } from '../../../shared/models.ts';
import type { Claim, LotteryEntry } from '../../../shared/perks.ts';
import { claimRefused, engineError, isEngineFailure } from '../engine-errors.ts';
import { ledgerEntry } from '../../domain/ledger.ts';
import { spendInput } from '../../domain/lottery-entry.ts';
import type { CancelScope, ClaimDecision, ClaimRequest, DropStock, DropStockSpec, EnterRequest, EnterResult, PerksEngine } from '../perks-engine.ts';
import { checkCancel, checkClaimRequest, checkDropSpec, checkEnterRequest, requireId, requireInt } from '../engine-args.ts';
import type { RedisEngine } from './redis-engine.ts';
import type { RedisKeys } from './redis-keys.ts';
import { OUTBOX_GROUP } from './redis-outbox.ts';
import type { RunScript } from './redis-scripts.ts';

/** The field of a (member, request) pair in the requests hash: length-prefixed, so no two pairs collide. */
const requestField = (memberId: string, requestId: string) => `${memberId.length}:${memberId}${requestId}`;

export class RedisPerksEngine implements PerksEngine {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly run: RunScript;
  private readonly flushOutboxes: () => Promise<void>;

  constructor(engine: RedisEngine) {
    const shared = engine.shared;
    this.redis = shared.redis;
    this.keys = shared.keys;
    this.run = shared.runScript;
    this.flushOutboxes = shared.flush;
  }

  async init(): Promise<void> {
    // The RedisEngine connects and starts the outbox consumer.
  }

  async close(): Promise<void> {
    // The RedisEngine's close() flushes every outbox, this engine's included, and disconnects.
  }

  /** Deletes the drop and lottery keys of this prefix; the ledger, balances and outbox stay (the Engine's reset clears them). */
  async resetForTests(): Promise<void> {
    for (const pattern of this.keys.perksPatterns) {
      let cursor = '0';
      do {
        const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        if (found.length > 0) await this.redis.unlink(...found);
      } while (cursor !== '0');
    }
  }

  flush(): Promise<void> {
    return this.flushOutboxes();
  }

  // ---- drops ----

  async defineDrop(spec: DropStockSpec): Promise<void> {
    checkDropSpec(spec);
    const d = this.keys.drop(spec.dropId);
    // Listed first, so the consumer reads the outbox from the first claim on, even if we die in between.
    await this.redis.sadd(this.keys.outboxes, spec.dropId);
    await this.run('dropDefine', [d.state, d.outbox], [spec.stock, spec.perMemberLimit, OUTBOX_GROUP]);
  }

  async claim(r: ClaimRequest): Promise<ClaimDecision> {
    checkClaimRequest(r);
    const fixed = {
      id: r.claimId,
      dropId: r.dropId,
      memberId: r.memberId,
      requestId: r.requestId,
      expiresAt: r.expiresAt,
      checkoutRef: r.checkoutRef,
      createdAt: r.nowMs,
    };
    const reply = (await this.run(
      'dropClaim',
      [...this.keys.dropScriptKeys(r.dropId), this.keys.drop(r.dropId).requests],
      [requestField(r.memberId, r.requestId), r.memberId, r.nowMs, r.opensAtForMember, JSON.stringify(fixed), r.claimId, r.expiresAt],
    )) as [number, string, number, number, string[]] | [number, number];
    if (isEngineFailure(reply[0])) return claimRefused(reply[0], Number(reply[1]));
    const [, json, replayed, remaining, expired] = reply as [number, string, number, number, string[]];
    const claim = JSON.parse(json) as Claim;
    // Before resolving, so every claim a caller was told about can be found by id and
    // by its checkout reference (idempotent; a replay repairs a crash between the script and here).
    // Outside the script: these indexes are global keys, the script runs in the drop's slot.
    // Two commands, not a MULTI: the two hashes may sit in different cluster slots.
    await Promise.all([
      this.redis.hset(this.keys.claimDrops, claim.id, claim.dropId),
      this.redis.hset(this.keys.claimRefs, claim.checkoutRef, claim.id),
    ]);
    const decision: ClaimDecision = { ok: true, claim, replayed: replayed === 1, remaining: Number(remaining) };
    // As the domain's decision: `expired` only when the call expired something.
    return expired.length > 0 ? { ...decision, expired: expired.map((e) => JSON.parse(e) as Claim) } : decision;
  }

  async expireClaims(dropId: string, nowMs: number): Promise<Claim[]> {
    requireId(dropId, 'dropId');
    requireInt(nowMs, 'nowMs', 0);
    const expired = (await this.run('dropExpire', this.keys.dropScriptKeys(dropId), [nowMs])) as string[];
    return expired.map((json) => JSON.parse(json) as Claim);
  }

  async confirmClaim(claimId: string, nowMs: number): Promise<Claim | null> {
    requireId(claimId, 'claimId');
    requireInt(nowMs, 'nowMs', 0);
    const dropId = await this.redis.hget(this.keys.claimDrops, claimId);
    if (dropId === null) return null;
    const json = (await this.run('claimConfirm', this.keys.dropScriptKeys(dropId), [claimId, nowMs])) as string | null;
    return json ? (JSON.parse(json) as Claim) : null;
  }

  async cancelClaim(claimId: string, nowMs: number, scope: CancelScope): Promise<Claim | null> {
    checkCancel(claimId, nowMs, scope);
    const dropId = await this.redis.hget(this.keys.claimDrops, claimId);
    if (dropId === null) return null;
    const json = (await this.run('claimCancel', this.keys.dropScriptKeys(dropId), [claimId, nowMs, scope])) as string | null;
    return json ? (JSON.parse(json) as Claim) : null;
  }

  async claimById(claimId: string): Promise<Claim | null> {
    const dropId = await this.redis.hget(this.keys.claimDrops, claimId);
    if (dropId === null) return null;
    const d = this.keys.drop(dropId);
    // MULTI (one slot): the fixed part and the status of the same moment.
    const replies = await this.redis.multi().hget(d.claims, claimId).hget(d.statuses, claimId).exec();
    if (!replies) throw new Error('claimById: transaction aborted');
    for (const [err] of replies) if (err) throw err;
    const [fixed, status] = replies.map((r) => r[1] as string | null);
    return fixed && status ? composeClaim(fixed, status) : null;
  }

  async claimIdByRef(checkoutRef: string): Promise<string | null> {
    return this.redis.hget(this.keys.claimRefs, checkoutRef);
  }

  async closeDrop(dropId: string): Promise<void> {
    requireId(dropId, 'dropId');
    await this.run('dropClose', [this.keys.drop(dropId).state], []);
  }

  async dropStock(dropId: string): Promise<DropStock | null> {
    const s = await this.redis.hmget(this.keys.drop(dropId).state, 'stock', 'remaining', 'reserved', 'confirmed', 'closed');
    if (s[0] === null) return null;
    return { stock: Number(s[0]), remaining: Number(s[1]), reserved: Number(s[2]), confirmed: Number(s[3]), closed: s[4] === '1' };
  }

  // ---- lotteries ----

  async defineLottery(lotteryId: string): Promise<void> {
    requireId(lotteryId, 'lotteryId');
    // Mirrors server/domain/lottery-entry.ts defineLottery(): known (open or closed) stays as it is.
    await this.redis.set(this.keys.lottery(lotteryId).state, 'open', 'NX');
  }

  async enterLottery(r: EnterRequest): Promise<EnterResult> {
    checkEnterRequest(r);
    const l = this.keys.lottery(r.lotteryId);
    const k = this.keys;
    const entry: LotteryEntry = { lotteryId: r.lotteryId, memberId: r.memberId, weight: r.weight, at: r.at };
    // The id is made here, before the script, so the entry the script stores and streams is final.
    const spend = ledgerEntry(spendInput(r), -r.cost, randomUUID());
    const reply = await this.run(
      'lotteryEnter',
      [l.state, l.entries, k.ledgerKeys, k.balances, k.ledgerStream],
      [r.memberId, r.cost, r.ledgerKey, JSON.stringify(spend), JSON.stringify(entry)],
    );
    if (isEngineFailure(reply)) throw engineError(reply, reply === -1 ? { cost: r.cost } : undefined);
    const [created, entryJson, spendJson, balance, count] = reply as [number, string, string, number, number];
    return {
      entry: JSON.parse(entryJson) as LotteryEntry,
      created: created === 1,
      spend: spendJson === '' ? null : (JSON.parse(spendJson) as LedgerEntry),
      balance: Number(balance),
      count: Number(count),
    };
  }

  async closeLottery(lotteryId: string): Promise<LotteryEntry[]> {
    requireId(lotteryId, 'lotteryId');
    const l = this.keys.lottery(lotteryId);
    const reply = await this.run('lotteryClose', [l.state, l.entries], []);
    if (isEngineFailure(reply)) throw engineError(reply);
    return (reply as string[]).map((json) => JSON.parse(json) as LotteryEntry);
  }

  async entryCount(lotteryId: string): Promise<number> {
    return this.redis.hlen(this.keys.lottery(lotteryId).entries);
  }

  async entryOf(lotteryId: string, memberId: string): Promise<LotteryEntry | null> {
    const json = await this.redis.hget(this.keys.lottery(lotteryId).entries, memberId);
    return json === null ? null : (JSON.parse(json) as LotteryEntry);
  }

  // ---- retirement (keys leave once the store holds the final state) ----

  async forgetDrop(dropId: string): Promise<boolean> {
    requireId(dropId, 'dropId');
    const d = this.keys.drop(dropId);
    if (!(await this.redis.exists(d.state))) return true;
    // dropRetire-2.lua: settled and its outbox empty (so every claim is in the store); deletes the outbox.
    if ((await this.run('dropRetire', [d.state, d.outbox], [])) !== 1) return false;
    await this.redis.srem(this.keys.outboxes, dropId);
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(d.claims, cursor, 'COUNT', 1000);
      cursor = next;
      const claimIds = flat.filter((_, i) => i % 2 === 0);
      const refs = flat.filter((_, i) => i % 2 === 1).map((fixed) => (JSON.parse(fixed) as Pick<Claim, 'checkoutRef'>).checkoutRef);
      if (claimIds.length > 0) await this.redis.hdel(this.keys.claimDrops, ...claimIds);
      if (refs.length > 0) await this.redis.hdel(this.keys.claimRefs, ...refs);
    } while (cursor !== '0');
    // The state last: while it exists, a retry finds the drop and finishes the job.
    await this.redis.unlink(d.claims, d.statuses, d.members, d.expiry, d.requests, d.outbox);
    await this.redis.unlink(d.state);
    return true;
  }

  async forgetLottery(lotteryId: string): Promise<boolean> {
    requireId(lotteryId, 'lotteryId');
    const l = this.keys.lottery(lotteryId);
    const state = await this.redis.get(l.state);
    if (state === 'open') return false;
    await this.redis.unlink(l.entries, l.state);
    return true;
  }
}

/** A claim from its fixed JSON and its '<status>:<updatedAt>' (as claim_json in lua/includes/dropClaims.lua). */
function composeClaim(fixed: string, status: string): Claim {
  const m = /^([a-z]+):(\d+)$/.exec(status);
  if (!m) throw new Error(`malformed claim status ${status}`);
  return { ...(JSON.parse(fixed) as Omit<Claim, 'status' | 'updatedAt'>), status: m[1] as Claim['status'], updatedAt: Number(m[2]) };
}
