/**
 * The embedded database: one SQLite file, `<dataDir>/frontrow.sqlite`, holding
 * both the durable records (SqliteStore) and the engine's hot state
 * (SqliteEngine). This module owns the whole schema so the two never disagree
 * about the table they share, `ledger`: SqliteEngine appends to it inside its
 * award/spend transactions, SqliteStore reads it and, when a RedisEngine is the
 * engine, receives the copied entries through appendLedger.
 *
 * Several processes on one host may open the same file (REDIS_URL set, no
 * MongoDB): WAL lets readers run beside the one writer, busy_timeout makes a
 * writer wait for another process's transaction instead of failing at once —
 * briefly, since the wait blocks the event loop; longer waits are asynchronous
 * retries (busy-retry.ts).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDatabaseFile, ensurePrivateDir } from './private-files.ts';
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import type { Claim, ClaimStatus } from '../../shared/perks.ts';
import { SHORT_BUSY_TIMEOUT_MS } from './busy-retry.ts';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'frontrow.sqlite';

/**
 * Migrations, applied in order; the database's `user_version` is the number
 * already applied. Never edit a shipped entry: append a new one.
 *
 * No foreign keys between ledger/engine rows and members: the engine is keyed
 * by member id alone and, in Redis mode, the engine's ledger reaches the store
 * through a stream, so an entry may legitimately arrive before (or without)
 * a member row in tests and tools.
 */
/** The claims table's columns when migration 6 rebuilt it (spelled out: CLAIM_COLUMNS may grow later). */
const CLAIM_TABLE_COLUMNS = 'id, drop_id, member_id, request_id, status, expires_at, checkout_ref, created_at, updated_at';

const MIGRATIONS: readonly string[] = [
  /* 1: initial schema */ `
  -- ---- durable records (SqliteStore) ----
  CREATE TABLE IF NOT EXISTS members (
    id            TEXT PRIMARY KEY,
    handle        TEXT,
    -- handle folded to lower case in TypeScript: uniqueness is case-insensitive for any script
    handle_key    TEXT UNIQUE,
    display_name  TEXT NOT NULL,
    external_id   TEXT UNIQUE,
    password_hash TEXT,
    created_at    INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS members_created_at ON members (created_at);

  CREATE TABLE IF NOT EXISTS streams (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    playback_url TEXT,
    status       TEXT NOT NULL CHECK (status IN ('scheduled', 'live', 'ended')),
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    ended_at     INTEGER
  );
  CREATE INDEX IF NOT EXISTS streams_status_created ON streams (status, created_at);
  CREATE INDEX IF NOT EXISTS streams_created ON streams (created_at);

  CREATE TABLE IF NOT EXISTS rules (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS overlay_tokens (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );

  -- ---- shared: the ledger (engine writes, store reads and receives copies) ----
  CREATE TABLE IF NOT EXISTS ledger (
    id        TEXT PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL,
    delta     INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    stream_id TEXT,
    at        INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ledger_member_at_id ON ledger (member_id, at, id);

  -- ---- engine hot state (SqliteEngine) ----
  CREATE TABLE IF NOT EXISTS balances (
    member_id TEXT PRIMARY KEY,
    balance   INTEGER NOT NULL DEFAULT 0,
    earned    INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS balances_earned ON balances (earned DESC, member_id);

  CREATE TABLE IF NOT EXISTS earned_days (
    member_id TEXT NOT NULL,
    day       TEXT NOT NULL, -- UTC calendar day, YYYY-MM-DD
    points    INTEGER NOT NULL,
    PRIMARY KEY (member_id, day)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS stream_points (
    stream_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    points    INTEGER NOT NULL,
    PRIMARY KEY (stream_id, member_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS stream_points_rank ON stream_points (stream_id, points DESC, member_id);

  CREATE TABLE IF NOT EXISTS stream_stats (
    stream_id     TEXT PRIMARY KEY,
    watch_ms      INTEGER NOT NULL DEFAULT 0,
    points_issued INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE IF NOT EXISTS watch_state (
    stream_id           TEXT NOT NULL,
    member_id           TEXT NOT NULL,
    last_beat_at        INTEGER,
    last_interaction_at INTEGER NOT NULL,
    total_ms            INTEGER NOT NULL,
    chests_claimed      INTEGER NOT NULL,
    referrer_id         TEXT,
    PRIMARY KEY (stream_id, member_id)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS hits (
    key TEXT NOT NULL,
    id  TEXT NOT NULL,
    at  INTEGER NOT NULL,
    PRIMARY KEY (key, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS hits_key_at ON hits (key, at);

  CREATE TABLE IF NOT EXISTS checkins (
    member_id TEXT PRIMARY KEY,
    last_day  TEXT NOT NULL,
    streak    INTEGER NOT NULL
  );

  CREATE TABLE IF NOT EXISTS active_days (
    member_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    PRIMARY KEY (member_id, day)
  ) WITHOUT ROWID;
  `,
  /* 2: member perks — drops, claims, lotteries, orders */ `
  -- ---- durable records (SqliteStore) ----
  CREATE TABLE IF NOT EXISTS drops (
    id                  TEXT PRIMARY KEY,
    stream_id           TEXT NOT NULL,
    json                TEXT NOT NULL, -- the DropRecord (shared/perks.ts) without live fields
    created_at          INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS drops_stream ON drops (stream_id, created_at);

  CREATE TABLE IF NOT EXISTS lotteries (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT NOT NULL,
    json        TEXT NOT NULL, -- the LotteryRecord (incl. the secret seed until drawn)
    proof_json  TEXT,          -- set once, by the draw
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS lotteries_stream ON lotteries (stream_id, created_at);

  CREATE TABLE IF NOT EXISTS orders (
    order_id   TEXT PRIMARY KEY,
    json       TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  -- ---- shared: written by SqlitePerksEngine in its transactions, copied in by RedisPerksEngine's outbox ----
  CREATE TABLE IF NOT EXISTS claims (
    id           TEXT PRIMARY KEY,
    drop_id      TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('reserved', 'confirmed', 'expired')),
    expires_at   INTEGER NOT NULL,
    checkout_ref TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS claims_member ON claims (member_id, created_at);
  CREATE INDEX IF NOT EXISTS claims_drop_status ON claims (drop_id, status, expires_at);
  CREATE UNIQUE INDEX IF NOT EXISTS claims_request ON claims (drop_id, member_id, request_id);

  CREATE TABLE IF NOT EXISTS lottery_entries (
    lottery_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    weight     INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (lottery_id, member_id)
  ) WITHOUT ROWID;

  -- ---- engine hot state (SqlitePerksEngine) ----
  CREATE TABLE IF NOT EXISTS drop_stock (
    drop_id          TEXT PRIMARY KEY,
    stock            INTEGER NOT NULL,
    remaining        INTEGER NOT NULL CHECK (remaining >= 0),
    per_member_limit INTEGER NOT NULL,
    closed           INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE IF NOT EXISTS lottery_state (
    lottery_id TEXT PRIMARY KEY,
    closed     INTEGER NOT NULL DEFAULT 0
  );
  `,
  /* 3: one watch clock per member per show, one show at a time; where an account was created */ `
  -- credited time never exceeds now - first_joined_at; existing rows get the latest start their total allows
  ALTER TABLE watch_state ADD COLUMN first_joined_at INTEGER NOT NULL DEFAULT 0;
  UPDATE watch_state SET first_joined_at = last_interaction_at - total_ms;
  -- part of total_ms brought by guest clocks on sign-up
  ALTER TABLE watch_state ADD COLUMN guest_ms INTEGER NOT NULL DEFAULT 0;

  -- which show a member's watch clock runs in (domain/watch.ts claimWatchClock)
  CREATE TABLE IF NOT EXISTS watch_clock (
    member_id TEXT PRIMARY KEY,
    stream_id TEXT NOT NULL,
    at_ms     INTEGER NOT NULL
  );

  -- the network address an account was created from (referrals from the sharer's own address pay nothing)
  ALTER TABLE members ADD COLUMN created_from TEXT;
  `,
  /* 4: moderation — recent comments, bans, mutes, per-show settings */ `
  CREATE TABLE IF NOT EXISTS comments (
    id           TEXT PRIMARY KEY,
    stream_id    TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    display_name TEXT NOT NULL,
    tier         TEXT NOT NULL,
    text         TEXT NOT NULL,
    at           INTEGER NOT NULL,
    removed_at   INTEGER
  );
  CREATE INDEX IF NOT EXISTS comments_stream_at ON comments (stream_id, at, id);

  CREATE TABLE IF NOT EXISTS bans (
    member_id TEXT PRIMARY KEY,
    banned_at INTEGER NOT NULL
  );

  CREATE TABLE IF NOT EXISTS mutes (
    stream_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    until     INTEGER NOT NULL,
    PRIMARY KEY (stream_id, member_id)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS stream_moderation (
    stream_id         TEXT PRIMARY KEY,
    slow_mode_seconds INTEGER NOT NULL
  );
  `,
  /* 5: sessions that end — overlay token expiry, member session versions, ended sessions, spent SSO assertions */ `
  -- when the token's JWT expires (ms); NULL: a token made before expiries existed (lives until revoked or rotated)
  ALTER TABLE overlay_tokens ADD COLUMN expires_at INTEGER;

  -- a member token carries its member's version (claim sv); bumping it ends every older token
  CREATE TABLE IF NOT EXISTS member_sessions (
    member_id TEXT PRIMARY KEY,
    version   INTEGER NOT NULL
  );

  -- member tokens ended one by one (logout), by jti, kept until the token would have expired anyway
  CREATE TABLE IF NOT EXISTS ended_sessions (
    jti        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ended_sessions_expires ON ended_sessions (expires_at);

  -- shop SSO assertions already exchanged, by jti, kept until the assertion expires
  CREATE TABLE IF NOT EXISTS spent_assertions (
    jti        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS spent_assertions_expires ON spent_assertions (expires_at);
  `,
  /* 6: the drop a seller pinned to a show's overlay (issue 11) */ `
  CREATE TABLE IF NOT EXISTS overlay_pins (
    stream_id TEXT PRIMARY KEY,
    drop_id   TEXT NOT NULL,
    pinned_at INTEGER NOT NULL
  );
  `,
  /* 7: refunds — a claim may be cancelled (released, or its order refunded); refund records */ `
  -- SQLite cannot change a CHECK in place: the claims table is rebuilt with 'cancelled' allowed
  CREATE TABLE claims_next (
    id           TEXT PRIMARY KEY,
    drop_id      TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('reserved', 'confirmed', 'expired', 'cancelled')),
    expires_at   INTEGER NOT NULL,
    checkout_ref TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
  );
  INSERT INTO claims_next (${CLAIM_TABLE_COLUMNS}) SELECT ${CLAIM_TABLE_COLUMNS} FROM claims;
  DROP TABLE claims;
  ALTER TABLE claims_next RENAME TO claims;
  CREATE INDEX IF NOT EXISTS claims_member ON claims (member_id, created_at);
  CREATE INDEX IF NOT EXISTS claims_drop_status ON claims (drop_id, status, expires_at);
  CREATE UNIQUE INDEX IF NOT EXISTS claims_request ON claims (drop_id, member_id, request_id);

  -- shop refunds (sqlite-refund-records.ts): the record as JSON, looked up by id and by order;
  -- seq numbers an order's refunds from 0, so two refunds decided on the same earlier ones cannot both be stored
  CREATE TABLE IF NOT EXISTS refunds (
    refund_id  TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    json       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (order_id, seq)
  );
  `,
  /* 8: confirmation by checkout reference (issue 11; after 7 rebuilt the table) — the buyer's reference finds their claim */ `
  CREATE INDEX IF NOT EXISTS claims_checkout_ref ON claims (checkout_ref);
  `,
  /* 9: the rewards store (issue 13) — a reward's rules and stock, its pool of codes, redemptions */ `
  CREATE TABLE IF NOT EXISTS reward_stock (
    reward_id TEXT PRIMARY KEY,
    rules     TEXT NOT NULL, -- domain/redemption.ts RewardStock, without id and stock
    stock     INTEGER        -- units left; NULL: unlimited
  );
  CREATE TABLE IF NOT EXISTS reward_codes (
    reward_id     TEXT NOT NULL,
    code          TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    redemption_id TEXT,           -- NULL while unused; set once, never cleared
    PRIMARY KEY (reward_id, code)
  );
  CREATE INDEX IF NOT EXISTS reward_codes_unused ON reward_codes (reward_id, redemption_id, seq);
  CREATE TABLE IF NOT EXISTS redemptions (
    id         TEXT PRIMARY KEY,
    reward_id  TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    request_id TEXT NOT NULL,
    status     TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (reward_id, member_id, request_id)
  );
  CREATE INDEX IF NOT EXISTS redemptions_member ON redemptions (member_id, created_at);
  CREATE INDEX IF NOT EXISTS redemptions_status ON redemptions (status, created_at);
  `,
  /* 10: the rewards catalogue (issue 13) — the host's reward records */ `
  CREATE TABLE IF NOT EXISTS rewards (
    id         TEXT PRIMARY KEY,
    json       TEXT NOT NULL, -- the RewardRecord
    created_at INTEGER NOT NULL
  );
  `,
  /* 11: the outbound webhook outbox (issue 13) — events for the shop, leased by one process at a time, retried until delivered */ `
  CREATE TABLE IF NOT EXISTS outbound_events (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    last_error      TEXT,
    lease_until     INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS outbound_events_due ON outbound_events (delivered_at, next_attempt_at);
  CREATE INDEX IF NOT EXISTS outbound_events_log ON outbound_events (created_at);
  `,
  /* 12: members' birthdays (issue 13) — the yearly gift's month, and when it was set (a change is locked for a year) */ `
  CREATE TABLE IF NOT EXISTS member_birthdays (
    member_id TEXT PRIMARY KEY,
    month     INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    set_at    INTEGER NOT NULL
  );
  `,
  /* 13: missions (issue 14) — the host's mission records, and members' progress (the MissionsEngine's) */ `
  CREATE TABLE IF NOT EXISTS missions (
    id         TEXT PRIMARY KEY,
    json       TEXT NOT NULL, -- the Mission
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS mission_progress (
    key        TEXT PRIMARY KEY, -- domain/missions.ts progressKey: mission:member:period
    total      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS mission_events (
    progress_key TEXT NOT NULL,
    event_key    TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (progress_key, event_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS mission_completions (
    mission_id TEXT NOT NULL,
    stage      INTEGER NOT NULL,
    members    INTEGER NOT NULL,
    PRIMARY KEY (mission_id, stage)
  );
  CREATE INDEX IF NOT EXISTS mission_progress_expiry ON mission_progress (expires_at);
  CREATE INDEX IF NOT EXISTS mission_events_expiry ON mission_events (expires_at);
  `,
  /* 14: members' badges (issue 14) — achievements' stages and missions' badges, once each */ `
  CREATE TABLE IF NOT EXISTS member_badges (
    member_id   TEXT NOT NULL,
    badge_id    TEXT NOT NULL,
    json        TEXT NOT NULL, -- the MemberBadge
    unlocked_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, badge_id)
  );
  `,
  /* 15: community goals (issue 14) — a show's goals; status beside the JSON so completing is one conditional update */ `
  CREATE TABLE IF NOT EXISTS community_goals (
    id         TEXT PRIMARY KEY,
    stream_id  TEXT NOT NULL,
    status     TEXT NOT NULL,
    json       TEXT NOT NULL, -- the CommunityGoal
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS community_goals_stream ON community_goals (stream_id, created_at);
  `,
  /* 16: what happened in each show, for its report (issue 15) — per member, per viewer, and the peak; orders by member and payment time */ `
  CREATE TABLE IF NOT EXISTS show_members (
    stream_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    watch_ms  INTEGER NOT NULL,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL,
    checkins  INTEGER NOT NULL,
    likes     INTEGER NOT NULL,
    comments  INTEGER NOT NULL,
    PRIMARY KEY (stream_id, member_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS show_members_member ON show_members (member_id, first_at);
  CREATE TABLE IF NOT EXISTS show_viewers (
    stream_id    TEXT NOT NULL,
    viewer_key   TEXT NOT NULL,   -- m:<memberId> or g:<connection>
    member_id    TEXT,
    guest        INTEGER NOT NULL,
    first_at     INTEGER NOT NULL,
    converted_at INTEGER,         -- a guest who signed up or in during the show
    PRIMARY KEY (stream_id, viewer_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS show_peaks (
    stream_id TEXT PRIMARY KEY,
    peak      INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS orders_member_paid ON orders (json_extract(json, '$.memberId'), json_extract(json, '$.paidAt'));
  `,
  /* 17: custom segments the host saved (issue 15) */ `
  CREATE TABLE IF NOT EXISTS segments (
    id         TEXT PRIMARY KEY,
    json       TEXT NOT NULL, -- the SavedSegment
    created_at INTEGER NOT NULL
  );
  `,
  /* 18: who is in each saved segment, as last evaluated (issue 15's segment.changed) */ `
  CREATE TABLE IF NOT EXISTS segment_members (
    segment_id TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    inside     INTEGER NOT NULL,
    moves      INTEGER NOT NULL,
    moved_at   INTEGER NOT NULL,
    PRIMARY KEY (segment_id, member_id)
  ) WITHOUT ROWID;
  `,
  /* 19: the member list's last 90 days of shows, read from the index alone (issue 15's scale) */ `
  CREATE INDEX IF NOT EXISTS show_members_recent ON show_members (first_at, member_id, watch_ms, checkins, likes, comments);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables the store owns, and those the engine owns (its resetForTests also clears `ledger`). */
export const STORE_TABLES = [
  'members',
  'streams',
  'rules',
  'settings',
  'overlay_tokens',
  'ledger',
  'drops',
  'lotteries',
  'orders',
  'refunds',
  'claims',
  'lottery_entries',
  'comments',
  'bans',
  'mutes',
  'stream_moderation',
  'member_sessions',
  'ended_sessions',
  'spent_assertions',
  'overlay_pins',
  'rewards',
  'outbound_events',
  'member_birthdays',
  'missions',
  'member_badges',
  'community_goals',
  'show_members',
  'show_viewers',
  'show_peaks',
  'segments',
  'segment_members',
] as const;
/** Tables SqliteRewardsEngine owns (its resetForTests clears them). */
export const REWARDS_ENGINE_TABLES = ['reward_stock', 'reward_codes', 'redemptions'] as const;
/** Tables SqliteMissionsEngine owns (its resetForTests clears them). */
export const MISSIONS_ENGINE_TABLES = ['mission_progress', 'mission_events', 'mission_completions'] as const;
/** Tables SqlitePerksEngine owns or writes (its resetForTests clears them). */
export const PERKS_ENGINE_TABLES = ['drop_stock', 'lottery_state', 'claims', 'lottery_entries'] as const;
export const ENGINE_TABLES = [
  'balances',
  'earned_days',
  'stream_points',
  'stream_stats',
  'watch_state',
  'watch_clock',
  'hits',
  'checkins',
  'active_days',
  'ledger',
] as const;

/** Opens (creating if needed) the database file under `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string): SqliteDatabase {
  // 0700 / 0600 before SQLite touches them: the file holds secrets (private-files.ts).
  ensurePrivateDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  ensurePrivateDatabaseFile(file);
  const db = new Database(file);
  try {
    // busy_timeout first: the pragmas and the migration below may wait on another process.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL may lose the last commits on power loss; FULL syncs every
    // commit, so an acknowledged award is on disk before its promise resolves.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // From now on a lock held elsewhere blocks the event loop this long at most; callers retry
    // asynchronously (busy-retry.ts). Opening and migrating above may wait the long timeout: nothing runs yet.
    db.pragma(`busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: SqliteDatabase): void {
  // IMMEDIATE: two processes starting together take turns instead of both migrating.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`database schema version ${current} is newer than this server (${SCHEMA_VERSION}); upgrade the server`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

// ---- the shared ledger row ----

export interface LedgerRow {
  id: string;
  key: string;
  member_id: string;
  delta: number;
  reason: string;
  stream_id: string | null;
  at: number;
}

export const LEDGER_COLUMNS = 'id, key, member_id, delta, reason, stream_id, at';

export function ledgerEntryFromRow(row: LedgerRow): LedgerEntry {
  return {
    id: row.id,
    key: row.key,
    memberId: row.member_id,
    delta: row.delta,
    reason: row.reason as LedgerReason,
    streamId: row.stream_id,
    at: row.at,
  };
}

/** Named parameters for inserting `entry` into `ledger`. */
export function ledgerParams(entry: LedgerEntry): LedgerRow {
  return {
    id: entry.id,
    key: entry.key,
    member_id: entry.memberId,
    delta: entry.delta,
    reason: entry.reason,
    stream_id: entry.streamId,
    at: entry.at,
  };
}

export const INSERT_LEDGER_IF_NEW = `INSERT INTO ledger (${LEDGER_COLUMNS})
  VALUES (@id, @key, @member_id, @delta, @reason, @stream_id, @at)
  ON CONFLICT (key) DO NOTHING`;

// ---- the shared claim row (SqlitePerksEngine writes, SqliteStore reads and receives copies) ----

export interface ClaimRow {
  id: string;
  drop_id: string;
  member_id: string;
  request_id: string;
  status: ClaimStatus;
  expires_at: number;
  checkout_ref: string;
  created_at: number;
  updated_at: number;
}

export const CLAIM_COLUMNS = 'id, drop_id, member_id, request_id, status, expires_at, checkout_ref, created_at, updated_at';

export function claimFromRow(r: ClaimRow): Claim {
  return {
    id: r.id,
    dropId: r.drop_id,
    memberId: r.member_id,
    requestId: r.request_id,
    status: r.status,
    expiresAt: r.expires_at,
    checkoutRef: r.checkout_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function claimParams(c: Claim): ClaimRow {
  return {
    id: c.id,
    drop_id: c.dropId,
    member_id: c.memberId,
    request_id: c.requestId,
    status: c.status,
    expires_at: c.expiresAt,
    checkout_ref: c.checkoutRef,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}
