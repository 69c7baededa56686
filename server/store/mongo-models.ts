/**
 * MongoDB document shapes and schemas for MongoStore.
 *
 * Every record keeps its own id in `_id` (a string), so the id is unique
 * without a second index and documents map 1:1 to the shared types.
 *
 * Nullable unique fields (handleLower, externalId) are left OUT of the document
 * when null and indexed `sparse`: a sparse unique index skips documents without
 * the field, so any number of SSO members have no handle, while a plain equality
 * query (`{ handleLower: 'ann' }`) can still use the index. (A partial index on
 * `$type: 'string'` would enforce the same, but the planner only uses a partial
 * index when the query provably implies its filter.)
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { LedgerReason, StreamStatus } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import type { ClaimStatus, LotteryFreeze, LotterySettings, LotteryStatus } from '../../shared/perks.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { CommunityGoal } from '../../shared/community-goals.ts';
import type { SavedSegment } from '../../shared/insights.ts';
import type { Mission } from '../../shared/missions.ts';
import type { Redemption, RewardRecord } from '../../shared/rewards.ts';
import type { ShowMemberDelta } from './show-fact-records.ts';

export interface MemberDoc {
  _id: string;
  handle: string | null;
  /** Only present when `handle` is; the case-insensitive uniqueness key. */
  handleLower?: string;
  displayName: string;
  /** Only present for SSO members. */
  externalId?: string;
  passwordHash: string | null;
  createdAt: number;
  /** The network address the account was created from; absent when unknown. */
  createdFrom?: string;
}

export interface StreamDoc {
  _id: string;
  title: string;
  playbackUrl: string | null;
  status: StreamStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface LedgerDoc {
  _id: string;
  key: string;
  memberId: string;
  delta: number;
  reason: LedgerReason;
  streamId: string | null;
  at: number;
}

export interface SettingDoc {
  _id: string;
  value: string;
}

export interface OverlayTokenDoc {
  _id: string;
  createdAt: number;
  revokedAt: number | null;
  /** null: made before expiries existed. */
  expiresAt?: number | null;
}

/** One document, `_id: 'current'`: rules are replaced whole. */
export interface RulesDoc {
  _id: string;
  rules: Rules;
}

// ---- perks (mongo-perks-records.ts) ----

/** A DropRecord; `_id` is the drop id. */
export interface DropDoc {
  _id: string;
  streamId: string;
  title: string;
  description: string | null;
  imageUrl: string | null;
  priceCents: number;
  memberPriceCents: number | null;
  currency: string;
  stock: number;
  perMemberLimit: number;
  opensAt: number;
  minTier: string | null;
  reservationSeconds: number;
  createdAt: number;
  closedAt: number | null;
  /** absent on drops stored before checkout links existed */
  checkoutUrl?: string | null;
  paymentInstructions?: string | null;
}

/** A Claim; `_id` is the claim id. */
export interface ClaimDoc {
  _id: string;
  dropId: string;
  memberId: string;
  requestId: string;
  status: ClaimStatus;
  expiresAt: number;
  checkoutRef: string;
  createdAt: number;
  updatedAt: number;
}

/** A LotteryRecord (seed included) plus the proof, null until the draw sets it once. */
export interface LotteryDoc {
  _id: string;
  streamId: string;
  title: string;
  prize: string;
  winners: number;
  minTier: string | null;
  entryCostPoints: number;
  requireWatching: boolean;
  closesAt: number | null;
  commitment: string;
  status: LotteryStatus;
  createdAt: number;
  drawnAt: number | null;
  cancelledAt?: number | null;
  /** v2: what was published when the entries froze (freezeLottery sets it once). */
  freeze?: LotteryFreeze | null;
  settings?: LotterySettings | null;
  /** memberId → claim time; member ids are UUIDs, safe as field names. */
  prizeClaims?: Record<string, number>;
  seed: string;
  proof: LotteryProof | null;
}

/** A LotteryEntry; `_id` is a generated ObjectId, the key is the unique (lotteryId, memberId). */
export interface LotteryEntryDoc {
  lotteryId: string;
  memberId: string;
  weight: number;
  at: number;
}

/** An OrderRecord; `_id` is the shop's orderId, which makes recordOrder idempotent. */
export interface OrderDoc {
  _id: string;
  memberId: string;
  amountCents: number;
  currency: string;
  claimId: string | null;
  paidAt: number;
  points: number;
  createdAt: number;
}

// Shared schema options: no `id` virtual (our ids live in `_id`), no `__v`, and
// strict throwing so a typo in a field name fails loudly instead of vanishing.
// Free-text fields are not `required`: mongoose's `required` rejects '' for
// strings, and the store must accept whatever the SQLite store accepts.
const base = { id: false, versionKey: false, strict: 'throw' } as const;

const nullableString = { type: String, default: null };
const nullableNumber = { type: Number, default: null };

const memberSchema = new Schema<MemberDoc>(
  {
    _id: { type: String, required: true },
    handle: nullableString,
    handleLower: { type: String, unique: true, sparse: true },
    displayName: { type: String },
    externalId: { type: String, unique: true, sparse: true },
    passwordHash: nullableString,
    createdAt: { type: Number, required: true, index: true },
    createdFrom: { type: String },
  },
  base,
);

const streamSchema = new Schema<StreamDoc>(
  {
    _id: { type: String, required: true },
    title: { type: String },
    playbackUrl: nullableString,
    status: { type: String, required: true, enum: ['scheduled', 'live', 'ended'] },
    createdAt: { type: Number, required: true },
    startedAt: nullableNumber,
    endedAt: nullableNumber,
  },
  base,
);
// listStreams: newest first, optionally by status.
streamSchema.index({ createdAt: -1, _id: -1 });
streamSchema.index({ status: 1, createdAt: -1, _id: -1 });

const ledgerSchema = new Schema<LedgerDoc>(
  {
    _id: { type: String, required: true },
    // The idempotency key: this unique index is what makes appendLedger safe to replay.
    key: { type: String, required: true, unique: true },
    memberId: { type: String, required: true },
    delta: { type: Number, required: true },
    reason: { type: String, required: true },
    streamId: nullableString,
    at: { type: Number, required: true },
  },
  base,
);
// ledgerPage walks (at desc, _id desc) per member; ledgerTotals matches on memberId.
ledgerSchema.index({ memberId: 1, at: -1, _id: -1 });

const settingSchema = new Schema<SettingDoc>(
  {
    _id: { type: String, required: true },
    value: { type: String },
  },
  base,
);

const overlayTokenSchema = new Schema<OverlayTokenDoc>(
  {
    _id: { type: String, required: true },
    createdAt: { type: Number, required: true },
    revokedAt: nullableNumber,
    expiresAt: nullableNumber,
  },
  base,
);

const rulesSchema = new Schema<RulesDoc>(
  {
    _id: { type: String, required: true },
    // Validated by RulesSchema (zod) at the edge; stored as one opaque document.
    rules: { type: Schema.Types.Mixed, required: true },
  },
  // minimize: false keeps any empty sub-object the rules may one day contain.
  { ...base, minimize: false },
);

const dropSchema = new Schema<DropDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    title: { type: String },
    description: nullableString,
    imageUrl: nullableString,
    priceCents: { type: Number, required: true },
    memberPriceCents: nullableNumber,
    currency: { type: String, required: true },
    stock: { type: Number, required: true },
    perMemberLimit: { type: Number, required: true },
    opensAt: { type: Number, required: true },
    minTier: nullableString,
    reservationSeconds: { type: Number, required: true },
    createdAt: { type: Number, required: true },
    closedAt: nullableNumber,
    checkoutUrl: nullableString,
    paymentInstructions: nullableString,
  },
  base,
);
// dropsOfStream: newest first.
dropSchema.index({ streamId: 1, createdAt: -1, _id: -1 });

const claimSchema = new Schema<ClaimDoc>(
  {
    _id: { type: String, required: true },
    dropId: { type: String, required: true },
    memberId: { type: String, required: true },
    requestId: { type: String, required: true },
    status: { type: String, required: true, enum: ['reserved', 'confirmed', 'expired', 'cancelled'] },
    expiresAt: { type: Number, required: true },
    checkoutRef: { type: String },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
  },
  base,
);
// claimsOfMember: newest first.
claimSchema.index({ memberId: 1, createdAt: -1, _id: -1 });
// One claim per request, as in the SQLite schema: a second id for the same request is refused, not stored beside it.
claimSchema.index({ dropId: 1, memberId: 1, requestId: 1 }, { unique: true });
// claimByCheckoutRef: the buyer's reference finds their claim (the seller's confirm, the shop's webhook).
claimSchema.index({ checkoutRef: 1 });

const lotterySchema = new Schema<LotteryDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    title: { type: String },
    prize: { type: String },
    winners: { type: Number, required: true },
    minTier: nullableString,
    entryCostPoints: { type: Number, required: true },
    requireWatching: { type: Boolean, required: true },
    closesAt: nullableNumber,
    commitment: { type: String, required: true },
    status: { type: String, required: true, enum: ['open', 'drawing', 'drawn', 'cancelled'] },
    createdAt: { type: Number, required: true },
    drawnAt: nullableNumber,
    cancelledAt: nullableNumber,
    seed: { type: String, required: true },
    // Written once by freezeLottery's compare-and-set, read back whole.
    freeze: { type: Schema.Types.Mixed, default: null },
    settings: { type: Schema.Types.Mixed },
    // memberId → claim time, set one key at a time by recordPrizeClaim.
    prizeClaims: { type: Schema.Types.Mixed },
    // Written once by recordDraw's compare-and-set, read back whole; never queried inside.
    proof: { type: Schema.Types.Mixed, default: null },
  },
  { ...base, minimize: false },
);
// lotteriesOfStream: newest first.
lotterySchema.index({ streamId: 1, createdAt: -1, _id: -1 });

const lotteryEntrySchema = new Schema<LotteryEntryDoc>(
  {
    lotteryId: { type: String, required: true },
    memberId: { type: String, required: true },
    weight: { type: Number, required: true },
    at: { type: Number, required: true },
  },
  base,
);
// The idempotency key of appendLotteryEntries; also serves lotteryEntries(lotteryId).
lotteryEntrySchema.index({ lotteryId: 1, memberId: 1 }, { unique: true });

const orderSchema = new Schema<OrderDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    amountCents: { type: Number, required: true },
    currency: { type: String, required: true },
    claimId: nullableString,
    paidAt: { type: Number, required: true },
    points: { type: Number, required: true },
    createdAt: { type: Number, required: true },
  },
  base,
);

/** A RefundRecord (mongo-refund-records.ts); `_id` is the shop's refundId, seq numbers the order's refunds (unique per order). */
export interface RefundDoc {
  _id: string;
  orderId: string;
  seq: number;
  memberId: string;
  amountCents: number;
  points: number;
  claimId: string | null;
  createdAt: number;
  settlement: { pointsTaken: number; shortfall: number; claimStatus: string | null; settledAt: number } | null;
}

const refundSchema = new Schema<RefundDoc>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    seq: { type: Number, required: true },
    memberId: { type: String, required: true },
    amountCents: { type: Number, required: true },
    points: { type: Number, required: true },
    claimId: nullableString,
    createdAt: { type: Number, required: true },
    settlement: { type: Schema.Types.Mixed, default: null },
  },
  base,
);
// Two refunds decided from the same earlier ones collide here: the loser re-reads (refund-records.ts).
refundSchema.index({ orderId: 1, seq: 1 }, { unique: true });

// ---- moderation (mongo-moderation-records.ts) ----

export interface CommentDoc {
  _id: string;
  streamId: string;
  memberId: string;
  displayName: string;
  tier: string;
  text: string;
  at: number;
  removedAt: number | null;
}
const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    memberId: { type: String, required: true },
    displayName: { type: String, required: true },
    tier: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Number, required: true },
    removedAt: nullableNumber,
  },
  base,
);
// recentComments and the pruning of recordComment: a show's comments, newest first.
commentSchema.index({ streamId: 1, at: -1, _id: -1 });

/** `_id` is the member id: one ban per member. */
export interface BanDoc {
  _id: string;
  bannedAt: number;
}
const banSchema = new Schema<BanDoc>({ _id: { type: String, required: true }, bannedAt: { type: Number, required: true } }, base);

/** `_id` is `<streamId>:<memberId>`: one mute per member per show. */
export interface MuteDoc {
  _id: string;
  streamId: string;
  memberId: string;
  until: number;
}
const muteSchema = new Schema<MuteDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    memberId: { type: String, required: true },
    until: { type: Number, required: true },
  },
  base,
);

/** `_id` is the stream id. */
export interface StreamModerationDoc {
  _id: string;
  slowModeSeconds: number;
}
const streamModerationSchema = new Schema<StreamModerationDoc>(
  { _id: { type: String, required: true }, slowModeSeconds: { type: Number, required: true } },
  base,
);

/** `_id` is the stream id: the drop its seller pinned to the overlay (overlay-pin-records.ts). */
export interface OverlayPinDoc {
  _id: string;
  dropId: string;
  pinnedAt: number;
}
const overlayPinSchema = new Schema<OverlayPinDoc>(
  { _id: { type: String, required: true }, dropId: { type: String, required: true }, pinnedAt: { type: Number, required: true } },
  base,
);

/** `_id` is the member id (session-records.ts). */
export interface MemberSessionDoc {
  _id: string;
  version: number;
}
const memberSessionSchema = new Schema<MemberSessionDoc>({ _id: { type: String, required: true }, version: { type: Number, required: true } }, base);

/** An ended member token or a spent SSO assertion: `_id` is its jti; MongoDB's TTL monitor removes it after `expiresAt`. */
export interface SpentIdDoc {
  _id: string;
  expiresAt: Date;
}
const spentIdSchema = () => {
  const schema = new Schema<SpentIdDoc>({ _id: { type: String, required: true }, expiresAt: { type: Date, required: true } }, base);
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return schema;
};

/** A record kept whole and read back whole, listed oldest first: a catalogue reward (issue 13), a mission (issue 14). */
export interface WholeRecordDoc<T> {
  _id: string;
  record: T;
  createdAt: number;
}
export type RewardDoc = WholeRecordDoc<RewardRecord>;
export type MissionDoc = WholeRecordDoc<Mission>;
export type SegmentDoc = WholeRecordDoc<SavedSegment>;

function wholeRecordSchema<T>(): Schema<WholeRecordDoc<T>> {
  const schema = new Schema<WholeRecordDoc<T>>(
    {
      _id: { type: String, required: true },
      record: { type: Schema.Types.Mixed, required: true },
      createdAt: { type: Number, required: true },
    },
    { ...base, minimize: false },
  );
  schema.index({ createdAt: 1, _id: 1 });
  return schema;
}

/** An event for the shop's webhook (outbound-records.ts); `_id` is its deterministic id. */
export interface OutboundEventDoc {
  _id: string;
  type: string;
  body: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
  leaseUntil: number;
}

const outboundEventSchema = new Schema<OutboundEventDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Number, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Number, required: true },
    deliveredAt: nullableNumber,
    lastError: nullableString,
    leaseUntil: { type: Number, required: true },
  },
  base,
);
// The due scan, and the log newest first.
outboundEventSchema.index({ deliveredAt: 1, nextAttemptAt: 1 });
outboundEventSchema.index({ createdAt: -1, _id: -1 });

/** `_id` is the member id (birthday-records.ts). */
export interface MemberBirthdayDoc {
  _id: string;
  month: number;
  day: number;
  setAt: number;
}
const memberBirthdaySchema = new Schema<MemberBirthdayDoc>(
  { _id: { type: String, required: true }, month: { type: Number, required: true }, day: { type: Number, required: true }, setAt: { type: Number, required: true } },
  base,
);

/** A member's unlocked badge (issue 14); `_id` is `<memberId>|<badgeId>`, so a second unlock collides. */
export interface MemberBadgeDoc {
  _id: string;
  memberId: string;
  unlockedAt: number;
  record: MemberBadge;
}
const memberBadgeSchema = new Schema<MemberBadgeDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    unlockedAt: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { ...base, minimize: false },
);
memberBadgeSchema.index({ memberId: 1, unlockedAt: 1 });

/** A show's community goal (issue 14); `_id` is its id, the record whole beside what the queries filter on. */
export interface CommunityGoalDoc {
  _id: string;
  streamId: string;
  status: string;
  createdAt: number;
  record: CommunityGoal;
}
const communityGoalSchema = new Schema<CommunityGoalDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { ...base, minimize: false },
);
communityGoalSchema.index({ streamId: 1, createdAt: 1 });

/** A member's doings in one show (issue 15, show-fact-records.ts); `_id` is `<streamId>|<memberId>`. */
export interface ShowMemberDoc extends ShowMemberDelta {
  _id: string;
}
const showMemberSchema = new Schema<ShowMemberDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    memberId: { type: String, required: true },
    watchMs: { type: Number, default: 0 },
    firstAt: { type: Number, required: true },
    lastAt: { type: Number, required: true },
    checkins: { type: Number, default: 0 },
    likes: { type: Number, default: 0 },
    comments: { type: Number, default: 0 },
  },
  base,
);
showMemberSchema.index({ streamId: 1 });
showMemberSchema.index({ memberId: 1, firstAt: 1 });

/** A viewer of one show; `_id` is `<streamId>|<viewerKey>`. */
export interface ShowViewerDoc {
  _id: string;
  streamId: string;
  memberId: string | null;
  guest: boolean;
  firstAt: number;
  convertedAt: number | null;
}
const showViewerSchema = new Schema<ShowViewerDoc>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    memberId: { type: String, default: null },
    guest: { type: Boolean, required: true },
    firstAt: { type: Number, required: true },
    convertedAt: { type: Number, default: null },
  },
  base,
);
showViewerSchema.index({ streamId: 1 });

/** A member's place in a saved segment (issue 15); `_id` is `<segmentId>|<memberId>`. */
export interface SegmentMemberDoc {
  _id: string;
  segmentId: string;
  memberId: string;
  inside: boolean;
  moves: number;
  movedAt: number;
}
const segmentMemberSchema = new Schema<SegmentMemberDoc>(
  {
    _id: { type: String, required: true },
    segmentId: { type: String, required: true },
    memberId: { type: String, required: true },
    inside: { type: Boolean, required: true },
    moves: { type: Number, required: true },
    movedAt: { type: Number, required: true },
  },
  base,
);
segmentMemberSchema.index({ segmentId: 1, inside: 1 });

/** A redemption of the rewards store, copied from Redis (issue 13); `_id` is its id, the record whole. */
export interface RedemptionDoc {
  _id: string;
  memberId: string;
  status: string;
  createdAt: number;
  record: Redemption;
}
const redemptionSchema = new Schema<RedemptionDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { ...base, minimize: false },
);
redemptionSchema.index({ memberId: 1, createdAt: -1, _id: -1 });

export interface MongoModels {
  members: Model<MemberDoc>;
  streams: Model<StreamDoc>;
  ledger: Model<LedgerDoc>;
  settings: Model<SettingDoc>;
  overlayTokens: Model<OverlayTokenDoc>;
  rules: Model<RulesDoc>;
  drops: Model<DropDoc>;
  claims: Model<ClaimDoc>;
  lotteries: Model<LotteryDoc>;
  lotteryEntries: Model<LotteryEntryDoc>;
  orders: Model<OrderDoc>;
  refunds: Model<RefundDoc>;
  comments: Model<CommentDoc>;
  bans: Model<BanDoc>;
  mutes: Model<MuteDoc>;
  streamModeration: Model<StreamModerationDoc>;
  memberSessions: Model<MemberSessionDoc>;
  endedSessions: Model<SpentIdDoc>;
  spentAssertions: Model<SpentIdDoc>;
  overlayPins: Model<OverlayPinDoc>;
  rewards: Model<RewardDoc>;
  missions: Model<MissionDoc>;
  segments: Model<SegmentDoc>;
  segmentMembers: Model<SegmentMemberDoc>;
  outboundEvents: Model<OutboundEventDoc>;
  memberBirthdays: Model<MemberBirthdayDoc>;
  memberBadges: Model<MemberBadgeDoc>;
  communityGoals: Model<CommunityGoalDoc>;
  showMembers: Model<ShowMemberDoc>;
  showViewers: Model<ShowViewerDoc>;
  showPeaks: Model<{ _id: string; peak: number }>;
  redemptions: Model<RedemptionDoc>;
}

/** Models bound to one connection (models are always scoped to their connection). */
export function defineModels(conn: Connection): MongoModels {
  return {
    members: conn.model<MemberDoc>('Member', memberSchema, 'members'),
    streams: conn.model<StreamDoc>('Stream', streamSchema, 'streams'),
    ledger: conn.model<LedgerDoc>('LedgerEntry', ledgerSchema, 'ledger'),
    settings: conn.model<SettingDoc>('Setting', settingSchema, 'settings'),
    overlayTokens: conn.model<OverlayTokenDoc>('OverlayToken', overlayTokenSchema, 'overlay_tokens'),
    rules: conn.model<RulesDoc>('Rules', rulesSchema, 'rules'),
    drops: conn.model<DropDoc>('Drop', dropSchema, 'drops'),
    claims: conn.model<ClaimDoc>('Claim', claimSchema, 'claims'),
    lotteries: conn.model<LotteryDoc>('Lottery', lotterySchema, 'lotteries'),
    lotteryEntries: conn.model<LotteryEntryDoc>('LotteryEntry', lotteryEntrySchema, 'lottery_entries'),
    orders: conn.model<OrderDoc>('Order', orderSchema, 'orders'),
    refunds: conn.model<RefundDoc>('Refund', refundSchema, 'refunds'),
    comments: conn.model<CommentDoc>('Comment', commentSchema, 'comments'),
    bans: conn.model<BanDoc>('Ban', banSchema, 'bans'),
    mutes: conn.model<MuteDoc>('Mute', muteSchema, 'mutes'),
    streamModeration: conn.model<StreamModerationDoc>('StreamModeration', streamModerationSchema, 'stream_moderation'),
    memberSessions: conn.model<MemberSessionDoc>('MemberSession', memberSessionSchema, 'member_sessions'),
    endedSessions: conn.model<SpentIdDoc>('EndedSession', spentIdSchema(), 'ended_sessions'),
    spentAssertions: conn.model<SpentIdDoc>('SpentAssertion', spentIdSchema(), 'spent_assertions'),
    overlayPins: conn.model<OverlayPinDoc>('OverlayPin', overlayPinSchema, 'overlay_pins'),
    rewards: conn.model<RewardDoc>('Reward', wholeRecordSchema<RewardRecord>(), 'rewards'),
    missions: conn.model<MissionDoc>('Mission', wholeRecordSchema<Mission>(), 'missions'),
    segments: conn.model<SegmentDoc>('Segment', wholeRecordSchema<SavedSegment>(), 'segments'),
    segmentMembers: conn.model<SegmentMemberDoc>('SegmentMember', segmentMemberSchema, 'segment_members'),
    outboundEvents: conn.model<OutboundEventDoc>('OutboundEvent', outboundEventSchema, 'outbound_events'),
    memberBirthdays: conn.model<MemberBirthdayDoc>('MemberBirthday', memberBirthdaySchema, 'member_birthdays'),
    memberBadges: conn.model<MemberBadgeDoc>('MemberBadge', memberBadgeSchema, 'member_badges'),
    communityGoals: conn.model<CommunityGoalDoc>('CommunityGoal', communityGoalSchema, 'community_goals'),
    showMembers: conn.model<ShowMemberDoc>('ShowMember', showMemberSchema, 'show_members'),
    showViewers: conn.model<ShowViewerDoc>('ShowViewer', showViewerSchema, 'show_viewers'),
    showPeaks: conn.model<{ _id: string; peak: number }>('ShowPeak', new Schema({ _id: { type: String, required: true }, peak: { type: Number, required: true } }, base), 'show_peaks'),
    redemptions: conn.model<RedemptionDoc>('Redemption', redemptionSchema, 'redemptions'),
  };
}
