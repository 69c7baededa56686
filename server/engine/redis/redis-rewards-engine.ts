/**
 * RewardsEngine on Redis, riding on a RedisEngine's connection, prefix and
 * scripts (like RedisPerksEngine). Every key is in the {ledger} slot, so a
 * redemption spends, takes a unit and pops a pool code in one Lua script
 * (lua/rewardRedeem-11.lua, mirroring domain/redemption.ts; the differential
 * test holds them to the same answers). The spend and the return reach the
 * store through the ledger outbox like every entry; the redemptions
 * themselves live in Redis (AOF, fsync always) — their copy into the store
 * comes with the routes (DECISIONS: issue 13).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Redemption, RedemptionStatus } from '../../../shared/rewards.ts';
import { ledgerEntry } from '../../domain/ledger.ts';
import type { RedeemRefusal, RewardStock } from '../../domain/redemption.ts';
import { requireId } from '../engine-args.ts';
import type { RedeemReply, RedeemRequest, RejectRequest, RewardsEngine, SettleReply } from '../rewards-engine.ts';
import type { RedisEngine } from './redis-engine.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RunScript } from './redis-scripts.ts';

const REDEEM_REFUSALS: Record<number, RedeemRefusal> = {
  [-1]: 'INSUFFICIENT_POINTS',
  [-2]: 'NOT_FOUND',
  [-3]: 'CLOSED',
  [-4]: 'NOT_OPEN',
  [-5]: 'SOLD_OUT',
  [-6]: 'LIMIT_REACHED',
};

export class RedisRewardsEngine implements RewardsEngine {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly run: RunScript;

  constructor(engine: RedisEngine) {
    const shared = engine.shared;
    this.redis = shared.redis;
    this.keys = shared.keys;
    this.run = shared.runScript;
  }

  async putReward(spec: RewardStock): Promise<void> {
    requireId(spec.id, 'rewardId');
    const { id, stock, ...rules } = spec;
    const k = this.keys.reward(id);
    await this.run('rewardPut', [k.rules, k.stock], [JSON.stringify(rules), stock === null ? '' : stock]);
  }

  async setStock(rewardId: string, stock: number | null): Promise<boolean> {
    requireId(rewardId, 'rewardId');
    const k = this.keys.reward(rewardId);
    if (!(await this.redis.exists(k.rules))) return false;
    if (stock === null) await this.redis.del(k.stock);
    else await this.redis.set(k.stock, stock);
    return true;
  }

  async addCodes(rewardId: string, codes: string[]): Promise<{ added: number; duplicates: number; unused: number }> {
    requireId(rewardId, 'rewardId');
    const k = this.keys.reward(rewardId);
    const [added, unused] = (await this.run('rewardCodes', [k.codes, k.allCodes], codes)) as [number, number];
    return { added: Number(added), duplicates: codes.length - Number(added), unused: Number(unused) };
  }

  async redeem(r: RedeemRequest): Promise<RedeemReply> {
    requireId(r.rewardId, 'rewardId');
    requireId(r.memberId, 'memberId');
    requireId(r.requestId, 'requestId');
    const k = this.keys.reward(r.rewardId);
    // Made here so the script stores final values; it sets only the code and the status.
    const fresh: Redemption = {
      id: r.redemptionId,
      rewardId: r.rewardId,
      memberId: r.memberId,
      requestId: r.requestId,
      pricePoints: r.pricePoints,
      ledgerKey: r.ledgerKey,
      code: null,
      status: 'pending',
      period: r.period,
      createdAt: r.at,
      updatedAt: r.at,
    };
    const spend = ledgerEntry({ key: r.ledgerKey, memberId: r.memberId, cost: r.pricePoints, reason: r.reason, streamId: null, at: r.at }, -r.pricePoints, r.spendEntryId);
    const reply = await this.run(
      'rewardRedeem',
      [
        k.rules,
        k.stock,
        k.codes,
        this.keys.memberRedemptions(r.rewardId, r.memberId),
        this.keys.redemptions,
        this.keys.ledgerKeys,
        this.keys.balances,
        this.keys.ledgerStream,
        this.keys.redemptionsOfMember(r.memberId),
        this.keys.redemptionsByStatus('pending'),
        this.keys.redemptionsByStatus('fulfilled'),
      ],
      [r.memberId, r.requestId, r.at, r.pricePoints, r.period ?? '', JSON.stringify(fresh), r.ledgerKey, JSON.stringify(spend)],
    );
    if (typeof reply === 'number') return { ok: false, refusal: REDEEM_REFUSALS[reply] ?? unknownReply(reply) };
    const [replayed, json, balance] = reply as [number, string, number];
    return { ok: true, redemption: JSON.parse(json) as Redemption, replayed: replayed === 1, balance: Number(balance) };
  }

  async fulfil(redemptionId: string, at: number): Promise<SettleReply> {
    return this.settle('fulfil', redemptionId, at, null);
  }

  async reject(redemptionId: string, request: RejectRequest): Promise<SettleReply> {
    return this.settle('reject', redemptionId, request.at, request);
  }

  async redemptionById(id: string): Promise<Redemption | null> {
    const json = await this.redis.hget(this.keys.redemptions, id);
    return json === null ? null : (JSON.parse(json) as Redemption);
  }

  async redemptionsOfMember(memberId: string, limit: number): Promise<Redemption[]> {
    return this.byIds(await this.redis.zrevrange(this.keys.redemptionsOfMember(memberId), 0, limit - 1));
  }

  async redemptionsByStatus(status: RedemptionStatus, limit: number): Promise<Redemption[]> {
    return this.byIds(await this.redis.zrange(this.keys.redemptionsByStatus(status), 0, limit - 1));
  }

  async rewardStock(rewardId: string): Promise<{ stock: number | null; unusedCodes: number } | null> {
    const k = this.keys.reward(rewardId);
    const [known, stock, unused] = await Promise.all([this.redis.exists(k.rules), this.redis.get(k.stock), this.redis.llen(k.codes)]);
    return known ? { stock: stock === null ? null : Number(stock), unusedCodes: unused } : null;
  }

  /** Reads the redemption first (its reward and member name the keys), then decides atomically in the script. */
  private async settle(mode: 'fulfil' | 'reject', redemptionId: string, at: number, reject: RejectRequest | null): Promise<SettleReply> {
    requireId(redemptionId, 'redemptionId');
    const known = await this.redemptionById(redemptionId);
    if (!known) return { ok: false, refusal: 'NOT_FOUND' };
    const back = reject
      ? ledgerEntry({ key: reject.returnKey, memberId: known.memberId, points: known.pricePoints, reason: reject.reason, streamId: null, at }, known.pricePoints, randomUUID())
      : null;
    const reply = await this.run(
      'rewardSettle',
      [
        this.keys.redemptions,
        this.keys.reward(known.rewardId).stock,
        this.keys.ledgerKeys,
        this.keys.balances,
        this.keys.ledgerStream,
        this.keys.redemptionsByStatus('pending'),
        this.keys.redemptionsByStatus('fulfilled'),
        this.keys.redemptionsByStatus('rejected'),
      ],
      [mode, redemptionId, at, reject?.returnKey ?? '', back ? JSON.stringify(back) : ''],
    );
    if (reply === -2) return { ok: false, refusal: 'NOT_FOUND' };
    if (reply === -7) return { ok: false, refusal: 'CONFLICT' };
    const [replayed, json] = reply as [number, string];
    return { ok: true, redemption: JSON.parse(json) as Redemption, replayed: replayed === 1 };
  }

  private async byIds(ids: string[]): Promise<Redemption[]> {
    if (ids.length === 0) return [];
    const jsons = await this.redis.hmget(this.keys.redemptions, ...ids);
    return jsons.filter((j): j is string => j !== null).map((j) => JSON.parse(j) as Redemption);
  }
}

function unknownReply(reply: number): never {
  throw new Error(`rewardRedeem answered ${reply}`);
}
