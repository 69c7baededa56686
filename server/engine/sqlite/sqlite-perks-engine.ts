/**
 * SqlitePerksEngine: the embedded PerksEngine. Every primitive is one
 * IMMEDIATE transaction on the shared DATA_DIR file (see SqliteEngine for why
 * that is atomic within and across processes, and durable on resolve).
 *
 * Claims and lottery entries are written straight into the `claims` and
 * `lottery_entries` tables the store reads, and a paid entry's spend goes
 * through the same ledger step as SqliteEngine.spend (sqlite-ledger.ts): the
 * sink is this file, so flush() has nothing to do. A member's count against
 * the limit is read from `claims` (reserved + confirmed), so it can never
 * drift from the claims themselves.
 */
import type { Claim, ClaimStatus, LotteryEntry } from '../../../shared/perks.ts';
import {
  CLAIM_COLUMNS,
  claimFromRow,
  openDatabase,
  PERKS_ENGINE_TABLES,
  type ClaimRow,
  type SqliteDatabase,
} from '../../sqlite/sqlite-database.ts';
import { EngineFailure, claimRefused, engineError } from '../engine-errors.ts';
import type { ClaimDecision, ClaimRequest, DropStock, DropStockSpec, EnterRequest, EnterResult, PerksEngine } from '../perks-engine.ts';
import { checkClaimRequest, checkDropSpec, checkEnterRequest, requireId, requireInt } from '../engine-args.ts';
import { SqliteLedger } from './sqlite-ledger.ts';

/**
 * The tables this engine clears on resetForTests: its own hot state and the
 * records it writes. Not the ledger or balances: those belong to the live
 * Engine, whose reset clears them.
 */
const RESET_TABLES = PERKS_ENGINE_TABLES;

interface StockRow {
  stock: number;
  remaining: number;
  per_member_limit: number;
  closed: number;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    defineDrop: db.prepare(`INSERT INTO drop_stock (drop_id, stock, remaining, per_member_limit) VALUES (?, ?, ?, ?)
      ON CONFLICT (drop_id) DO NOTHING`),
    stock: db.prepare<[string], StockRow>('SELECT stock, remaining, per_member_limit, closed FROM drop_stock WHERE drop_id = ?'),
    addRemaining: db.prepare('UPDATE drop_stock SET remaining = remaining + ? WHERE drop_id = ?'),
    closeDrop: db.prepare('UPDATE drop_stock SET closed = 1 WHERE drop_id = ?'),
    claimById: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE id = ?`),
    claimByRequest: db.prepare<[string, string, string], ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE drop_id = ? AND member_id = ? AND request_id = ?`,
    ),
    dueClaims: db.prepare<[string, number], ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE drop_id = ? AND status = 'reserved' AND expires_at <= ? ORDER BY expires_at, id`,
    ),
    setStatus: db.prepare('UPDATE claims SET status = ?, updated_at = ? WHERE id = ?'),
    // Served by the unique (drop_id, member_id, request_id) index.
    activeOfMember: db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM claims WHERE drop_id = ? AND member_id = ? AND status IN ('reserved', 'confirmed')`,
    ),
    statusCounts: db.prepare<[string], { status: ClaimStatus; n: number }>(
      `SELECT status, COUNT(*) AS n FROM claims WHERE drop_id = ? AND status IN ('reserved', 'confirmed') GROUP BY status`,
    ),
    insertClaim: db.prepare(`INSERT INTO claims (${CLAIM_COLUMNS})
      VALUES (@id, @dropId, @memberId, @requestId, @status, @expiresAt, @checkoutRef, @createdAt, @updatedAt)`),
    defineLottery: db.prepare('INSERT INTO lottery_state (lottery_id) VALUES (?) ON CONFLICT (lottery_id) DO NOTHING'),
    lottery: db.prepare<[string], { closed: number }>('SELECT closed FROM lottery_state WHERE lottery_id = ?'),
    closeLottery: db.prepare('UPDATE lottery_state SET closed = 1 WHERE lottery_id = ?'),
    entryOf: db.prepare<[string, string], LotteryEntry>(
      'SELECT lottery_id AS lotteryId, member_id AS memberId, weight, at FROM lottery_entries WHERE lottery_id = ? AND member_id = ?',
    ),
    entries: db.prepare<[string], LotteryEntry>(
      'SELECT lottery_id AS lotteryId, member_id AS memberId, weight, at FROM lottery_entries WHERE lottery_id = ?',
    ),
    entryCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM lottery_entries WHERE lottery_id = ?'),
    insertEntry: db.prepare('INSERT INTO lottery_entries (lottery_id, member_id, weight, at) VALUES (@lotteryId, @memberId, @weight, @at)'),
  };
}

export class SqlitePerksEngine implements PerksEngine {
  readonly kind = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  private readonly ownsDb: boolean;
  private readonly q: ReturnType<typeof prepareStatements>;
  private readonly ledger: SqliteLedger;

  /** Pass the open database shared with SqliteEngine and SqliteStore (the caller closes it), or a data dir. */
  constructor(source: SqliteDatabase | string) {
    this.ownsDb = typeof source === 'string';
    this.db = typeof source === 'string' ? openDatabase(source) : source;
    this.q = prepareStatements(this.db);
    this.ledger = new SqliteLedger(this.db);
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
    this.q.defineDrop.run(spec.dropId, spec.stock, spec.stock, spec.perMemberLimit);
  }

  async claim(r: ClaimRequest): Promise<ClaimDecision> {
    checkClaimRequest(r);
    return this.db.transaction((): ClaimDecision => {
      const known = this.q.claimByRequest.get(r.dropId, r.memberId, r.requestId);
      if (known) return { ok: true, claim: claimFromRow(known), replayed: true, remaining: this.q.stock.get(r.dropId)?.remaining ?? 0 };
      if (!this.q.stock.get(r.dropId)) return claimRefused(EngineFailure.DROP_NOT_FOUND, 0);
      this.expireDue(r.dropId, r.nowMs);
      const drop = this.q.stock.get(r.dropId)!;
      if (drop.closed) return claimRefused(EngineFailure.DROP_CLOSED, drop.remaining);
      if (r.nowMs < r.opensAtForMember) return claimRefused(EngineFailure.DROP_NOT_OPEN, drop.remaining);
      if (drop.remaining <= 0) return claimRefused(EngineFailure.SOLD_OUT, 0);
      if (this.q.activeOfMember.get(r.dropId, r.memberId)!.n >= drop.per_member_limit) {
        return claimRefused(EngineFailure.LIMIT_REACHED, drop.remaining);
      }
      const claim: Claim = {
        id: r.claimId,
        dropId: r.dropId,
        memberId: r.memberId,
        requestId: r.requestId,
        status: 'reserved',
        expiresAt: r.expiresAt,
        checkoutRef: r.checkoutRef,
        createdAt: r.nowMs,
        updatedAt: r.nowMs,
      };
      this.q.insertClaim.run(claim);
      this.q.addRemaining.run(-1, r.dropId);
      return { ok: true, claim, replayed: false, remaining: drop.remaining - 1 };
    }).immediate();
  }

  async expireClaims(dropId: string, nowMs: number): Promise<Claim[]> {
    requireId(dropId, 'dropId');
    requireInt(nowMs, 'nowMs', 0);
    return this.db.transaction(() => this.expireDue(dropId, nowMs)).immediate();
  }

  async confirmClaim(claimId: string, nowMs: number): Promise<Claim | null> {
    requireId(claimId, 'claimId');
    requireInt(nowMs, 'nowMs', 0);
    return this.db.transaction((): Claim | null => {
      const row = this.q.claimById.get(claimId);
      if (!row) return null;
      const claim = claimFromRow(row);
      if (claim.status !== 'reserved') return claim;
      if (claim.expiresAt <= nowMs) return this.expire(claim, nowMs);
      this.q.setStatus.run('confirmed', nowMs, claim.id);
      return { ...claim, status: 'confirmed', updatedAt: nowMs };
    }).immediate();
  }

  async claimById(claimId: string): Promise<Claim | null> {
    const row = this.q.claimById.get(claimId);
    return row ? claimFromRow(row) : null;
  }

  async closeDrop(dropId: string): Promise<void> {
    requireId(dropId, 'dropId');
    this.q.closeDrop.run(dropId);
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
    this.q.defineLottery.run(lotteryId);
  }

  async enterLottery(r: EnterRequest): Promise<EnterResult> {
    checkEnterRequest(r);
    return this.db.transaction((): EnterResult => {
      const lottery = this.q.lottery.get(r.lotteryId);
      if (!lottery) throw engineError(EngineFailure.LOTTERY_NOT_FOUND);
      if (lottery.closed) throw engineError(EngineFailure.LOTTERY_CLOSED);
      const before = this.q.entryOf.get(r.lotteryId, r.memberId);
      if (before) {
        const spend = r.cost > 0 ? (this.ledger.knownKey(r.ledgerKey)?.entry ?? null) : null;
        return { entry: before, created: false, spend, balance: this.ledger.balanceOf(r.memberId), count: this.countOf(r.lotteryId) };
      }
      // A throw (INSUFFICIENT_POINTS) rolls the whole transaction back: no entry without its spend.
      const paid =
        r.cost > 0
          ? this.ledger.spend({ key: r.ledgerKey, memberId: r.memberId, cost: r.cost, reason: r.reason, streamId: r.streamId, at: r.at })
          : null;
      const entry: LotteryEntry = { lotteryId: r.lotteryId, memberId: r.memberId, weight: r.weight, at: r.at };
      this.q.insertEntry.run(entry);
      return {
        entry,
        created: true,
        spend: paid?.entry ?? null,
        balance: paid?.balance ?? this.ledger.balanceOf(r.memberId),
        count: this.countOf(r.lotteryId),
      };
    }).immediate();
  }

  async closeLottery(lotteryId: string): Promise<LotteryEntry[]> {
    requireId(lotteryId, 'lotteryId');
    return this.db.transaction((): LotteryEntry[] => {
      if (!this.q.lottery.get(lotteryId)) throw engineError(EngineFailure.LOTTERY_NOT_FOUND);
      this.q.closeLottery.run(lotteryId);
      return this.q.entries.all(lotteryId);
    }).immediate();
  }

  async entryCount(lotteryId: string): Promise<number> {
    return this.countOf(lotteryId);
  }

  async entryOf(lotteryId: string, memberId: string): Promise<LotteryEntry | null> {
    return this.q.entryOf.get(lotteryId, memberId) ?? null;
  }

  // ---- helpers (called inside the transactions above) ----

  private countOf(lotteryId: string): number {
    return this.q.entryCount.get(lotteryId)!.n;
  }

  /** Expires every due reservation of the drop; their units return to the stock. */
  private expireDue(dropId: string, nowMs: number): Claim[] {
    return this.q.dueClaims.all(dropId, nowMs).map((row) => this.expire(claimFromRow(row), nowMs));
  }

  private expire(claim: Claim, nowMs: number): Claim {
    this.q.setStatus.run('expired', nowMs, claim.id);
    this.q.addRemaining.run(1, claim.dropId);
    return { ...claim, status: 'expired', updatedAt: nowMs };
  }
}
