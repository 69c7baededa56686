/**
 * The rewards store (issue 13): the host keeps a catalogue; members redeem
 * with their points. The records are the store's; stock, codes and
 * redemptions are the RewardsEngine's, decided in one atomic step by
 * domain/redemption.ts. Tier and price are decided here, before that step.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import type {
  CreateRewardBody,
  PatchRewardBody,
  Redemption,
  RedemptionStatus,
  RewardRecord,
  RewardView,
} from '../../shared/rewards.ts';
import { tierAllowed } from '../domain/drops.ts';
import { countsAgainstLimits, type RewardStock } from '../domain/redemption.ts';
import { redeemRefusalKey } from '../domain/refusals.ts';
import { periodKey } from '../domain/reward-periods.ts';
import { tierById } from '../domain/tiers.ts';
import type { RewardsEngine } from '../engine/rewards-engine.ts';
import { AppError, refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';

/** The host's queue and a member's list stop here (a page of work, not the history). */
const LIST_LIMIT = 500;

export class RewardService {
  constructor(
    private readonly engine: RewardsEngine,
    private readonly store: Store,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateRewardBody): Promise<RewardView> {
    await this.checkTiers(body.minTier, body.tierPrices);
    const now = this.clock();
    const { sharedCode, ...rest } = body;
    const record: RewardRecord = {
      id: randomUUID(),
      ...rest,
      description: body.description ?? null,
      imageUrl: body.imageUrl ?? null,
      sharedCode: sharedCode ?? null,
      archived: false,
      createdAt: now,
      updatedAt: now,
    };
    // The engine first: a record the catalogue lists is always redeemable.
    await this.engine.putReward(stockSpec(record));
    await this.store.putReward(record);
    return this.view(record, null);
  }

  async update(id: string, patch: PatchRewardBody): Promise<RewardView> {
    const current = await this.record(id);
    const next: RewardRecord = { ...current, ...patch, updatedAt: this.clock() };
    await this.checkTiers(next.minTier, next.tierPrices);
    if (next.availableFrom !== null && next.availableUntil !== null && next.availableUntil <= next.availableFrom) {
      throw new AppError(ErrorCode.VALIDATION, 'availableUntil: must be after availableFrom', 'availableUntil');
    }
    await this.engine.putReward(stockSpec(next));
    if (patch.stock !== undefined) await this.engine.setStock(id, patch.stock);
    await this.store.putReward(next);
    return this.view(next, null);
  }

  async addCodes(id: string, codes: string[]): Promise<{ added: number; duplicates: number; unused: number }> {
    const reward = await this.record(id);
    if (reward.codeMode !== 'pool') throw refused('reward.noPool', 'codes');
    return this.engine.addCodes(id, codes);
  }

  /** The catalogue: open, unarchived rewards for everyone; every one for the host. */
  async list(options: { memberId: string | null; all: boolean }): Promise<RewardView[]> {
    const rewards = (await this.store.listRewards()).map(withDefaults).filter((r) => options.all || !r.archived);
    return Promise.all(rewards.map((r) => this.view(r, options.memberId)));
  }

  async redeem(memberId: string, rewardId: string, requestId: string): Promise<{ redemption: Redemption; balance: number }> {
    const reward = await this.record(rewardId);
    await this.points.assertNotBanned(memberId);
    const [rules, tier] = await Promise.all([this.rules.get(), this.points.tierOf(memberId)]);
    if (!tierAllowed(rules, reward.minTier, tier)) {
      throw new AppError(ErrorCode.TIER_TOO_LOW, `this reward is for ${reward.minTier} members and up`, 'rewardId');
    }
    const at = this.clock();
    const ledgerKey = `reward:${rewardId}:${memberId}:${requestId}`;
    const reply = await this.engine.redeem({
      rewardId,
      memberId,
      requestId,
      at,
      pricePoints: reward.tierPrices[tier.id] ?? reward.pricePoints,
      period: reward.periodLimit ? periodKey(at, rules.timezone, reward.periodLimit.period) : null,
      redemptionId: randomUUID(),
      ledgerKey,
      spendEntryId: randomUUID(),
      reason: LedgerReason.reward,
    });
    if (!reply.ok) throw refused(redeemRefusalKey[reply.refusal], 'rewardId');
    if (!reply.replayed) this.events.emit('redemption', reply.redemption);
    if (!reply.replayed && reward.overlayAlert) await this.announce(reward, reply.redemption);
    if (!reply.replayed && reply.redemption.pricePoints > 0) {
      this.events.emit('points', memberId, { balance: reply.balance, delta: -reply.redemption.pricePoints, reason: LedgerReason.reward, key: ledgerKey, streamId: null });
    }
    return { redemption: reply.redemption, balance: reply.balance };
  }

  /**
   * A gift (the birthday's): the reward redeemed for the member at no cost,
   * once per `requestId`, whatever their tier; null when it cannot be given
   * (unknown, sold out, over a limit), which the caller logs and moves past.
   */
  async grant(memberId: string, rewardId: string, requestId: string): Promise<Redemption | null> {
    const reward = await this.store.rewardById(rewardId);
    if (!reward) return null;
    const rules = await this.rules.get();
    const at = this.clock();
    const reply = await this.engine.redeem({
      rewardId,
      memberId,
      requestId,
      at,
      pricePoints: 0,
      period: reward.periodLimit ? periodKey(at, rules.timezone, reward.periodLimit.period) : null,
      redemptionId: randomUUID(),
      ledgerKey: `reward:${rewardId}:${memberId}:${requestId}`,
      spendEntryId: randomUUID(),
      reason: LedgerReason.reward,
    });
    if (!reply.ok) return null;
    if (!reply.replayed) this.events.emit('redemption', reply.redemption);
    return reply.redemption;
  }

  mine(memberId: string): Promise<Redemption[]> {
    return this.engine.redemptionsOfMember(memberId, LIST_LIMIT);
  }

  queue(status: RedemptionStatus): Promise<Redemption[]> {
    return this.engine.redemptionsByStatus(status, LIST_LIMIT);
  }

  async fulfil(redemptionId: string): Promise<Redemption> {
    const reply = await this.engine.fulfil(redemptionId, this.clock());
    if (!reply.ok) throw refused(reply.refusal === 'NOT_FOUND' ? 'redemption.notFound' : 'redemption.settled', 'redemptionId');
    if (!reply.replayed) this.events.emit('redemption', reply.redemption);
    return reply.redemption;
  }

  /** Turns a pending redemption down: its points come back once, however often this is sent. */
  async reject(redemptionId: string): Promise<Redemption> {
    const known = await this.engine.redemptionById(redemptionId);
    if (!known) throw refused('redemption.notFound', 'redemptionId');
    const reply = await this.engine.reject(redemptionId, { at: this.clock(), returnKey: `${known.ledgerKey}:return`, reason: LedgerReason.rewardReturn });
    if (!reply.ok) throw refused(reply.refusal === 'NOT_FOUND' ? 'redemption.notFound' : 'redemption.settled', 'redemptionId');
    if (!reply.replayed) this.events.emit('redemption', reply.redemption);
    if (!reply.replayed && known.pricePoints > 0) {
      const { balance } = await this.points.memberState(known.memberId);
      this.events.emit('points', known.memberId, { balance, delta: known.pricePoints, reason: LedgerReason.rewardReturn, key: `${known.ledgerKey}:return`, streamId: null });
    }
    return reply.redemption;
  }

  private async record(id: string): Promise<RewardRecord> {
    const record = await this.store.rewardById(id);
    if (!record) throw refused('reward.notFound', 'rewardId');
    return withDefaults(record);
  }

  /** "Mei redeemed Free shipping" on the live overlays: a member's own purchase only, never a gift. */
  private async announce(reward: RewardRecord, redemption: Redemption): Promise<void> {
    const member = await this.store.memberById(redemption.memberId);
    if (!member) return;
    this.events.emit('rewardAlert', {
      redemptionId: redemption.id,
      displayName: member.displayName,
      rewardId: reward.id,
      rewardTitle: reward.title,
      kind: reward.kind,
    });
  }

  private async checkTiers(minTier: string | null, prices: Record<string, number>): Promise<void> {
    const rules = await this.rules.get();
    if (minTier && !tierById(rules, minTier)) throw new AppError(ErrorCode.VALIDATION, 'minTier: no such tier', 'minTier');
    for (const tier of Object.keys(prices)) {
      if (!tierById(rules, tier)) throw new AppError(ErrorCode.VALIDATION, `tierPrices: no tier ${tier}`, 'tierPrices');
    }
  }

  private async view(record: RewardRecord, memberId: string | null): Promise<RewardView> {
    const { sharedCode: _revealedOnRedeem, ...reward } = record;
    const stock = await this.engine.rewardStock(record.id);
    const left = record.codeMode === 'pool' ? Math.min(stock?.unusedCodes ?? 0, stock?.stock ?? Infinity) : (stock?.stock ?? null);
    if (!memberId) return { ...reward, left };
    const [rules, mine] = await Promise.all([this.rules.get(), this.engine.redemptionsOfMember(memberId, LIST_LIMIT)]);
    const holding = mine.filter((r) => r.rewardId === record.id && countsAgainstLimits(r));
    const period = record.periodLimit ? periodKey(this.clock(), rules.timezone, record.periodLimit.period) : null;
    return { ...reward, left, mine: { total: holding.length, thisPeriod: period === null ? 0 : holding.filter((r) => r.period === period).length } };
  }
}

/** Records saved before the overlay alert existed have no such field: they stay quiet. */
function withDefaults(record: RewardRecord): RewardRecord {
  return { ...record, overlayAlert: record.overlayAlert ?? false };
}

/** What the engine keeps of a record: its rules and its stock. */
function stockSpec(r: RewardRecord): RewardStock {
  return {
    id: r.id,
    kind: r.kind,
    stock: r.stock,
    perMemberLimit: r.perMemberLimit,
    periodLimit: r.periodLimit,
    codeMode: r.codeMode,
    sharedCode: r.sharedCode,
    availableFrom: r.availableFrom,
    availableUntil: r.availableUntil,
    archived: r.archived,
  };
}
