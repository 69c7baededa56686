/**
 * MongoStore: the Store port on MongoDB through mongoose, for deployments
 * across hosts (REDIS_URL + MONGODB_URI).
 *
 * Atomicity comes from single-document operations and unique indexes, never
 * from read-then-write in this process, because several processes share the
 * database: handles and external ids are claimed by unique indexes, ledger
 * keys by a unique index, status changes by a filtered findOneAndUpdate, and
 * "create if absent" by upserts.
 *
 * Each instance owns its connection (mongoose.createConnection, not the global
 * one), so tests and tools can run several stores side by side.
 *
 * Drops, claims, lotteries and orders live in mongo-perks-records.ts, and
 * comments, bans, mutes and per-show moderation in mongo-moderation-records.ts,
 * which this class delegates to; duplicate-key handling is in mongo-errors.ts.
 */
import mongoose, { type Connection } from 'mongoose';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { LedgerEntry, Member, Stream, StreamStatus } from '../../shared/models.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { Mission } from '../../shared/missions.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { CommunityGoal } from '../../shared/community-goals.ts';
import type { Redemption, RewardRecord } from '../../shared/rewards.ts';
import type { Birthday } from '../domain/birthday.ts';
import { MongoBirthdayRecords } from './mongo-birthday-records.ts';
import type { OutboundDelivery, OutboundEvent, OutboundOutcome } from './outbound-records.ts';
import { MongoOutboundRecords } from './mongo-outbound-records.ts';
import type { Claim, DropRecord, LotteryEntry, LotteryFreeze, LotteryRecord, OrderRecord } from '../../shared/perks.ts';
import type { Rules } from '../../shared/rules.ts';
import { AppError } from '../errors.ts';
import { conflictFrom, isOnlyDuplicateKeys, retryOnceOnDuplicate } from './mongo-errors.ts';
import {
  defineModels,
  type LedgerDoc,
  type MemberDoc,
  type MongoModels,
  type OverlayTokenDoc,
  type StreamDoc,
} from './mongo-models.ts';
import { MongoPerksRecords } from './mongo-perks-records.ts';
import { MongoModerationRecords } from './mongo-moderation-records.ts';
import { MongoOverlayPins } from './mongo-overlay-pins.ts';
import { MongoRewardRecords } from './mongo-reward-records.ts';
import { MongoMissionRecords } from './mongo-mission-records.ts';
import { MongoBadgeRecords } from './mongo-badge-records.ts';
import { MongoGoalRecords } from './mongo-goal-records.ts';
import { MongoSegmentRecords } from './mongo-segment-records.ts';
import type { SavedSegment } from '../../shared/insights.ts';
import { MongoShowFactRecords } from './mongo-show-fact-records.ts';
import type { ShowAudience, ShowFactsBatch, ShowMemberRow } from './show-fact-records.ts';
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import { MongoRefundRecords } from './mongo-refund-records.ts';
import type { RecordRefundResult } from './refund-records.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';
import { MongoSessionRecords } from './mongo-session-records.ts';
import { MongoMemberData } from './mongo-member-data.ts';
import type { CommentRecord, StreamModeration } from './moderation-records.ts';
import type { CommentEvent } from '../../shared/events.ts';
import type { LedgerPage, MemberHoldings, MemberRecord, NewMember, OverlayTokenRecord, Store } from './store.ts';

export interface MongoStoreOptions {
  uri: string;
  /** Overrides the database named in the URI (tests use a fresh one each). */
  dbName?: string;
}

const RULES_ID = 'current';

export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  #conn: Connection | null = null;
  #models: MongoModels | null = null;
  readonly #perks = new MongoPerksRecords(() => this.m);
  readonly #moderation = new MongoModerationRecords(() => this.m);
  readonly #refunds = new MongoRefundRecords(() => this.m);
  readonly #sessions = new MongoSessionRecords(() => this.m);
  readonly #overlayPins = new MongoOverlayPins(() => this.m);
  readonly #rewards = new MongoRewardRecords(() => this.m);
  readonly #missions = new MongoMissionRecords(() => this.m);
  readonly #badges = new MongoBadgeRecords(() => this.m);
  readonly #goals = new MongoGoalRecords(() => this.m);
  readonly #segments = new MongoSegmentRecords(() => this.m);
  readonly #showFacts = new MongoShowFactRecords(() => this.m);
  readonly #outbound = new MongoOutboundRecords(() => this.m);
  readonly #birthdays = new MongoBirthdayRecords(() => this.m);
  readonly #memberData = new MongoMemberData(() => this.m);

  constructor(private readonly options: MongoStoreOptions) {}

  async init(): Promise<void> {
    if (this.#conn) return;
    const conn = mongoose.createConnection(this.options.uri, {
      ...(this.options.dbName ? { dbName: this.options.dbName } : {}),
      // Fail instead of queueing: a write must not be acknowledged while it sits in a buffer.
      bufferCommands: false,
      // Indexes are created below, awaited: they carry the uniqueness guarantees,
      // so no write may run before they exist.
      autoIndex: false,
      autoCreate: false,
      // "Durable when the promise resolves": wait for the journal. `w` is left to
      // the server default (majority on replica sets since MongoDB 5.0).
      writeConcern: { j: true },
    });
    const models = defineModels(conn);
    try {
      await conn.asPromise();
      await Promise.all(Object.values(models).map((model) => model.createIndexes()));
    } catch (err) {
      // Don't leave a half-open client retrying server selection in the background.
      await conn.destroy().catch(() => undefined);
      throw err;
    }
    this.#conn = conn;
    this.#models = models;
  }

  async close(): Promise<void> {
    const conn = this.#conn;
    this.#conn = null;
    this.#models = null;
    // destroy(), unlike close(), also drops the connection from mongoose's global list.
    await conn?.destroy();
  }

  async resetForTests(): Promise<void> {
    // deleteMany rather than drop: dropping would also drop the unique indexes
    // that the next test's atomicity depends on.
    await Promise.all(Object.values(this.m).map((model) => model.deleteMany({})));
  }

  // ---- members ----

  async createMember(member: NewMember): Promise<MemberRecord> {
    const doc = toMemberDoc(member);
    try {
      await this.m.members.create(doc);
    } catch (err) {
      throw conflictFrom(err) ?? err;
    }
    return toMemberRecord(doc);
  }

  async findOrCreateByExternalId(
    member: NewMember & { externalId: string },
  ): Promise<{ member: MemberRecord; created: boolean }> {
    // externalId comes from the filter on insert, so it is not repeated in $setOnInsert.
    const { externalId: _seededByFilter, ...onInsert } = toMemberDoc(member);
    const upsert = () =>
      this.m.members
        .findOneAndUpdate(
          { externalId: member.externalId },
          { $setOnInsert: onInsert },
          { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true },
        )
        .exec();
    let res;
    try {
      res = await retryOnceOnDuplicate(upsert);
    } catch (err) {
      // Still a duplicate after the retry: the handle or id belongs to someone else.
      throw conflictFrom(err) ?? err;
    }
    if (!res.value) throw new Error(`upsert of member ${member.externalId} returned no document`);
    return {
      member: toMemberRecord(res.value as MemberDoc),
      // updatedExisting is false exactly when this call inserted the document.
      created: res.lastErrorObject?.updatedExisting !== true,
    };
  }

  async memberById(id: string): Promise<MemberRecord | null> {
    const doc = await this.m.members.findById(id).lean<MemberDoc>().exec();
    return doc ? toMemberRecord(doc) : null;
  }

  async renameMember(id: string, displayName: string): Promise<MemberRecord | null> {
    const doc = await this.m.members
      .findByIdAndUpdate(id, { $set: { displayName } }, { returnDocument: 'after', lean: true, writeConcern: { j: true } })
      .exec();
    return doc ? toMemberRecord(doc as MemberDoc) : null;
  }

  async memberByHandle(handle: string): Promise<MemberRecord | null> {
    const doc = await this.m.members.findOne({ handleLower: handle.toLowerCase() }).lean<MemberDoc>().exec();
    return doc ? toMemberRecord(doc) : null;
  }

  async membersByIds(ids: string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const docs = await this.m.members
      .find({ _id: { $in: ids } }, { passwordHash: 0 })
      .lean<MemberDoc[]>()
      .exec();
    return docs.map(toMember);
  }

  async countMembersCreated(fromMs: number, toMs: number): Promise<number> {
    return this.m.members.countDocuments({ createdAt: { $gte: fromMs, $lt: toMs } }).exec();
  }
  // ---- member data rights (mongo-member-data.ts) ----

  memberHoldings(memberId: string): Promise<MemberHoldings> {
    return this.#memberData.holdings(memberId);
  }

  eraseMember(memberId: string): Promise<boolean> {
    return this.#memberData.erase(memberId);
  }


  // ---- streams ----

  async createStream(stream: Stream): Promise<Stream> {
    const doc: StreamDoc = {
      _id: stream.id,
      title: stream.title,
      playbackUrl: stream.playbackUrl,
      status: stream.status,
      createdAt: stream.createdAt,
      startedAt: stream.startedAt,
      endedAt: stream.endedAt,
    };
    try {
      await this.m.streams.create(doc);
    } catch (err) {
      throw conflictFrom(err) ?? err;
    }
    return toStream(doc);
  }

  async streamById(id: string): Promise<Stream | null> {
    const doc = await this.m.streams.findById(id).lean<StreamDoc>().exec();
    return doc ? toStream(doc) : null;
  }

  async listStreams(status?: StreamStatus): Promise<Stream[]> {
    const docs = await this.m.streams
      .find(status ? { status } : {})
      .sort({ createdAt: -1, _id: -1 })
      .lean<StreamDoc[]>()
      .exec();
    return docs.map(toStream);
  }

  async transitionStream(
    id: string,
    from: StreamStatus[],
    patch: Pick<Stream, 'status'> & Partial<Pick<Stream, 'startedAt' | 'endedAt'>>,
  ): Promise<Stream | null> {
    // Only the keys the caller gave: an absent startedAt must not become null.
    const set: Partial<StreamDoc> = { status: patch.status };
    if (patch.startedAt !== undefined) set.startedAt = patch.startedAt;
    if (patch.endedAt !== undefined) set.endedAt = patch.endedAt;
    // The status filter makes this a compare-and-set on the server: of two racing
    // transitions from the same status, exactly one matches.
    const doc = await this.m.streams
      .findOneAndUpdate({ _id: id, status: { $in: from } }, { $set: set }, { returnDocument: 'after' })
      .lean<StreamDoc>()
      .exec();
    return doc ? toStream(doc) : null;
  }

  // ---- rules ----

  async loadRules(): Promise<Rules | null> {
    const doc = await this.m.rules.findById(RULES_ID).lean().exec();
    return doc ? (doc.rules as Rules) : null;
  }

  async saveRules(rules: Rules): Promise<void> {
    await this.m.rules.replaceOne({ _id: RULES_ID }, { _id: RULES_ID, rules }, { upsert: true }).exec();
  }

  // ---- settings ----

  async getSetting(key: string): Promise<string | null> {
    const doc = await this.m.settings.findById(key).lean().exec();
    return doc ? doc.value : null;
  }

  async setSettingIfAbsent(key: string, value: string): Promise<string> {
    const doc = await retryOnceOnDuplicate(() =>
      this.m.settings
        .findOneAndUpdate({ _id: key }, { $setOnInsert: { value } }, { upsert: true, returnDocument: 'after', lean: true })
        .exec(),
    );
    if (!doc) throw new Error(`upsert of setting ${key} returned no document`);
    return doc.value;
  }

  // ---- overlay tokens ----

  async createOverlayToken(token: OverlayTokenRecord): Promise<void> {
    try {
      await this.m.overlayTokens.create({ _id: token.id, createdAt: token.createdAt, revokedAt: token.revokedAt, expiresAt: token.expiresAt });
    } catch (err) {
      throw conflictFrom(err) ?? err;
    }
  }

  async revokeOverlayToken(id: string, atMs: number): Promise<boolean> {
    // `revokedAt: null` in the filter keeps the first revocation time.
    const res = await this.m.overlayTokens.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: atMs } }).exec();
    if (res.matchedCount > 0) return true;
    return (await this.m.overlayTokens.exists({ _id: id }).exec()) !== null;
  }

  async overlayTokenById(id: string): Promise<OverlayTokenRecord | null> {
    const doc = await this.m.overlayTokens.findById(id).lean<OverlayTokenDoc>().exec();
    return doc ? toOverlayToken(doc) : null;
  }

  async listOverlayTokens(): Promise<OverlayTokenRecord[]> {
    const docs = await this.m.overlayTokens.find().sort({ createdAt: -1, _id: -1 }).lean<OverlayTokenDoc[]>().exec();
    return docs.map(toOverlayToken);
  }

  // ---- sessions (mongo-session-records.ts) ----

  setPasswordHash(memberId: string, passwordHash: string): Promise<boolean> {
    return this.#sessions.setPasswordHash(memberId, passwordHash);
  }

  sessionVersion(memberId: string): Promise<number> {
    return this.#sessions.sessionVersion(memberId);
  }

  bumpSessionVersion(memberId: string): Promise<number> {
    return this.#sessions.bumpSessionVersion(memberId);
  }

  endSession(jti: string, expiresAt: number): Promise<void> {
    return this.#sessions.endSession(jti, expiresAt);
  }

  isSessionEnded(jti: string): Promise<boolean> {
    return this.#sessions.isSessionEnded(jti);
  }

  spendAssertion(jti: string, expiresAt: number): Promise<boolean> {
    return this.#sessions.spendAssertion(jti, expiresAt);
  }

  // ---- ledger ----

  async appendLedger(entries: LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const docs = entries.map(toLedgerDoc);
    // Validate everything first: when an unordered insertMany also hits a duplicate,
    // mongoose rethrows only the driver's error, and a document that failed
    // validation would be dropped without a word.
    await Promise.all(docs.map((doc) => this.m.ledger.validate(doc)));
    try {
      // Unordered: one replayed key must not stop the new entries after it.
      await this.m.ledger.insertMany(docs, { ordered: false });
    } catch (err) {
      // Keys already stored are the idempotent replays this method promises to skip;
      // anything else (write concern, network) must reach the caller.
      if (!isOnlyDuplicateKeys(err)) throw err;
    }
  }

  async ledgerPage(memberId: string, limit: number, before?: string): Promise<LedgerPage> {
    if (limit < 1) return { entries: [] };
    const cursor = before === undefined ? null : decodeCursor(before);
    const filter = cursor
      ? { memberId, $or: [{ at: { $lt: cursor.at } }, { at: cursor.at, _id: { $lt: cursor.id } }] }
      : { memberId };
    // One extra row tells whether an older page exists.
    const docs = await this.m.ledger
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(limit + 1)
      .lean<LedgerDoc[]>()
      .exec();
    const entries = docs.slice(0, limit).map(toLedgerEntry);
    const last = entries[entries.length - 1];
    return docs.length > limit && last ? { entries, next: encodeCursor(last.at, last.id) } : { entries };
  }

  async ledgerTotals(memberId: string): Promise<{ sum: number; count: number }> {
    const [row] = await this.m.ledger
      .aggregate<{ sum: number; count: number }>([
        { $match: { memberId } },
        { $group: { _id: null, sum: { $sum: '$delta' }, count: { $sum: 1 } } },
      ])
      .exec();
    return { sum: row?.sum ?? 0, count: row?.count ?? 0 };
  }

  async entryByKey(key: string): Promise<LedgerEntry | null> {
    const doc = await this.m.ledger.findOne({ key }).lean<LedgerDoc>().exec();
    return doc ? toLedgerEntry(doc) : null;
  }

  // ---- perks (mongo-perks-records.ts) ----

  createDrop(drop: DropRecord): Promise<DropRecord> {
    return this.#perks.createDrop(drop);
  }

  dropById(id: string): Promise<DropRecord | null> {
    return this.#perks.dropById(id);
  }

  dropsOfStream(streamId: string): Promise<DropRecord[]> {
    return this.#perks.dropsOfStream(streamId);
  }

  closeDropRecord(id: string, atMs: number): Promise<DropRecord | null> {
    return this.#perks.closeDropRecord(id, atMs);
  }

  upsertRedemptions(redemptions: Redemption[]): Promise<void> {
    return this.#rewards.upsertRedemptions(redemptions);
  }

  storedRedemptions(memberId: string): Promise<Redemption[]> {
    return this.#rewards.storedRedemptions(memberId);
  }

  upsertClaims(claims: Claim[]): Promise<void> {
    return this.#perks.upsertClaims(claims);
  }

  claimById(id: string): Promise<Claim | null> {
    return this.#perks.claimById(id);
  }

  claimByCheckoutRef(checkoutRef: string): Promise<Claim | null> {
    return this.#perks.claimByCheckoutRef(checkoutRef);
  }

  claimsOfDrop(dropId: string, limit: number): Promise<Claim[]> {
    return this.#perks.claimsOfDrop(dropId, limit);
  }

  claimCountsOfDrop(dropId: string): Promise<{ reserved: number; confirmed: number }> {
    return this.#perks.claimCountsOfDrop(dropId);
  }

  claimsOfMember(memberId: string, limit: number): Promise<Claim[]> {
    return this.#perks.claimsOfMember(memberId, limit);
  }

  createLottery(lottery: LotteryRecord): Promise<void> {
    return this.#perks.createLottery(lottery);
  }

  lotteryById(id: string): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    return this.#perks.lotteryById(id);
  }

  lotteriesOfStream(streamId: string): Promise<LotteryRecord[]> {
    return this.#perks.lotteriesOfStream(streamId);
  }

  recordDraw(id: string, proof: LotteryProof, drawnAt: number): Promise<{ record: LotteryRecord; proof: LotteryProof } | null> {
    return this.#perks.recordDraw(id, proof, drawnAt);
  }

  freezeLottery(id: string, freeze: LotteryFreeze): Promise<LotteryRecord | null> {
    return this.#perks.freezeLottery(id, freeze);
  }

  lotteriesDrawing(): Promise<LotteryRecord[]> {
    return this.#perks.lotteriesDrawing();
  }

  recordPrizeClaim(id: string, memberId: string, atMs: number): Promise<LotteryRecord | null> {
    return this.#perks.recordPrizeClaim(id, memberId, atMs);
  }

  recentDraws(limit: number): Promise<Array<{ record: LotteryRecord; proof: LotteryProof }>> {
    return this.#perks.recentDraws(limit);
  }

  cancelLottery(id: string, atMs: number): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    return this.#perks.cancelLottery(id, atMs);
  }

  appendLotteryEntries(entries: LotteryEntry[]): Promise<void> {
    return this.#perks.appendLotteryEntries(entries);
  }

  lotteryEntries(lotteryId: string): Promise<LotteryEntry[]> {
    return this.#perks.lotteryEntries(lotteryId);
  }

  recordOrder(order: OrderRecord): Promise<{ order: OrderRecord; created: boolean }> {
    return this.#perks.recordOrder(order);
  }

  // ---- the overlay's pinned drop (mongo-overlay-pins.ts) ----

  pinnedDropOf(streamId: string): Promise<string | null> {
    return this.#overlayPins.pinnedDropOf(streamId);
  }

  setPinnedDrop(streamId: string, dropId: string | null, atMs: number): Promise<void> {
    return this.#overlayPins.setPinnedDrop(streamId, dropId, atMs);
  }

  // ---- the rewards catalogue (mongo-reward-records.ts) ----

  putReward(reward: RewardRecord): Promise<void> {
    return this.#rewards.putReward(reward);
  }

  rewardById(id: string): Promise<RewardRecord | null> {
    return this.#rewards.rewardById(id);
  }

  listRewards(): Promise<RewardRecord[]> {
    return this.#rewards.listRewards();
  }

  // ---- members' badges (mongo-badge-records.ts) ----

  unlockBadge(memberId: string, badge: MemberBadge): Promise<boolean> {
    return this.#badges.unlockBadge(memberId, badge);
  }

  badgesOf(memberId: string): Promise<MemberBadge[]> {
    return this.#badges.badgesOf(memberId);
  }

  // ---- community goals (mongo-goal-records.ts) ----

  putGoal(goal: CommunityGoal): Promise<void> {
    return this.#goals.putGoal(goal);
  }

  goalById(id: string): Promise<CommunityGoal | null> {
    return this.#goals.goalById(id);
  }

  goalsOfStream(streamId: string): Promise<CommunityGoal[]> {
    return this.#goals.goalsOfStream(streamId);
  }

  completeGoal(id: string, at: number): Promise<boolean> {
    return this.#goals.completeGoal(id, at);
  }

  // ---- what happened in each show (mongo-show-fact-records.ts) ----

  recordShowFacts(batch: ShowFactsBatch): Promise<void> {
    return this.#showFacts.recordShowFacts(batch);
  }

  showAudience(streamId: string, newFrom: number, newTo: number): Promise<ShowAudience> {
    return this.#showFacts.showAudience(streamId, newFrom, newTo);
  }

  showMembers(streamId: string): Promise<ShowMemberRow[]> {
    return this.#showFacts.showMembers(streamId);
  }

  watchesOf(memberIds: string[], from: number, to: number): Promise<ShowWatch[]> {
    return this.#showFacts.watchesOf(memberIds, from, to);
  }

  ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]> {
    return this.#showFacts.ordersOf(memberIds, from, to);
  }

  memberHistories(): Promise<MemberHistory[]> {
    return this.#showFacts.memberHistories();
  }

  kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    return this.#showFacts.kpiRows(rules, from, to, interval);
  }

  memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]> {
    return this.#showFacts.memberSummaries(rules, now);
  }

  ledgerSize(): Promise<number> {
    return this.#showFacts.ledgerSize();
  }

  // ---- saved segments (mongo-segment-records.ts) ----

  putSegment(segment: SavedSegment): Promise<void> {
    return this.#segments.putSegment(segment);
  }

  segmentById(id: string): Promise<SavedSegment | null> {
    return this.#segments.segmentById(id);
  }

  listSegments(): Promise<SavedSegment[]> {
    return this.#segments.listSegments();
  }

  segmentMemberIds(segmentId: string): Promise<string[]> {
    return this.#segments.segmentMemberIds(segmentId);
  }

  moveSegmentMember(segmentId: string, memberId: string, inside: boolean, at: number): Promise<number | null> {
    return this.#segments.moveSegmentMember(segmentId, memberId, inside, at);
  }

  // ---- missions (mongo-mission-records.ts) ----

  putMission(mission: Mission): Promise<void> {
    return this.#missions.putMission(mission);
  }

  missionById(id: string): Promise<Mission | null> {
    return this.#missions.missionById(id);
  }

  listMissions(): Promise<Mission[]> {
    return this.#missions.listMissions();
  }

  // ---- the outbound webhook outbox ----

  enqueueOutbound(event: OutboundEvent): Promise<boolean> {
    return this.#outbound.enqueueOutbound(event);
  }

  leaseOutbound(nowMs: number, leaseMs: number, limit: number): Promise<OutboundDelivery[]> {
    return this.#outbound.leaseOutbound(nowMs, leaseMs, limit);
  }

  settleOutbound(id: string, outcome: OutboundOutcome): Promise<void> {
    return this.#outbound.settleOutbound(id, outcome);
  }

  outboundLog(limit: number): Promise<OutboundDelivery[]> {
    return this.#outbound.outboundLog(limit);
  }

  // ---- birthdays ----

  birthdayOf(memberId: string): Promise<Birthday | null> {
    return this.#birthdays.birthdayOf(memberId);
  }

  setBirthday(memberId: string, birthday: Birthday): Promise<void> {
    return this.#birthdays.setBirthday(memberId, birthday);
  }

  // ---- refunds (mongo-refund-records.ts) ----

  orderById(orderId: string): Promise<OrderRecord | null> {
    return this.#refunds.orderById(orderId);
  }

  refundById(refundId: string): Promise<RefundRecord | null> {
    return this.#refunds.refundById(refundId);
  }

  refundsOfOrder(orderId: string): Promise<RefundRecord[]> {
    return this.#refunds.refundsOfOrder(orderId);
  }

  recordRefund(refund: RefundRecord, seq: number): Promise<RecordRefundResult> {
    return this.#refunds.recordRefund(refund, seq);
  }

  settleRefund(refundId: string, settlement: RefundSettlement): Promise<RefundRecord | null> {
    return this.#refunds.settleRefund(refundId, settlement);
  }

  // ---- moderation (mongo-moderation-records.ts) ----

  recordComment(comment: CommentEvent, keep: number): Promise<void> {
    return this.#moderation.recordComment(comment, keep);
  }

  commentById(id: string): Promise<CommentRecord | null> {
    return this.#moderation.commentById(id);
  }

  removeComment(id: string, atMs: number): Promise<CommentRecord | null> {
    return this.#moderation.removeComment(id, atMs);
  }

  recentComments(streamId: string, limit: number): Promise<CommentEvent[]> {
    return this.#moderation.recentComments(streamId, limit);
  }

  banMember(memberId: string, atMs: number): Promise<void> {
    return this.#moderation.banMember(memberId, atMs);
  }

  unbanMember(memberId: string): Promise<boolean> {
    return this.#moderation.unbanMember(memberId);
  }

  bannedAt(memberId: string): Promise<number | null> {
    return this.#moderation.bannedAt(memberId);
  }

  setMute(streamId: string, memberId: string, until: number | null): Promise<void> {
    return this.#moderation.setMute(streamId, memberId, until);
  }

  muteUntil(streamId: string, memberId: string): Promise<number | null> {
    return this.#moderation.muteUntil(streamId, memberId);
  }

  setStreamModeration(streamId: string, settings: StreamModeration): Promise<void> {
    return this.#moderation.setStreamModeration(streamId, settings);
  }

  streamModeration(streamId: string): Promise<StreamModeration> {
    return this.#moderation.streamModeration(streamId);
  }

  private get m(): MongoModels {
    if (!this.#models) throw new Error('MongoStore: call init() first (or the store was closed)');
    return this.#models;
  }
}

// ---- documents <-> shared types (explicit fields, so _id and __v never leak) ----

function toMemberDoc(member: NewMember): MemberDoc {
  return {
    _id: member.id,
    handle: member.handle,
    // Absent, not null, when there is none: the sparse unique indexes skip absent fields.
    ...(member.handle !== null ? { handleLower: member.handle.toLowerCase() } : {}),
    displayName: member.displayName,
    ...(member.externalId !== null ? { externalId: member.externalId } : {}),
    passwordHash: member.passwordHash,
    createdAt: member.createdAt,
    ...(member.createdFrom ? { createdFrom: member.createdFrom } : {}),
  };
}

function toMember(doc: MemberDoc): Member {
  return {
    id: doc._id,
    handle: doc.handle ?? null,
    displayName: doc.displayName,
    externalId: doc.externalId ?? null,
    createdAt: doc.createdAt,
  };
}

function toMemberRecord(doc: MemberDoc): MemberRecord {
  return { ...toMember(doc), passwordHash: doc.passwordHash ?? null, createdFrom: doc.createdFrom ?? null };
}

function toStream(doc: StreamDoc): Stream {
  return {
    id: doc._id,
    title: doc.title,
    playbackUrl: doc.playbackUrl ?? null,
    status: doc.status,
    createdAt: doc.createdAt,
    startedAt: doc.startedAt ?? null,
    endedAt: doc.endedAt ?? null,
  };
}

function toLedgerDoc(entry: LedgerEntry): LedgerDoc {
  return {
    _id: entry.id,
    key: entry.key,
    memberId: entry.memberId,
    delta: entry.delta,
    reason: entry.reason,
    streamId: entry.streamId,
    at: entry.at,
  };
}

function toLedgerEntry(doc: LedgerDoc): LedgerEntry {
  return {
    id: doc._id,
    key: doc.key,
    memberId: doc.memberId,
    delta: doc.delta,
    reason: doc.reason,
    streamId: doc.streamId ?? null,
    at: doc.at,
  };
}

// ---- cursor: base64url of `${at}:${id}`, opaque to clients ----

function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Split at the first colon: `at` is a number, ids may contain colons.
  const colon = text.indexOf(':');
  const at = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(at)) {
    throw new AppError(ErrorCode.VALIDATION, 'invalid ledger cursor', 'before');
  }
  return { at, id: text.slice(colon + 1) };
}

const toOverlayToken = (doc: OverlayTokenDoc): OverlayTokenRecord => ({
  id: doc._id,
  createdAt: doc.createdAt,
  revokedAt: doc.revokedAt ?? null,
  expiresAt: doc.expiresAt ?? null,
});
