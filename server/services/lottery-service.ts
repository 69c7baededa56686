/**
 * Provably fair lotteries (frontrow-lottery-v1, shared/lottery-proof.ts).
 * The seed is drawn and committed to at creation; entering is idempotent and
 * paid entries spend through the ledger in the same atomic step; the draw
 * closes entries, recomputes winners from the seed, and publishes the proof.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import { hex, sha256Hex, type LotteryProof } from '../../shared/lottery-proof.ts';
import { LedgerReason } from '../../shared/models.ts';
import {
  DEFAULT_LOTTERY_SETTINGS,
  type CreateLotteryBody,
  type Lottery,
  type LotteryEntry,
  type LotteryPrize,
  type LotteryRecord,
  type LotterySettings,
} from '../../shared/perks.ts';
import { entryRefusal, entryWeight } from '../domain/lottery-eligibility.ts';
import { tierAllowed } from '../domain/drops.ts';
import { ledgerKey } from '../domain/keys.ts';
import { tierById } from '../domain/tiers.ts';
import { beatLimits } from '../domain/watch.ts';
import type { Engine } from '../engine/engine.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import { AppError, refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import type { RandomnessBeacon } from './drand-relays.ts';
import { LotteryInvites } from './lottery-invites.ts';
import { LotteryDraws } from './lottery-draw.ts';
import { LotteryPrizes } from './lottery-prizes.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';
import type { StreamService } from './stream-service.ts';

/** Refunds of a cancelled lottery's paid entries applied at once (a large lottery does not flood the engine). */
const REFUNDS_AT_ONCE = 32;

export class LotteryService {
  constructor(
    private readonly perks: PerksEngine,
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    beacon: RandomnessBeacon | null,
    log: Logger,
  ) {
    this.draws = new LotteryDraws(perks, store, new LotteryInvites(engine, store), beacon, clock, log, (record, proof) => this.announce(record, proof));
    this.prizes = new LotteryPrizes(store, clock);
  }

  private readonly prizes: LotteryPrizes;

  /** Drawing, v1 or v2, and finishing v2 draws whose round has come. Started and stopped with the app. */
  readonly draws: LotteryDraws;

  async create(streamId: string, input: CreateLotteryBody): Promise<Lottery> {
    const stream = await this.streams.get(streamId);
    if (stream.status === 'ended') throw new AppError(ErrorCode.NOT_LIVE, 'the show has ended', 'streamId');
    const rules = await this.rules.get();
    if (input.minTier && !tierById(rules, input.minTier)) throw new AppError(ErrorCode.VALIDATION, 'minTier: no such tier', 'minTier');
    const now = this.clock();
    if (input.closesAt !== undefined && input.closesAt <= now) throw new AppError(ErrorCode.VALIDATION, 'closesAt: must be in the future', 'closesAt');
    const seed = randomBytes(32);
    const record: LotteryRecord = {
      id: randomUUID(),
      streamId,
      title: input.title,
      prize: input.prize,
      winners: input.winners,
      minTier: input.minTier ?? null,
      entryCostPoints: input.entryCostPoints,
      requireWatching: input.requireWatching ?? !input.freeEntry,
      closesAt: input.closesAt ?? null,
      commitment: await sha256Hex(seed),
      status: 'open',
      createdAt: now,
      drawnAt: null,
      seed: hex(seed),
      settings: {
        odds: input.odds,
        freeEntry: input.freeEntry,
        excludeRecentWinners: input.excludeRecentWinners,
        minAccountAgeDays: input.minAccountAgeDays,
        claimWindowHours: input.claimWindowHours,
        inviteEntries: input.inviteEntries,
      },
      prizeClaims: {},
    };
    await this.perks.defineLottery(record.id);
    await this.store.createLottery(record);
    const lottery = await this.view(record, null);
    this.events.emit('lottery', lottery);
    return lottery;
  }

  async get(id: string): Promise<Lottery> {
    const { record, proof } = await this.load(id);
    return this.view(record, proof);
  }

  async listForStream(streamId: string): Promise<Lottery[]> {
    const records = await this.store.lotteriesOfStream(streamId);
    return Promise.all(records.map(async (r) => this.view(r, (await this.store.lotteryById(r.id))?.proof ?? null)));
  }

  async enter(memberId: string, lotteryId: string): Promise<LotteryEntry> {
    const { record } = await this.load(lotteryId);
    // An ended show takes no entries, whatever the lottery's state or whether it requires watching (the show is cached).
    if ((await this.streams.get(record.streamId)).status === 'ended') throw refused('stream.ended', 'lotteryId');
    await this.points.assertNotBanned(memberId);
    const now = this.clock();
    if (record.status !== 'open' || (record.closesAt !== null && now >= record.closesAt)) {
      throw refused('lottery.closed', 'lotteryId');
    }
    const existing = await this.perks.entryOf(lotteryId, memberId);
    if (existing) return existing;
    const settings = record.settings ?? DEFAULT_LOTTERY_SETTINGS;
    await this.assertEligible(settings, memberId, now);
    const [rules, tier] = await Promise.all([this.rules.get(), this.points.tierOf(memberId)]);
    if (!tierAllowed(rules, record.minTier, tier)) {
      throw new AppError(ErrorCode.TIER_TOO_LOW, `this lottery is for ${record.minTier} members and up`, 'lotteryId');
    }
    if (record.requireWatching && !(await this.isWatching(record.streamId, memberId, now))) {
      throw new AppError(ErrorCode.NOT_READY, 'watch the show to enter this lottery', 'lotteryId');
    }
    const result = await this.perks.enterLottery({
      lotteryId,
      memberId,
      weight: entryWeight(settings, tier.lotteryWeight),
      cost: record.entryCostPoints,
      ledgerKey: ledgerKey.lottery(lotteryId, memberId),
      reason: LedgerReason.lotteryEntry,
      streamId: record.streamId,
      at: now,
    });
    if (result.created) {
      this.events.emit('lotteryEntriesChanged', lotteryId, record.streamId);
      if (result.spend) {
        this.events.emit('points', memberId, {
          balance: result.balance,
          delta: result.spend.delta,
          reason: result.spend.reason,
          key: result.spend.key,
          streamId: record.streamId,
        });
      }
    }
    return result.entry;
  }

  /**
   * Draws (services/lottery-draw.ts): v1 at once; v2 freezes the entries and
   * names a drand round, and answers proof null until that round is out (the
   * rooms hear the winners when it is). Drawing again returns the same proof.
   */
  async draw(id: string): Promise<{ lottery: Lottery; proof: LotteryProof | null }> {
    const { record, proof: existing } = await this.load(id);
    if (existing) return { lottery: await this.view(record, existing), proof: existing };
    if (record.status === 'cancelled') throw refused('lottery.cancelled', 'lotteryId');
    const outcome = await this.draws.draw(record);
    return { lottery: await this.view(outcome.record, outcome.proof), proof: outcome.proof };
  }

  /** What the rooms hear when entries freeze (proof null) and when the winners are in. */
  async announce(record: LotteryRecord, proof: LotteryProof | null): Promise<void> {
    if (proof) this.prizes.forgetRecentWinners();
    const lottery = await this.view(record, proof);
    this.events.emit('lottery', lottery);
    if (proof) this.events.emit('lotteryDrawn', record.streamId, { lotteryId: record.id, winners: lottery.winnerList ?? [] });
  }

  /**
   * Closes entries without a draw (issue 11): nobody wins and every paid
   * entry gets its cost back through the ledger, once per entry (its key
   * ledgerKey.lotteryRefund), so a retried cancel refunds nothing twice and
   * finishes what an interrupted one began. A drawn lottery is refused.
   */
  async cancel(id: string): Promise<Lottery> {
    const { record } = await this.load(id);
    if (record.status === 'drawn') throw refused('lottery.drawn', 'lotteryId');
    // Frozen entries are drawn by a round already named: cancelling now would let whoever saw that round undo it.
    if (record.status === 'drawing') throw refused('lottery.drawing', 'lotteryId');
    const entries = await this.closeEntries(record);
    const after = await this.store.cancelLottery(id, this.clock());
    if (!after) throw refused('lottery.notFound');
    // A draw that won the race keeps its winners, and its entries stay paid.
    if (after.record.status === 'drawn') throw refused('lottery.drawn', 'lotteryId');
    if (after.record.status === 'drawing') throw refused('lottery.drawing', 'lotteryId');
    if (record.entryCostPoints > 0) {
      for (let i = 0; i < entries.length; i += REFUNDS_AT_ONCE) {
        await Promise.all(entries.slice(i, i + REFUNDS_AT_ONCE).map((e) => this.refund(after.record, e.memberId)));
      }
    }
    const lottery = await this.view(after.record, null);
    this.events.emit('lottery', lottery);
    return lottery;
  }

  async proof(id: string): Promise<LotteryProof> {
    const { proof } = await this.load(id);
    if (!proof) throw new AppError(ErrorCode.NOT_READY, 'the lottery has not been drawn yet');
    return proof;
  }

  /** A winner (or an alternate the prize passed to) claims it within their window; the rooms see the prize claimed. */
  async claimPrize(memberId: string, lotteryId: string): Promise<LotteryPrize> {
    const { record, proof } = await this.load(lotteryId);
    const { record: after, offer } = await this.prizes.claim(record, proof, memberId);
    const lottery = await this.view(after, proof);
    if (after !== record) this.events.emit('lottery', lottery);
    return lottery.prizes?.find((p) => p.slot === offer.slot) ?? { ...offer, status: 'claimed', displayName: 'member' };
  }

  /** Entries so far, from the engine's counter (cheap enough for room pushes). */
  entryCount(lotteryId: string): Promise<number> {
    return this.perks.entryCount(lotteryId);
  }

  /** Closes the engine's entries; a cancelled lottery the engine forgot (its show retired) was refunded before its keys left: none. */
  private async closeEntries(record: LotteryRecord): Promise<LotteryEntry[]> {
    try {
      return await this.perks.closeLottery(record.id);
    } catch (err) {
      if (record.status === 'cancelled' && err instanceof AppError && err.code === ErrorCode.NOT_FOUND) return [];
      throw err;
    }
  }

  private async refund(record: LotteryRecord, memberId: string): Promise<void> {
    const result = await this.engine.refund({
      key: ledgerKey.lotteryRefund(record.id, memberId),
      memberId,
      points: record.entryCostPoints,
      reason: LedgerReason.lotteryRefund,
      streamId: record.streamId,
      at: this.clock(),
    });
    if (!result.applied) return;
    const { entry } = result;
    this.events.emit('points', memberId, { balance: result.balance, delta: entry.delta, reason: entry.reason, key: entry.key, streamId: entry.streamId });
  }

  /** The host's exclusions: recent winners, accounts too new (domain/lottery-eligibility.ts decides). */
  private async assertEligible(settings: LotterySettings, memberId: string, now: number): Promise<void> {
    if (settings.excludeRecentWinners === 0 && settings.minAccountAgeDays === 0) return;
    const [member, recentWinners] = await Promise.all([
      settings.minAccountAgeDays > 0 ? this.store.memberById(memberId) : null,
      settings.excludeRecentWinners > 0 ? this.prizes.recentWinners(settings.excludeRecentWinners) : new Set<string>(),
    ]);
    const refusal = entryRefusal({ settings, memberId, memberCreatedAt: member?.createdAt ?? now, recentWinners, now });
    if (refusal) throw refused(refusal, 'lotteryId');
  }

  /** Watching right now = an accepted (visible, playing) heartbeat within the cap period. */
  private async isWatching(streamId: string, memberId: string, now: number): Promise<boolean> {
    const [state, rules] = await Promise.all([this.engine.watchState(streamId, memberId), this.rules.get()]);
    return state?.lastBeatAt != null && now - state.lastBeatAt <= beatLimits(rules).capMs;
  }

  private async load(id: string) {
    const found = await this.store.lotteryById(id);
    if (!found) throw refused('lottery.notFound');
    return found;
  }

  private async view(record: LotteryRecord, proof: LotteryProof | null): Promise<Lottery> {
    const { seed: _secret, settings, prizeClaims, ...visible } = record;
    // A drawn lottery's entries are in its proof; the engine may have forgotten them (its show retired).
    const entries = proof ? proof.entries.length : await this.perks.entryCount(record.id);
    const prizesAt = this.clock();
    const holders = this.prizes.holders(record, proof, prizesAt);
    const names = proof ? await this.names([...proof.winners, ...holders.map((h) => h.memberId)]) : new Map<string, string>();
    return {
      ...visible,
      entries,
      settings: settings ?? DEFAULT_LOTTERY_SETTINGS,
      drawAlgorithm: proof?.algorithm ?? (record.freeze || this.draws.version === 2 ? 'frontrow-lottery-v2' : 'frontrow-lottery-v1'),
      prizeClaims: prizeClaims ?? {},
      prizes: proof
        ? holders.map(({ slot, memberId, rank, status, deadline, claimedAt }) => ({
            slot,
            memberId,
            displayName: names.get(memberId) ?? 'member',
            rank,
            status: status === 'claimed' ? 'claimed' : 'pending',
            deadline,
            claimedAt,
          }))
        : null,
      prizesAt: proof ? prizesAt : null,
      winnerList: proof ? proof.winners.map((memberId) => ({ memberId, displayName: names.get(memberId) ?? 'member' })) : null,
    };
  }

  private async names(memberIds: string[]): Promise<Map<string, string>> {
    return new Map((await this.store.membersByIds([...new Set(memberIds)])).map((m) => [m.id, m.displayName]));
  }
}
