/**
 * Store: durable records behind one small interface.
 *
 * Two implementations, one contract (test/contract/store-contract.ts):
 * - SqliteStore: the SQLite file under DATA_DIR (WAL), shared by the processes of one host.
 * - MongoStore: MongoDB through mongoose, for deployments across hosts.
 *
 * Every write here is durable when its promise resolves. Methods that say
 * "atomic" must stay correct when several processes call them at once.
 */
import type { LedgerEntry, Member, Stream, StreamStatus } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import type { CommentRecord, ModerationRecords } from './moderation-records.ts';
import type { OverlayPinRecords } from './overlay-pin-records.ts';
import type { RewardRecords } from './reward-records.ts';
import type { MissionRecords } from './mission-records.ts';
import type { BadgeRecords } from './badge-records.ts';
import type { GoalRecords } from './goal-records.ts';
import type { ShowFactRecords } from './show-fact-records.ts';
import type { SegmentRecords } from './segment-records.ts';
import type { OutboundRecords } from './outbound-records.ts';
import type { BirthdayRecords } from './birthday-records.ts';
import type { RefundRecords } from './refund-records.ts';
import type { SessionRecords } from './session-records.ts';
import type { LedgerSink, PerksSink } from './sinks.ts';
import type { Claim, DropRecord, LotteryEntry, LotteryFreeze, LotteryRecord, OrderRecord } from '../../shared/perks.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';

export interface MemberRecord extends Member {
  /** scrypt hash (see services/passwords.ts); null for SSO-only members. */
  passwordHash: string | null;
  /** The network address the account was created from (sign-up, SSO); null when unknown (shop orders, older accounts). */
  createdFrom: string | null;
}

export interface NewMember {
  id: string;
  handle: string | null;
  displayName: string;
  externalId: string | null;
  passwordHash: string | null;
  createdAt: number;
  /** The client's network address, when a person created the account (absent: null). */
  createdFrom?: string | null;
}

export interface OverlayTokenRecord {
  id: string;
  createdAt: number;
  revokedAt: number | null;
  /** When its JWT expires (wall-clock ms); null for tokens made before expiries existed. */
  expiresAt: number | null;
}

/** What the store holds about one member besides their record and ledger (for `GET /api/me/export`). */
export interface MemberHoldings {
  /** every claim, newest first */
  claims: Claim[];
  lotteryEntries: LotteryEntry[];
  /** shop orders credited to the member */
  orders: OrderRecord[];
  /** the member's comments the shows still keep (removed ones too) */
  comments: CommentRecord[];
  /** when the host banned the member, null when not banned */
  bannedAt: number | null;
  mutes: Array<{ streamId: string; until: number }>;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  /** Cursor for the next (older) page, absent on the last page. */
  next?: string;
}

export interface Store extends LedgerSink, PerksSink, ModerationRecords, SessionRecords, OverlayPinRecords, RefundRecords, RewardRecords, MissionRecords, BadgeRecords, GoalRecords, ShowFactRecords, SegmentRecords, OutboundRecords, BirthdayRecords {
  readonly kind: 'sqlite' | 'mongo';
  init(): Promise<void>;
  close(): Promise<void>;
  /** Test-only: remove every record of this instance. */
  resetForTests(): Promise<void>;

  // ---- members ----
  /** Atomic. Throws AppError CONFLICT (field 'handle') when the handle is taken (case-insensitive). */
  createMember(member: NewMember): Promise<MemberRecord>;
  /** Atomic upsert by externalId: returns the existing member or creates `member`. */
  findOrCreateByExternalId(member: NewMember & { externalId: string }): Promise<{ member: MemberRecord; created: boolean }>;
  memberById(id: string): Promise<MemberRecord | null>;
  /** Sets the display name; returns the member after, or null when unknown. */
  renameMember(id: string, displayName: string): Promise<MemberRecord | null>;
  /** Case-insensitive. */
  memberByHandle(handle: string): Promise<MemberRecord | null>;
  /** Members found among `ids` (any order; unknown ids skipped). */
  membersByIds(ids: string[]): Promise<Member[]>;
  /** Members created in [fromMs, toMs). */
  countMembersCreated(fromMs: number, toMs: number): Promise<number>;

  // ---- member data rights (member-data records: sqlite-member-data.ts, mongo-member-data.ts) ----
  /** Everything held about the member beyond the record and the ledger. Rare (an export): may scan. */
  memberHoldings(memberId: string): Promise<MemberHoldings>;
  /**
   * Erases the member's personal data: the member record itself (handle, display
   * name, password hash, shop customer id, the address it was created from),
   * their comments, mutes and ban, and the addresses they were seen at. What
   * the points and the published draws rest on stays, keyed by the bare random
   * member id: ledger entries, claims, lottery entries, orders. Afterwards the
   * id is unknown (memberById: null), so the member's tokens are refused, and
   * the handle and customer id are free (an SSO sign-in makes a new member).
   * Idempotent; returns false when there was no such member.
   * SqliteStore: one transaction. MongoStore: the member document last, so a
   * failure part-way leaves the member able to sign in and ask again.
   */
  eraseMember(memberId: string): Promise<boolean>;

  // ---- streams ----
  createStream(stream: Stream): Promise<Stream>;
  streamById(id: string): Promise<Stream | null>;
  /** Newest first. */
  listStreams(status?: StreamStatus): Promise<Stream[]>;
  /**
   * Atomic compare-and-set of the status: applies `patch` only when the stored
   * status is one of `from`. Returns the stream after, or null when it did not apply
   * (unknown id or status not in `from`).
   */
  transitionStream(id: string, from: StreamStatus[], patch: Pick<Stream, 'status'> & Partial<Pick<Stream, 'startedAt' | 'endedAt'>>): Promise<Stream | null>;

  // ---- rules ----
  /** null until the host saves rules for the first time. */
  loadRules(): Promise<Rules | null>;
  saveRules(rules: Rules): Promise<void>;

  // ---- settings (secrets such as the host key hash and the JWT signing key) ----
  getSetting(key: string): Promise<string | null>;
  /** Atomic: stores `value` unless the key exists; returns the stored value either way. */
  setSettingIfAbsent(key: string, value: string): Promise<string>;

  // ---- overlay tokens ----
  createOverlayToken(token: OverlayTokenRecord): Promise<void>;
  /** Returns false when there is no such token. Revoking twice keeps the first time. */
  revokeOverlayToken(id: string, atMs: number): Promise<boolean>;
  overlayTokenById(id: string): Promise<OverlayTokenRecord | null>;
  /** Every overlay token, revoked ones too, newest first. */
  listOverlayTokens(): Promise<OverlayTokenRecord[]>;

  // ---- ledger (durable copy; see LedgerSink.appendLedger) ----
  /** Newest first; `before` is the cursor returned as `next`. */
  ledgerPage(memberId: string, limit: number, before?: string): Promise<LedgerPage>;
  /** Sum of all the member's deltas, and the number of entries. */
  ledgerTotals(memberId: string): Promise<{ sum: number; count: number }>;
  entryByKey(key: string): Promise<LedgerEntry | null>;

  // ---- drops and claims (claims arrive through PerksSink.upsertClaims) ----
  createDrop(drop: DropRecord): Promise<DropRecord>;
  dropById(id: string): Promise<DropRecord | null>;
  /** Newest first. */
  dropsOfStream(streamId: string): Promise<DropRecord[]>;
  /** Sets closedAt once (a second close keeps the first time). Returns the drop after, null when unknown. */
  closeDropRecord(id: string, atMs: number): Promise<DropRecord | null>;
  claimById(id: string): Promise<Claim | null>;
  /** Newest first (createdAt desc, id desc), at most `limit`. */
  claimsOfMember(memberId: string, limit: number): Promise<Claim[]>;
  /** The claim carrying this checkout reference (references are random, 50 bits: one claim each in practice). */
  claimByCheckoutRef(checkoutRef: string): Promise<Claim | null>;
  /** The drop's claims, newest first (createdAt desc, id desc), at most `limit`. */
  claimsOfDrop(dropId: string, limit: number): Promise<Claim[]>;
  /** How many of the drop's claims are reserved and confirmed (a drop the engine forgot is counted from here). */
  claimCountsOfDrop(dropId: string): Promise<{ reserved: number; confirmed: number }>;

  // ---- lotteries (entries arrive through PerksSink.appendLotteryEntries) ----
  createLottery(lottery: LotteryRecord): Promise<void>;
  /** The record (with its secret seed) and the proof once drawn. */
  lotteryById(id: string): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null>;
  /** Newest first. */
  lotteriesOfStream(streamId: string): Promise<LotteryRecord[]>;
  /**
   * Atomic compare-and-set: the first draw stores the proof and sets the
   * record's status 'drawn' and drawnAt; a later call changes nothing. Returns
   * the stored proof (the first one) and the record after; null when unknown
   * or cancelled (a cancelled lottery is never drawn).
   */
  recordDraw(id: string, proof: LotteryProof, drawnAt: number): Promise<{ record: LotteryRecord; proof: LotteryProof } | null>;
  /**
   * Atomic compare-and-set (v2 draws): an open lottery without a proof takes
   * the freeze and becomes 'drawing'; any other is left as it is. Returns the
   * record after (frozen by this call or an earlier one); null when unknown.
   */
  freezeLottery(id: string, freeze: LotteryFreeze): Promise<LotteryRecord | null>;
  /** Lotteries frozen and waiting for their beacon round (status 'drawing'). */
  lotteriesDrawing(): Promise<LotteryRecord[]>;
  /** Atomic: records a member's prize claim time unless one is recorded (the first stands). Returns the record after; null when unknown. */
  recordPrizeClaim(id: string, memberId: string, atMs: number): Promise<LotteryRecord | null>;
  /** The last `limit` drawn lotteries of any show, newest draw first, with their proofs. */
  recentDraws(limit: number): Promise<Array<{ record: LotteryRecord; proof: LotteryProof }>>;
  /**
   * Atomic compare-and-set, the other way out of 'open': an open lottery
   * without a proof becomes 'cancelled'; a frozen, drawn or cancelled one is left as
   * it is; `atMs` becomes its cancelledAt. Returns the record (and proof) after; null when unknown.
   */
  cancelLottery(id: string, atMs: number): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null>;
  /** Every entry of the lottery, in any order. */
  lotteryEntries(lotteryId: string): Promise<LotteryEntry[]>;

  // ---- shop orders ----
  /** Idempotent by orderId: the first record wins; created says whether this call stored it. */
  recordOrder(order: OrderRecord): Promise<{ order: OrderRecord; created: boolean }>;
}
