/**
 * SqliteStore: durable records in the DATA_DIR SQLite file (schema in
 * sqlite-database.ts). Every method is one statement or one IMMEDIATE
 * transaction, so "atomic" holds across the processes sharing the file.
 * Drops, claims, lotteries and orders are in sqlite-perks-records.ts, which
 * this class delegates to.
 */
import { retryingOnBusy } from '../sqlite/busy-retry.ts';
import Database from 'better-sqlite3';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { LedgerEntry, Member, Stream, StreamStatus } from '../../shared/models.ts';
import type { Claim, DropRecord, LotteryEntry, LotteryFreeze, LotteryRecord, OrderRecord } from '../../shared/perks.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { Mission } from '../../shared/missions.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { CommunityGoal } from '../../shared/community-goals.ts';
import type { Redemption, RewardRecord } from '../../shared/rewards.ts';
import type { Birthday } from '../domain/birthday.ts';
import { SqliteBirthdayRecords } from './sqlite-birthday-records.ts';
import type { OutboundDelivery, OutboundEvent, OutboundOutcome } from './outbound-records.ts';
import { SqliteOutboundRecords } from './sqlite-outbound-records.ts';
import type { Rules } from '../../shared/rules.ts';
import { AppError } from '../errors.ts';
import {
  INSERT_LEDGER_IF_NEW,
  LEDGER_COLUMNS,
  STORE_TABLES,
  ledgerEntryFromRow,
  ledgerParams,
  openDatabase,
  type LedgerRow,
  type SqliteDatabase,
} from '../sqlite/sqlite-database.ts';
import { SqlitePerksRecords } from './sqlite-perks-records.ts';
import { SqliteModerationRecords } from './sqlite-moderation-records.ts';
import { SqliteOverlayPins } from './sqlite-overlay-pins.ts';
import { SqliteRewardRecords } from './sqlite-reward-records.ts';
import { SqliteMissionRecords } from './sqlite-mission-records.ts';
import { SqliteBadgeRecords } from './sqlite-badge-records.ts';
import { SqliteGoalRecords } from './sqlite-goal-records.ts';
import { SqliteSegmentRecords } from './sqlite-segment-records.ts';
import type { SavedSegment } from '../../shared/insights.ts';
import { SqliteShowFactRecords } from './sqlite-show-fact-records.ts';
import type { ShowAudience, ShowFactsBatch, ShowMemberRow } from './show-fact-records.ts';
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import { SqliteRefundRecords } from './sqlite-refund-records.ts';
import type { RecordRefundResult } from './refund-records.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';
import { SqliteMemberData } from './sqlite-member-data.ts';
import type { CommentRecord, StreamModeration } from './moderation-records.ts';
import type { CommentEvent } from '../../shared/events.ts';
import { SqliteSessionRecords } from './sqlite-session-records.ts';
import type { LedgerPage, MemberHoldings, MemberRecord, NewMember, OverlayTokenRecord, Store } from './store.ts';

interface MemberRow {
  id: string;
  handle: string | null;
  display_name: string;
  external_id: string | null;
  password_hash: string | null;
  created_at: number;
  created_from: string | null;
}

interface StreamRow {
  id: string;
  title: string;
  playback_url: string | null;
  status: StreamStatus;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

const MEMBER_COLUMNS = 'id, handle, display_name, external_id, password_hash, created_at, created_from';

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  handle: r.handle,
  displayName: r.display_name,
  externalId: r.external_id,
  createdAt: r.created_at,
});
const toMemberRecord = (r: MemberRow): MemberRecord => ({ ...toMember(r), passwordHash: r.password_hash, createdFrom: r.created_from });

const toStream = (r: StreamRow): Stream => ({
  id: r.id,
  title: r.title,
  playbackUrl: r.playback_url,
  status: r.status,
  createdAt: r.created_at,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

/** The ledger cursor: the (at, id) of the last entry shown; pages continue strictly below it. */
const encodeCursor = (e: LedgerEntry) => `${e.at}:${e.id}`;
function decodeCursor(cursor: string): { at: number; id: string } {
  const i = cursor.indexOf(':');
  const at = Number(cursor.slice(0, i));
  if (i <= 0 || !Number.isSafeInteger(at)) throw new AppError(ErrorCode.VALIDATION, 'invalid ledger cursor', 'before');
  return { at, id: cursor.slice(i + 1) };
}

const TOKEN_COLUMNS = 'id, created_at AS createdAt, revoked_at AS revokedAt, expires_at AS expiresAt';

function prepareStatements(db: SqliteDatabase) {
  return {
    insertMember: db.prepare(`INSERT INTO members (id, handle, handle_key, display_name, external_id, password_hash, created_at, created_from)
      VALUES (@id, @handle, @handleKey, @displayName, @externalId, @passwordHash, @createdAt, @createdFrom)`),
    memberById: db.prepare<[string], MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = ?`),
    memberByHandle: db.prepare<[string], MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE handle_key = ?`),
    memberByExternalId: db.prepare<[string], MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE external_id = ?`),
    membersByIds: db.prepare<[string], MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    countCreated: db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM members WHERE created_at >= ? AND created_at < ?',
    ),
    insertStream: db.prepare(`INSERT INTO streams (id, title, playback_url, status, created_at, started_at, ended_at)
      VALUES (@id, @title, @playbackUrl, @status, @createdAt, @startedAt, @endedAt)`),
    streamById: db.prepare<[string], StreamRow>('SELECT * FROM streams WHERE id = ?'),
    listStreams: db.prepare<[], StreamRow>('SELECT * FROM streams ORDER BY created_at DESC, id DESC'),
    listStreamsByStatus: db.prepare<[string], StreamRow>(
      'SELECT * FROM streams WHERE status = ? ORDER BY created_at DESC, id DESC',
    ),
    // One UPDATE … WHERE status IN (…) is the compare-and-set; the CASEs apply only the fields in the patch.
    transitionStream: db.prepare<
      [{ id: string; from: string; status: StreamStatus; setStarted: number; startedAt: number | null; setEnded: number; endedAt: number | null }],
      StreamRow
    >(`UPDATE streams SET status = @status,
        started_at = CASE WHEN @setStarted THEN @startedAt ELSE started_at END,
        ended_at = CASE WHEN @setEnded THEN @endedAt ELSE ended_at END
      WHERE id = @id AND status IN (SELECT value FROM json_each(@from))
      RETURNING *`),
    loadRules: db.prepare<[], { json: string }>('SELECT json FROM rules WHERE id = 1'),
    saveRules: db.prepare('INSERT INTO rules (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    insertSettingIfAbsent: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    insertToken: db.prepare(
      'INSERT INTO overlay_tokens (id, created_at, revoked_at, expires_at) VALUES (@id, @createdAt, @revokedAt, @expiresAt)',
    ),
    revokeToken: db.prepare('UPDATE overlay_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    tokenById: db.prepare<[string], OverlayTokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM overlay_tokens WHERE id = ?`),
    listTokens: db.prepare<[], OverlayTokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM overlay_tokens ORDER BY created_at DESC, id DESC`),
    insertEntry: db.prepare(INSERT_LEDGER_IF_NEW),
    entryByKey: db.prepare<[string], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE key = ?`),
    ledgerFirstPage: db.prepare<[string, number], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger
      WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ?`),
    ledgerPageBefore: db.prepare<[string, number, string, number], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger
      WHERE member_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT ?`),
    ledgerTotals: db.prepare<[string], { sum: number; count: number }>(
      'SELECT COALESCE(SUM(delta), 0) AS sum, COUNT(*) AS count FROM ledger WHERE member_id = ?',
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  private readonly ownsDb: boolean;
  private readonly q: Statements;
  private readonly perks: SqlitePerksRecords;
  private readonly moderation: SqliteModerationRecords;
  private readonly refunds: SqliteRefundRecords;
  private readonly sessions: SqliteSessionRecords;
  private readonly memberData: SqliteMemberData;
  private readonly overlayPins: SqliteOverlayPins;
  private readonly rewardRecords: SqliteRewardRecords;
  private readonly missionRecords: SqliteMissionRecords;
  private readonly badgeRecords: SqliteBadgeRecords;
  private readonly goalRecords: SqliteGoalRecords;
  private readonly segmentRecords: SqliteSegmentRecords;
  private readonly showFacts: SqliteShowFactRecords;
  private readonly outbound: SqliteOutboundRecords;
  private readonly birthdays: SqliteBirthdayRecords;

  /** Pass an open database (shared with SqliteEngine; the caller closes it) or a data dir (this store opens and closes it). */
  constructor(source: SqliteDatabase | string) {
    this.ownsDb = typeof source === 'string';
    this.db = typeof source === 'string' ? openDatabase(source) : source;
    this.q = prepareStatements(this.db);
    this.perks = new SqlitePerksRecords(this.db);
    this.moderation = new SqliteModerationRecords(this.db);
    this.refunds = new SqliteRefundRecords(this.db);
    this.sessions = new SqliteSessionRecords(this.db);
    this.memberData = new SqliteMemberData(this.db);
    this.overlayPins = new SqliteOverlayPins(this.db);
    this.rewardRecords = new SqliteRewardRecords(this.db);
    this.missionRecords = new SqliteMissionRecords(this.db);
    this.badgeRecords = new SqliteBadgeRecords(this.db);
    this.goalRecords = new SqliteGoalRecords(this.db);
    this.segmentRecords = new SqliteSegmentRecords(this.db);
    this.showFacts = new SqliteShowFactRecords(this.db);
    this.outbound = new SqliteOutboundRecords(this.db);
    this.birthdays = new SqliteBirthdayRecords(this.db);
    // Every async method waits for a lock held by another process asynchronously, then answers UNAVAILABLE (busy-retry.ts).
    return retryingOnBusy(this);
  }

  async init(): Promise<void> {
    // The schema is created by openDatabase; nothing else to prepare.
  }

  async close(): Promise<void> {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  async resetForTests(): Promise<void> {
    this.db.transaction(() => {
      for (const table of STORE_TABLES) this.db.exec(`DELETE FROM ${table}`);
    }).immediate();
  }

  // ---- members ----

  async createMember(member: NewMember): Promise<MemberRecord> {
    return this.createMemberSync(member);
  }

  async findOrCreateByExternalId(member: NewMember & { externalId: string }) {
    return this.db.transaction(() => {
      const existing = this.q.memberByExternalId.get(member.externalId);
      if (existing) return { member: toMemberRecord(existing), created: false };
      return { member: this.createMemberSync(member), created: true };
    }).immediate();
  }

  async memberById(id: string): Promise<MemberRecord | null> {
    const row = this.q.memberById.get(id);
    return row ? toMemberRecord(row) : null;
  }

  async renameMember(id: string, displayName: string): Promise<MemberRecord | null> {
    this.db.prepare('UPDATE members SET display_name = ? WHERE id = ?').run(displayName, id);
    return this.memberById(id);
  }

  async memberByHandle(handle: string): Promise<MemberRecord | null> {
    const row = this.q.memberByHandle.get(handle.toLowerCase());
    return row ? toMemberRecord(row) : null;
  }

  async membersByIds(ids: string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    return this.q.membersByIds.all(JSON.stringify(ids)).map(toMember);
  }

  async countMembersCreated(fromMs: number, toMs: number): Promise<number> {
    return this.q.countCreated.get(fromMs, toMs)!.n;
  }

  // ---- member data rights (sqlite-member-data.ts) ----

  async memberHoldings(memberId: string): Promise<MemberHoldings> {
    return this.memberData.holdings(memberId);
  }

  async eraseMember(memberId: string): Promise<boolean> {
    return this.memberData.erase(memberId);
  }

  // ---- streams ----

  async createStream(stream: Stream): Promise<Stream> {
    try {
      this.q.insertStream.run(stream);
    } catch (err) {
      throw conflictFrom(err);
    }
    return { ...stream };
  }

  async streamById(id: string): Promise<Stream | null> {
    const row = this.q.streamById.get(id);
    return row ? toStream(row) : null;
  }

  async listStreams(status?: StreamStatus): Promise<Stream[]> {
    const rows = status ? this.q.listStreamsByStatus.all(status) : this.q.listStreams.all();
    return rows.map(toStream);
  }

  async transitionStream(
    id: string,
    from: StreamStatus[],
    patch: Pick<Stream, 'status'> & Partial<Pick<Stream, 'startedAt' | 'endedAt'>>,
  ): Promise<Stream | null> {
    const row = this.q.transitionStream.get({
      id,
      from: JSON.stringify(from),
      status: patch.status,
      setStarted: patch.startedAt !== undefined ? 1 : 0,
      startedAt: patch.startedAt ?? null,
      setEnded: patch.endedAt !== undefined ? 1 : 0,
      endedAt: patch.endedAt ?? null,
    });
    return row ? toStream(row) : null;
  }

  // ---- rules ----

  async loadRules(): Promise<Rules | null> {
    const row = this.q.loadRules.get();
    return row ? (JSON.parse(row.json) as Rules) : null;
  }

  async saveRules(rules: Rules): Promise<void> {
    this.q.saveRules.run(JSON.stringify(rules));
  }

  // ---- settings ----

  async getSetting(key: string): Promise<string | null> {
    return this.q.getSetting.get(key)?.value ?? null;
  }

  async setSettingIfAbsent(key: string, value: string): Promise<string> {
    return this.db.transaction(() => {
      this.q.insertSettingIfAbsent.run(key, value);
      return this.q.getSetting.get(key)!.value;
    }).immediate();
  }

  // ---- overlay tokens ----

  async createOverlayToken(token: OverlayTokenRecord): Promise<void> {
    try {
      this.q.insertToken.run(token);
    } catch (err) {
      throw conflictFrom(err);
    }
  }

  async revokeOverlayToken(id: string, atMs: number): Promise<boolean> {
    return this.q.revokeToken.run(atMs, id).changes > 0;
  }

  async overlayTokenById(id: string): Promise<OverlayTokenRecord | null> {
    return this.q.tokenById.get(id) ?? null;
  }

  async listOverlayTokens(): Promise<OverlayTokenRecord[]> {
    return this.q.listTokens.all();
  }

  // ---- sessions (sqlite-session-records.ts) ----

  setPasswordHash(memberId: string, passwordHash: string): Promise<boolean> {
    return this.sessions.setPasswordHash(memberId, passwordHash);
  }

  sessionVersion(memberId: string): Promise<number> {
    return this.sessions.sessionVersion(memberId);
  }

  bumpSessionVersion(memberId: string): Promise<number> {
    return this.sessions.bumpSessionVersion(memberId);
  }

  endSession(jti: string, expiresAt: number, nowMs: number): Promise<void> {
    return this.sessions.endSession(jti, expiresAt, nowMs);
  }

  isSessionEnded(jti: string): Promise<boolean> {
    return this.sessions.isSessionEnded(jti);
  }

  spendAssertion(jti: string, expiresAt: number, nowMs: number): Promise<boolean> {
    return this.sessions.spendAssertion(jti, expiresAt, nowMs);
  }

  // ---- ledger ----

  async appendLedger(entries: LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One transaction: one fsync for the batch; a key seen earlier (in the file or the batch) is skipped.
    this.db.transaction(() => {
      for (const entry of entries) this.q.insertEntry.run(ledgerParams(entry));
    }).immediate();
  }

  async ledgerPage(memberId: string, limit: number, before?: string): Promise<LedgerPage> {
    // One row more than asked tells whether an older page exists.
    const rows =
      before === undefined
        ? this.q.ledgerFirstPage.all(memberId, limit + 1)
        : (() => {
            const c = decodeCursor(before);
            return this.q.ledgerPageBefore.all(memberId, c.at, c.id, limit + 1);
          })();
    const entries = rows.slice(0, limit).map(ledgerEntryFromRow);
    const last = entries[entries.length - 1];
    return rows.length > limit && last ? { entries, next: encodeCursor(last) } : { entries };
  }

  async ledgerTotals(memberId: string): Promise<{ sum: number; count: number }> {
    return this.q.ledgerTotals.get(memberId)!;
  }

  async entryByKey(key: string): Promise<LedgerEntry | null> {
    const row = this.q.entryByKey.get(key);
    return row ? ledgerEntryFromRow(row) : null;
  }

  // ---- perks (sqlite-perks-records.ts) ----

  async createDrop(drop: DropRecord): Promise<DropRecord> {
    try {
      return this.perks.createDrop(drop);
    } catch (err) {
      throw conflictFrom(err);
    }
  }

  async dropById(id: string): Promise<DropRecord | null> {
    return this.perks.dropById(id);
  }

  async dropsOfStream(streamId: string): Promise<DropRecord[]> {
    return this.perks.dropsOfStream(streamId);
  }

  async closeDropRecord(id: string, atMs: number): Promise<DropRecord | null> {
    return this.perks.closeDropRecord(id, atMs);
  }

  async upsertRedemptions(redemptions: Redemption[]): Promise<void> {
    this.rewardRecords.upsertRedemptions(redemptions);
  }

  async storedRedemptions(memberId: string): Promise<Redemption[]> {
    return this.rewardRecords.storedRedemptions(memberId);
  }

  async upsertClaims(claims: Claim[]): Promise<void> {
    this.perks.upsertClaims(claims);
  }

  async claimById(id: string): Promise<Claim | null> {
    return this.perks.claimById(id);
  }

  async claimByCheckoutRef(checkoutRef: string): Promise<Claim | null> {
    return this.perks.claimByCheckoutRef(checkoutRef);
  }

  async claimsOfDrop(dropId: string, limit: number): Promise<Claim[]> {
    return this.perks.claimsOfDrop(dropId, limit);
  }

  async claimCountsOfDrop(dropId: string): Promise<{ reserved: number; confirmed: number }> {
    return this.perks.claimCountsOfDrop(dropId);
  }

  async claimsOfMember(memberId: string, limit: number): Promise<Claim[]> {
    return this.perks.claimsOfMember(memberId, limit);
  }

  async createLottery(lottery: LotteryRecord): Promise<void> {
    try {
      this.perks.createLottery(lottery);
    } catch (err) {
      throw conflictFrom(err);
    }
  }

  async lotteryById(id: string): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    return this.perks.lotteryById(id);
  }

  async lotteriesOfStream(streamId: string): Promise<LotteryRecord[]> {
    return this.perks.lotteriesOfStream(streamId);
  }

  async recordDraw(id: string, proof: LotteryProof, drawnAt: number): Promise<{ record: LotteryRecord; proof: LotteryProof } | null> {
    return this.perks.recordDraw(id, proof, drawnAt);
  }

  async freezeLottery(id: string, freeze: LotteryFreeze): Promise<LotteryRecord | null> {
    return this.perks.freezeLottery(id, freeze);
  }

  async lotteriesDrawing(): Promise<LotteryRecord[]> {
    return this.perks.lotteriesDrawing();
  }

  async recordPrizeClaim(id: string, memberId: string, atMs: number): Promise<LotteryRecord | null> {
    return this.perks.recordPrizeClaim(id, memberId, atMs);
  }

  async recentDraws(limit: number): Promise<Array<{ record: LotteryRecord; proof: LotteryProof }>> {
    return this.perks.recentDraws(limit);
  }

  async cancelLottery(id: string, atMs: number): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    return this.perks.cancelLottery(id, atMs);
  }

  async appendLotteryEntries(entries: LotteryEntry[]): Promise<void> {
    this.perks.appendLotteryEntries(entries);
  }

  async lotteryEntries(lotteryId: string): Promise<LotteryEntry[]> {
    return this.perks.lotteryEntries(lotteryId);
  }

  async recordOrder(order: OrderRecord): Promise<{ order: OrderRecord; created: boolean }> {
    return this.perks.recordOrder(order);
  }

  // ---- the overlay's pinned drop (sqlite-overlay-pins.ts) ----

  pinnedDropOf(streamId: string): Promise<string | null> {
    return this.overlayPins.pinnedDropOf(streamId);
  }

  setPinnedDrop(streamId: string, dropId: string | null, atMs: number): Promise<void> {
    return this.overlayPins.setPinnedDrop(streamId, dropId, atMs);
  }

  // ---- the rewards catalogue (sqlite-reward-records.ts) ----

  putReward(reward: RewardRecord): Promise<void> {
    return this.rewardRecords.putReward(reward);
  }

  rewardById(id: string): Promise<RewardRecord | null> {
    return this.rewardRecords.rewardById(id);
  }

  listRewards(): Promise<RewardRecord[]> {
    return this.rewardRecords.listRewards();
  }

  // ---- members' badges (sqlite-badge-records.ts) ----

  unlockBadge(memberId: string, badge: MemberBadge): Promise<boolean> {
    return this.badgeRecords.unlockBadge(memberId, badge);
  }

  badgesOf(memberId: string): Promise<MemberBadge[]> {
    return this.badgeRecords.badgesOf(memberId);
  }

  // ---- community goals (sqlite-goal-records.ts) ----

  putGoal(goal: CommunityGoal): Promise<void> {
    return this.goalRecords.putGoal(goal);
  }

  goalById(id: string): Promise<CommunityGoal | null> {
    return this.goalRecords.goalById(id);
  }

  goalsOfStream(streamId: string): Promise<CommunityGoal[]> {
    return this.goalRecords.goalsOfStream(streamId);
  }

  completeGoal(id: string, at: number): Promise<boolean> {
    return this.goalRecords.completeGoal(id, at);
  }

  // ---- what happened in each show (sqlite-show-fact-records.ts) ----

  recordShowFacts(batch: ShowFactsBatch): Promise<void> {
    return this.showFacts.recordShowFacts(batch);
  }

  showAudience(streamId: string, newFrom: number, newTo: number): Promise<ShowAudience> {
    return this.showFacts.showAudience(streamId, newFrom, newTo);
  }

  showMembers(streamId: string): Promise<ShowMemberRow[]> {
    return this.showFacts.showMembers(streamId);
  }

  watchesOf(memberIds: string[], from: number, to: number): Promise<ShowWatch[]> {
    return this.showFacts.watchesOf(memberIds, from, to);
  }

  ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]> {
    return this.showFacts.ordersOf(memberIds, from, to);
  }

  memberHistories(): Promise<MemberHistory[]> {
    return this.showFacts.memberHistories();
  }

  kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    return this.showFacts.kpiRows(rules, from, to, interval);
  }

  memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]> {
    return this.showFacts.memberSummaries(rules, now);
  }

  ledgerSize(): Promise<number> {
    return this.showFacts.ledgerSize();
  }

  // ---- saved segments (sqlite-segment-records.ts) ----

  putSegment(segment: SavedSegment): Promise<void> {
    return this.segmentRecords.putSegment(segment);
  }

  segmentById(id: string): Promise<SavedSegment | null> {
    return this.segmentRecords.segmentById(id);
  }

  listSegments(): Promise<SavedSegment[]> {
    return this.segmentRecords.listSegments();
  }

  segmentMemberIds(segmentId: string): Promise<string[]> {
    return this.segmentRecords.segmentMemberIds(segmentId);
  }

  moveSegmentMember(segmentId: string, memberId: string, inside: boolean, at: number): Promise<number | null> {
    return this.segmentRecords.moveSegmentMember(segmentId, memberId, inside, at);
  }

  // ---- missions (sqlite-mission-records.ts) ----

  putMission(mission: Mission): Promise<void> {
    return this.missionRecords.putMission(mission);
  }

  missionById(id: string): Promise<Mission | null> {
    return this.missionRecords.missionById(id);
  }

  listMissions(): Promise<Mission[]> {
    return this.missionRecords.listMissions();
  }

  // ---- the outbound webhook outbox ----

  enqueueOutbound(event: OutboundEvent): Promise<boolean> {
    return this.outbound.enqueueOutbound(event);
  }

  leaseOutbound(nowMs: number, leaseMs: number, limit: number): Promise<OutboundDelivery[]> {
    return this.outbound.leaseOutbound(nowMs, leaseMs, limit);
  }

  settleOutbound(id: string, outcome: OutboundOutcome): Promise<void> {
    return this.outbound.settleOutbound(id, outcome);
  }

  outboundLog(limit: number): Promise<OutboundDelivery[]> {
    return this.outbound.outboundLog(limit);
  }

  // ---- birthdays ----

  birthdayOf(memberId: string): Promise<Birthday | null> {
    return this.birthdays.birthdayOf(memberId);
  }

  setBirthday(memberId: string, birthday: Birthday): Promise<void> {
    return this.birthdays.setBirthday(memberId, birthday);
  }

  // ---- refunds (sqlite-refund-records.ts) ----

  async orderById(orderId: string): Promise<OrderRecord | null> {
    return this.refunds.orderById(orderId);
  }

  async refundById(refundId: string): Promise<RefundRecord | null> {
    return this.refunds.refundById(refundId);
  }

  async refundsOfOrder(orderId: string): Promise<RefundRecord[]> {
    return this.refunds.refundsOfOrder(orderId);
  }

  async recordRefund(refund: RefundRecord, seq: number): Promise<RecordRefundResult> {
    return this.refunds.recordRefund(refund, seq);
  }

  async settleRefund(refundId: string, settlement: RefundSettlement): Promise<RefundRecord | null> {
    return this.refunds.settleRefund(refundId, settlement);
  }

  // ---- moderation (sqlite-moderation-records.ts) ----

  recordComment(comment: CommentEvent, keep: number): Promise<void> {
    return this.moderation.recordComment(comment, keep);
  }

  commentById(id: string): Promise<CommentRecord | null> {
    return this.moderation.commentById(id);
  }

  removeComment(id: string, atMs: number): Promise<CommentRecord | null> {
    return this.moderation.removeComment(id, atMs);
  }

  recentComments(streamId: string, limit: number): Promise<CommentEvent[]> {
    return this.moderation.recentComments(streamId, limit);
  }

  banMember(memberId: string, atMs: number): Promise<void> {
    return this.moderation.banMember(memberId, atMs);
  }

  unbanMember(memberId: string): Promise<boolean> {
    return this.moderation.unbanMember(memberId);
  }

  bannedAt(memberId: string): Promise<number | null> {
    return this.moderation.bannedAt(memberId);
  }

  setMute(streamId: string, memberId: string, until: number | null): Promise<void> {
    return this.moderation.setMute(streamId, memberId, until);
  }

  muteUntil(streamId: string, memberId: string): Promise<number | null> {
    return this.moderation.muteUntil(streamId, memberId);
  }

  setStreamModeration(streamId: string, settings: StreamModeration): Promise<void> {
    return this.moderation.setStreamModeration(streamId, settings);
  }

  streamModeration(streamId: string): Promise<StreamModeration> {
    return this.moderation.streamModeration(streamId);
  }

  private createMemberSync(m: NewMember): MemberRecord {
    const record: MemberRecord = {
      id: m.id,
      handle: m.handle,
      displayName: m.displayName,
      externalId: m.externalId,
      createdAt: m.createdAt,
      passwordHash: m.passwordHash,
      createdFrom: m.createdFrom ?? null,
    };
    try {
      this.q.insertMember.run({ ...record, handleKey: m.handle?.toLowerCase() ?? null });
    } catch (err) {
      throw conflictFrom(err);
    }
    return record;
  }
}

/** Unique-constraint failures become CONFLICT naming the field; anything else passes through. */
function conflictFrom(err: unknown): unknown {
  if (!(err instanceof Database.SqliteError) || !err.code.startsWith('SQLITE_CONSTRAINT')) return err;
  if (err.message.includes('members.handle_key')) return new AppError(ErrorCode.CONFLICT, 'handle is taken', 'handle');
  if (err.message.includes('members.external_id')) return new AppError(ErrorCode.CONFLICT, 'external id is taken', 'externalId');
  return new AppError(ErrorCode.CONFLICT, 'already exists', 'id');
}
