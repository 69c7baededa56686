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
}

/** One document, `_id: 'current'`: rules are replaced whole. */
export interface RulesDoc {
  _id: string;
  rules: Rules;
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

export interface MongoModels {
  members: Model<MemberDoc>;
  streams: Model<StreamDoc>;
  ledger: Model<LedgerDoc>;
  settings: Model<SettingDoc>;
  overlayTokens: Model<OverlayTokenDoc>;
  rules: Model<RulesDoc>;
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
  };
}
