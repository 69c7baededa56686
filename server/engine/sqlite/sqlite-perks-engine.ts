/**
 * SqlitePerksEngine: the embedded PerksEngine. Every primitive is one
 * IMMEDIATE transaction on the shared DATA_DIR file (see SqliteEngine for why
 * that is atomic within and across processes, and durable on resolve).
 *
 * Claims and lottery entries are written straight into the `claims` and
 * `lottery_entries` tables the store reads, and a paid entry's spend goes
 * through the same ledger step as SqliteEngine.spend (sqlite-ledger.ts): the
 * sink is this file, so flush() has nothing to do. A member's count against
 * the limit is worked out from their rows in `claims`, so it can never drift
 * from the claims themselves.
 *
 * The rules are server/domain/claims.ts, drop-stock.ts and lottery-entry.ts:
 * each write path loads their state, calls one and stores what it returns.
 */
import { retryingOnBusy } from '../../sqlite/busy-retry.ts';
import { groupCommitOf, type GroupCommit } from '../../sqlite/group-commit.ts';
import { randomUUID } from 'node:crypto';
import type { Claim, ClaimStatus, LotteryEntry } from '../../../shared/perks.ts';
import { cancelClaim, confirmReservation, decideClaim, expireReservations, type ClaimState, type ClaimStep, type ClaimWrites, type CancelScope } from '../../domain/claims.ts';
import { closeDrop, defineDrop, type DropState } from '../../domain/drop-stock.ts';
import { closeLottery, decideEntry, defineLottery, type EntryState, type LotteryRefusal, type LotteryState } from '../../domain/lottery-entry.ts';
import {
  CLAIM_COLUMNS,
  claimFromRow,
  LEDGER_COLUMNS,
  ledgerEntryFromRow,
  openDatabase,
  PERKS_ENGINE_TABLES,
  type ClaimRow,
  type LedgerRow,
  type SqliteDatabase,
} from '../../sqlite/sqlite-database.ts';
import { EngineFailure, engineError } from '../engine-errors.ts';
import type { ClaimDecision, ClaimRequest, DropStock, DropStockSpec, EnterRequest, EnterResult, PerksEngine } from '../perks-engine.ts';
import { checkClaimRequest, checkDropSpec, checkEnterRequest, requireId, requireInt, checkCancel } from '../engine-args.ts';
import { SqliteLedger } from './sqlite-ledger.ts';

/**
 * The tables this engine clears on resetForTests: its own hot state and the
 * records it writes. Not the ledger or balances: those belong to the live
 * Engine, whose reset clears them.
 */
const RESET_TABLES = PERKS_ENGINE_TABLES;

/** The failure code (engine-errors.ts) of each lottery refusal, the same the Lua scripts return. */
const LOTTERY_FAILURES: Record<LotteryRefusal, EngineFailure> = {
  NOT_FOUND: EngineFailure.LOTTERY_NOT_FOUND,
  CLOSED: EngineFailure.LOTTERY_CLOSED,
  INSUFFICIENT_POINTS: EngineFailure.INSUFFICIENT_POINTS,
};

/** The AppError of a lottery refusal, as RedisPerksEngine throws it for the same code: the cost asked rides on INSUFFICIENT_POINTS. */
function lotteryError(refusal: LotteryRefusal, cost?: number): Error {
  return engineError(LOTTERY_FAILURES[refusal], refusal === 'INSUFFICIENT_POINTS' ? { cost } : undefined);
}

interface StockRow {
  stock: number;
  remaining: number;
  per_member_limit: number;
  closed: number;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    stock: db.prepare<[string], StockRow>('SELECT stock, remaining, per_member_limit, closed FROM drop_stock WHERE drop_id = ?'),
    insertDrop: db.prepare(`INSERT INTO drop_stock (drop_id, stock, remaining, per_member_limit, closed)
      VALUES (@dropId, @stock, @remaining, @perMemberLimit, @closed)`),
    setDropClosed: db.prepare('UPDATE drop_stock SET closed = ? WHERE drop_id = ?'),
    addRemaining: db.prepare('UPDATE drop_stock SET remaining = remaining + ? WHERE drop_id = ?'),
    claimById: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE id = ?`),
    // Served by the claims_checkout_ref index (migration 6).
    claimIdByRef: db.prepare<[string], { id: string }>('SELECT id FROM claims WHERE checkout_ref = ? LIMIT 1'),
    // Served by the unique (drop_id, member_id, request_id) index.
    claimsOfMember: db.prepare<[string, string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE drop_id = ? AND member_id = ?`),
    // The candidates for expiry, narrowed by the (drop_id, status, expires_at) index; the rule picks the due ones.
    reservedBy: db.prepare<[string, number], ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE drop_id = ? AND status = 'reserved' AND expires_at <= ?`,
    ),
    setStatus: db.prepare('UPDATE claims SET status = ?, updated_at = ? WHERE id = ?'),
    statusCounts: db.prepare<[string], { status: ClaimStatus; n: number }>(
      `SELECT status, COUNT(*) AS n FROM claims WHERE drop_id = ? AND status IN ('reserved', 'confirmed') GROUP BY status`,
    ),
    insertClaim: db.prepare(`INSERT INTO claims (${CLAIM_COLUMNS})
      VALUES (@id, @dropId, @memberId, @requestId, @status, @expiresAt, @checkoutRef, @createdAt, @updatedAt)`),
    lottery: db.prepare<[string], { closed: number }>('SELECT closed FROM lottery_state WHERE lottery_id = ?'),
    insertLottery: db.prepare('INSERT INTO lottery_state (lottery_id, closed) VALUES (?, ?)'),
    setLotteryClosed: db.prepare('UPDATE lottery_state SET closed = ? WHERE lottery_id = ?'),
    entryOf: db.prepare<[string, string], LotteryEntry>(
      'SELECT lottery_id AS lotteryId, member_id AS memberId, weight, at FROM lottery_entries WHERE lottery_id = ? AND member_id = ?',
    ),
    entries: db.prepare<[string], LotteryEntry>(
      'SELECT lottery_id AS lotteryId, member_id AS memberId, weight, at FROM lottery_entries WHERE lottery_id = ?',
    ),
    entryCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM lottery_entries WHERE lottery_id = ?'),
    insertEntry: db.prepare('INSERT INTO lottery_entries (lottery_id, member_id, weight, at) VALUES (@lotteryId, @memberId, @weight, @at)'),
    // Read for the entry decision; the spend itself is the ledger's step (SqliteLedger.spend).
    balance: db.prepare<[string], { balance: number }>('SELECT balance FROM balances WHERE member_id = ?'),
    ledgerByKey: db.prepare<[string], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE key = ?`),
  };
}

export class SqlitePerksEngine implements PerksEngine {
  readonly kind = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  private readonly ownsDb: boolean;
  private readonly q: ReturnType<typeof prepareStatements>;
  /** Writes go through the database's group commit: one transaction (one fsync) per event-loop turn. */
  private readonly commits: GroupCommit;
  private readonly ledger: SqliteLedger;

  /** Pass the open database shared with SqliteEngine and SqliteStore (the caller closes it), or a data dir. */
  constructor(source: SqliteDatabase | string) {
    this.ownsDb = typeof source === 'string';
    this.db = typeof source === 'string' ? openDatabase(source) : source;
    this.q = prepareStatements(this.db);
    this.commits = groupCommitOf(this.db);
    this.ledger = new SqliteLedger(this.db);
    // Every async method waits for a lock held by another process asynchronously, then answers UNAVAILABLE (busy-retry.ts).
    return retryingOnBusy(this);
  }

  async init(): Promise<void> {
    // The schema is created by openDatabase.
  }

  async close(): Promise<void> {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  async resetForTests(): Promise<void> {
    this.db.transaction(() => {
      for (const table of RESET_TABLES) this.db.exec(`DELETE FROM ${table}`);
    }).immediate();
  }

  async flush(): Promise<void> {
    // Claims, entries and spends were committed in their transactions: the sink is this file.
  }

  // ---- drops ----

  async defineDrop(spec: DropStockSpec): Promise<void> {
    checkDropSpec(spec);
    await this.commits.run(() => {
      const defined = defineDrop(this.dropState(spec.dropId), spec);
      if (defined) this.q.insertDrop.run({ dropId: spec.dropId, ...defined, closed: Number(defined.closed) });
    });
  }

  async claim(r: ClaimRequest): Promise<ClaimDecision> {
    checkClaimRequest(r);
    return this.commits.run(() => {
      const state: ClaimState = {
        drop: this.dropState(r.dropId),
        memberClaims: this.q.claimsOfMember.all(r.dropId, r.memberId).map(claimFromRow),
        reserved: this.q.reservedBy.all(r.dropId, r.nowMs).map(claimFromRow),
      };
      return this.write(r.dropId, decideClaim(state, r));
    });
  }

  async expireClaims(dropId: string, nowMs: number): Promise<Claim[]> {
    requireId(dropId, 'dropId');
    requireInt(nowMs, 'nowMs', 0);
    return this.commits.run(() =>
      this.write(dropId, expireReservations(this.q.reservedBy.all(dropId, nowMs).map(claimFromRow), nowMs)),
    );
  }

  async confirmClaim(claimId: string, nowMs: number): Promise<Claim | null> {
    requireId(claimId, 'claimId');
    requireInt(nowMs, 'nowMs', 0);
    return this.commits.run(() => {
      const claim = this.claimOf(claimId);
      return this.write(claim?.dropId ?? '', confirmReservation(claim, nowMs));
    });
  }

  async cancelClaim(claimId: string, nowMs: number, scope: CancelScope): Promise<Claim | null> {
    checkCancel(claimId, nowMs, scope);
    return this.commits.run(() => {
      const claim = this.claimOf(claimId);
      return this.write(claim?.dropId ?? '', cancelClaim(claim, nowMs, scope));
    });
  }

  async claimById(claimId: string): Promise<Claim | null> {
    return this.claimOf(claimId);
  }

  async claimIdByRef(checkoutRef: string): Promise<string | null> {
    return this.q.claimIdByRef.get(checkoutRef)?.id ?? null;
  }

  async closeDrop(dropId: string): Promise<void> {
    requireId(dropId, 'dropId');
    await this.commits.run(() => {
      const closed = closeDrop(this.dropState(dropId));
      if (closed) this.q.setDropClosed.run(Number(closed.closed), dropId);
    });
  }

  async dropStock(dropId: string): Promise<DropStock | null> {
    // One read transaction, so the counts and `remaining` are of the same moment.
    return this.db.transaction((): DropStock | null => {
      const drop = this.q.stock.get(dropId);
      if (!drop) return null;
      const counts = { reserved: 0, confirmed: 0 } as Record<ClaimStatus, number>;
      for (const { status, n } of this.q.statusCounts.all(dropId)) counts[status] = n;
      return { stock: drop.stock, remaining: drop.remaining, reserved: counts.reserved, confirmed: counts.confirmed, closed: drop.closed === 1 };
    })();
  }

  // ---- lotteries ----

  async defineLottery(lotteryId: string): Promise<void> {
    requireId(lotteryId, 'lotteryId');
    await this.commits.run(() => {
      const defined = defineLottery(this.lotteryState(lotteryId));
      if (defined) this.q.insertLottery.run(lotteryId, Number(defined.closed));
    });
  }

  async enterLottery(r: EnterRequest): Promise<EnterResult> {
    checkEnterRequest(r);
    return this.commits.run((): EnterResult => {
      const spendRow = this.q.ledgerByKey.get(r.ledgerKey);
      const state: EntryState = {
        lottery: this.lotteryState(r.lotteryId),
        entry: this.q.entryOf.get(r.lotteryId, r.memberId) ?? null,
        spendOnRecord: spendRow ? ledgerEntryFromRow(spendRow) : null,
        balance: this.q.balance.get(r.memberId)?.balance ?? 0,
        count: this.q.entryCount.get(r.lotteryId)!.n,
      };
      const step = decideEntry(state, r, randomUUID());
      if (!step.ok) throw lotteryError(step.refusal, r.cost);
      if (step.insert) this.q.insertEntry.run(step.insert);
      if (step.spend) this.ledger.store(step.spend);
      return step.result;
    });
  }

  async closeLottery(lotteryId: string): Promise<LotteryEntry[]> {
    requireId(lotteryId, 'lotteryId');
    return this.commits.run((): LotteryEntry[] => {
      const step = closeLottery(this.lotteryState(lotteryId));
      if (!step.ok) throw lotteryError(step.refusal);
      this.q.setLotteryClosed.run(Number(step.state.closed), lotteryId);
      return this.q.entries.all(lotteryId);
    });
  }

  async entryCount(lotteryId: string): Promise<number> {
    return this.q.entryCount.get(lotteryId)!.n;
  }

  async entryOf(lotteryId: string, memberId: string): Promise<LotteryEntry | null> {
    return this.q.entryOf.get(lotteryId, memberId) ?? null;
  }

  // ---- retirement: kept (the state is rows in the DATA_DIR file, on disk, not memory) ----

  async forgetDrop(dropId: string): Promise<boolean> {
    requireId(dropId, 'dropId');
    return false;
  }

  async forgetLottery(lotteryId: string): Promise<boolean> {
    requireId(lotteryId, 'lotteryId');
    return false;
  }

  // ---- loading and storing (called inside the transactions above) ----

  private dropState(dropId: string): DropState | null {
    const row = this.q.stock.get(dropId);
    return row ? { stock: row.stock, remaining: row.remaining, perMemberLimit: row.per_member_limit, closed: row.closed === 1 } : null;
  }

  private claimOf(claimId: string): Claim | null {
    const row = this.q.claimById.get(claimId);
    return row ? claimFromRow(row) : null;
  }

  private lotteryState(lotteryId: string): LotteryState | null {
    const row = this.q.lottery.get(lotteryId);
    return row ? { closed: row.closed === 1 } : null;
  }

  /** Writes a claim step's changes to the drop and returns its reply. */
  private write<Reply>(dropId: string, step: ClaimStep<Reply>): Reply {
    const w: ClaimWrites = step.writes;
    for (const c of w.changed) this.q.setStatus.run(c.status, c.updatedAt, c.id);
    if (w.created) this.q.insertClaim.run(w.created);
    if (w.remainingDelta !== 0) this.q.addRemaining.run(w.remainingDelta, dropId);
    return step.reply;
  }
}
