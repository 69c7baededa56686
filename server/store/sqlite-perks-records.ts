/**
 * The perks half of SqliteStore: drops, claims, lotteries, lottery entries and
 * shop orders (tables from migration 2 in sqlite-database.ts). SqliteStore
 * delegates to this class; it lives apart only to keep each file one concern.
 *
 * Records the host defines (drops, lotteries, orders) are stored as JSON with
 * the columns they are looked up by beside it. Claims and lottery entries have
 * real columns because SqlitePerksEngine writes the same rows inside its own
 * transactions; both read them with the row helpers in sqlite-database.ts.
 *
 * Like the rest of SqliteStore, every method is one statement or one IMMEDIATE
 * transaction, so the compare-and-sets hold across processes sharing the file.
 */
import type { Claim, DropRecord, LotteryEntry, LotteryFreeze, LotteryRecord, OrderRecord } from '../../shared/perks.ts';
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import { CLAIM_COLUMNS, claimFromRow, claimParams, type ClaimRow, type SqliteDatabase } from '../sqlite/sqlite-database.ts';


export interface LotteryEntryRow {
  lottery_id: string;
  member_id: string;
  weight: number;
  at: number;
}

export function lotteryEntryFromRow(r: LotteryEntryRow): LotteryEntry {
  return { lotteryId: r.lottery_id, memberId: r.member_id, weight: r.weight, at: r.at };
}

/**
 * Claims only move forward: a new id is inserted; an existing 'reserved' row
 * moves to any later status, a 'confirmed' one only to 'cancelled' (a refund);
 * expired and cancelled are final. So a replayed or late 'reserved' or
 * 'confirmed' (the Redis outbox may deliver out of order) never undoes what
 * came after it, and the first final status wins.
 */
const UPSERT_CLAIM = `INSERT INTO claims (${CLAIM_COLUMNS})
  VALUES (@id, @drop_id, @member_id, @request_id, @status, @expires_at, @checkout_ref, @created_at, @updated_at)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
  WHERE (claims.status = 'reserved' AND excluded.status <> 'reserved')
     OR (claims.status = 'confirmed' AND excluded.status = 'cancelled')`;

// ---- host records (JSON) ----

interface LotteryRow {
  json: string;
  proof_json: string | null;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    insertDrop: db.prepare<[{ id: string; streamId: string; json: string; createdAt: number }]>(
      'INSERT INTO drops (id, stream_id, json, created_at) VALUES (@id, @streamId, @json, @createdAt)',
    ),
    dropById: db.prepare<[string], { json: string }>('SELECT json FROM drops WHERE id = ?'),
    dropsOfStream: db.prepare<[string], { json: string }>(
      'SELECT json FROM drops WHERE stream_id = ? ORDER BY created_at DESC, id DESC',
    ),
    // One statement: the CASE keeps a closedAt already set, so the first close wins.
    closeDrop: db.prepare<[{ id: string; at: number }], { json: string }>(`UPDATE drops
      SET json = CASE WHEN json_extract(json, '$.closedAt') IS NULL THEN json_set(json, '$.closedAt', @at) ELSE json END
      WHERE id = @id RETURNING json`),

    upsertClaim: db.prepare<[ClaimRow]>(UPSERT_CLAIM),
    claimById: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE id = ?`),
    // claims_drop_status covers it: the count reads the index over this drop's claims only.
    claimCountsOfDrop: db.prepare<[string], { status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM claims WHERE drop_id = ? GROUP BY status',
    ),
    claimByCheckoutRef: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE checkout_ref = ? LIMIT 1`),
    claimsOfDrop: db.prepare<[string, number], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims
      WHERE drop_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`),
    claimsOfMember: db.prepare<[string, number], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims
      WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`),

    insertLottery: db.prepare<[{ id: string; streamId: string; json: string; createdAt: number }]>(
      'INSERT INTO lotteries (id, stream_id, json, proof_json, created_at) VALUES (@id, @streamId, @json, NULL, @createdAt)',
    ),
    lotteryById: db.prepare<[string], LotteryRow>('SELECT json, proof_json FROM lotteries WHERE id = ?'),
    lotteriesOfStream: db.prepare<[string], { json: string }>(
      'SELECT json FROM lotteries WHERE stream_id = ? ORDER BY created_at DESC, id DESC',
    ),
    // The compare-and-set: only an open or frozen lottery without a proof takes one (a cancelled one never does).
    drawLottery: db.prepare<[{ id: string; proof: string; drawnAt: number }]>(`UPDATE lotteries
      SET proof_json = @proof, json = json_set(json, '$.status', 'drawn', '$.drawnAt', @drawnAt)
      WHERE id = @id AND proof_json IS NULL AND json_extract(json, '$.status') IN ('open', 'drawing')`),
    // v2: entries freeze once, and only out of 'open' (a cancel and a freeze race: the first wins).
    freezeLottery: db.prepare<[{ id: string; freeze: string }]>(`UPDATE lotteries
      SET json = json_set(json, '$.status', 'drawing', '$.freeze', json(@freeze))
      WHERE id = @id AND proof_json IS NULL AND json_extract(json, '$.status') = 'open'`),
    // Few rows: a lottery is 'drawing' for the seconds until its beacon round.
    lotteriesDrawing: db.prepare<[], { json: string }>(`SELECT json FROM lotteries WHERE json_extract(json, '$.status') = 'drawing'`),
    // The first claim stands: json_insert leaves an existing key as it is. The path quotes the member id.
    claimPrize: db.prepare<[{ id: string; path: string; at: number }]>(`UPDATE lotteries
      SET json = json_insert(json_set(json, '$.prizeClaims', json(coalesce(json_extract(json, '$.prizeClaims'), '{}'))), @path, @at)
      WHERE id = @id AND proof_json IS NOT NULL`),
    recentDraws: db.prepare<[number], LotteryRow>(`SELECT json, proof_json FROM lotteries WHERE proof_json IS NOT NULL
      ORDER BY json_extract(json, '$.drawnAt') DESC LIMIT ?`),
    // The other way out of 'open' (issue 11), the same compare-and-set: of a draw and a cancel, the first wins.
    cancelLottery: db.prepare<[{ id: string; at: number }]>(`UPDATE lotteries SET json = json_set(json, '$.status', 'cancelled', '$.cancelledAt', @at)
      WHERE id = @id AND proof_json IS NULL AND json_extract(json, '$.status') = 'open'`),
    insertEntry: db.prepare<[LotteryEntryRow]>(`INSERT INTO lottery_entries (lottery_id, member_id, weight, at)
      VALUES (@lottery_id, @member_id, @weight, @at) ON CONFLICT (lottery_id, member_id) DO NOTHING`),
    lotteryEntries: db.prepare<[string], LotteryEntryRow>(
      'SELECT lottery_id, member_id, weight, at FROM lottery_entries WHERE lottery_id = ?',
    ),

    insertOrder: db.prepare<[{ orderId: string; json: string; createdAt: number }]>(
      'INSERT INTO orders (order_id, json, created_at) VALUES (@orderId, @json, @createdAt) ON CONFLICT (order_id) DO NOTHING',
    ),
    orderById: db.prepare<[string], { json: string }>('SELECT json FROM orders WHERE order_id = ?'),
  };
}

const parse = <T>(row: { json: string }): T => JSON.parse(row.json) as T;

/** Drops stored before checkout links existed have neither field in their JSON. */
const parseDrop = (row: { json: string }): DropRecord => {
  const stored = parse<Omit<DropRecord, 'checkoutUrl' | 'paymentInstructions'> & Partial<DropRecord>>(row);
  return { ...stored, checkoutUrl: stored.checkoutUrl ?? null, paymentInstructions: stored.paymentInstructions ?? null };
};

export class SqlitePerksRecords {
  private readonly q: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepareStatements(db);
  }

  // ---- drops and claims ----

  /** Throws the driver's constraint error on a taken id; SqliteStore maps it. */
  createDrop(drop: DropRecord): DropRecord {
    const record = { ...drop };
    this.q.insertDrop.run({ id: record.id, streamId: record.streamId, json: JSON.stringify(record), createdAt: record.createdAt });
    return record;
  }

  dropById(id: string): DropRecord | null {
    const row = this.q.dropById.get(id);
    return row ? parseDrop(row) : null;
  }

  dropsOfStream(streamId: string): DropRecord[] {
    return this.q.dropsOfStream.all(streamId).map(parseDrop);
  }

  closeDropRecord(id: string, atMs: number): DropRecord | null {
    const row = this.q.closeDrop.get({ id, at: atMs });
    return row ? parseDrop(row) : null;
  }

  upsertClaims(claims: Claim[]): void {
    if (claims.length === 0) return;
    // In batch order, in one transaction: a batch holding a claim's reservation and
    // its confirmation ends confirmed whichever way round they come.
    this.db.transaction(() => {
      for (const claim of claims) this.q.upsertClaim.run(claimParams(claim));
    }).immediate();
  }

  claimById(id: string): Claim | null {
    const row = this.q.claimById.get(id);
    return row ? claimFromRow(row) : null;
  }

  claimByCheckoutRef(checkoutRef: string): Claim | null {
    const row = this.q.claimByCheckoutRef.get(checkoutRef);
    return row ? claimFromRow(row) : null;
  }

  claimsOfDrop(dropId: string, limit: number): Claim[] {
    if (limit < 1) return [];
    return this.q.claimsOfDrop.all(dropId, limit).map(claimFromRow);
  }

  claimCountsOfDrop(dropId: string): { reserved: number; confirmed: number } {
    const counts = new Map(this.q.claimCountsOfDrop.all(dropId).map((r) => [r.status, r.n]));
    return { reserved: counts.get('reserved') ?? 0, confirmed: counts.get('confirmed') ?? 0 };
  }

  claimsOfMember(memberId: string, limit: number): Claim[] {
    // SQLite reads a negative LIMIT as "no limit".
    if (limit < 1) return [];
    return this.q.claimsOfMember.all(memberId, limit).map(claimFromRow);
  }

  // ---- lotteries ----

  createLottery(lottery: LotteryRecord): void {
    this.q.insertLottery.run({ id: lottery.id, streamId: lottery.streamId, json: JSON.stringify(lottery), createdAt: lottery.createdAt });
  }

  lotteryById(id: string): { record: LotteryRecord; proof: LotteryProof | null } | null {
    const row = this.q.lotteryById.get(id);
    return row ? lotteryFromRow(row) : null;
  }

  lotteriesOfStream(streamId: string): LotteryRecord[] {
    return this.q.lotteriesOfStream.all(streamId).map((r) => parse<LotteryRecord>(r));
  }

  recordDraw(id: string, proof: LotteryProof, drawnAt: number): { record: LotteryRecord; proof: LotteryProof } | null {
    return this.db.transaction(() => {
      this.q.drawLottery.run({ id, proof: JSON.stringify(proof), drawnAt });
      const row = this.q.lotteryById.get(id);
      if (!row) return null;
      const found = lotteryFromRow(row);
      if (found.record.status === 'cancelled') return null;
      // Set by the UPDATE above or by an earlier draw: either way the stored one is the answer.
      if (!found.proof) throw new Error(`lottery ${id}: the draw stored no proof`);
      return { record: found.record, proof: found.proof };
    }).immediate();
  }

  freezeLottery(id: string, freeze: LotteryFreeze): LotteryRecord | null {
    return this.db.transaction(() => {
      this.q.freezeLottery.run({ id, freeze: JSON.stringify(freeze) });
      return this.lotteryById(id)?.record ?? null;
    }).immediate();
  }

  lotteriesDrawing(): LotteryRecord[] {
    return this.q.lotteriesDrawing.all().map((r) => parse<LotteryRecord>(r));
  }

  recordPrizeClaim(id: string, memberId: string, atMs: number): LotteryRecord | null {
    return this.db.transaction(() => {
      this.q.claimPrize.run({ id, path: `$.prizeClaims.${JSON.stringify(memberId)}`, at: atMs });
      return this.lotteryById(id)?.record ?? null;
    }).immediate();
  }

  recentDraws(limit: number): Array<{ record: LotteryRecord; proof: LotteryProof }> {
    return this.q.recentDraws.all(limit).map((row) => lotteryFromRow(row) as { record: LotteryRecord; proof: LotteryProof });
  }

  cancelLottery(id: string, atMs: number): { record: LotteryRecord; proof: LotteryProof | null } | null {
    return this.db.transaction(() => {
      this.q.cancelLottery.run({ id, at: atMs });
      return this.lotteryById(id);
    }).immediate();
  }

  appendLotteryEntries(entries: LotteryEntry[]): void {
    if (entries.length === 0) return;
    this.db.transaction(() => {
      for (const e of entries) this.q.insertEntry.run({ lottery_id: e.lotteryId, member_id: e.memberId, weight: e.weight, at: e.at });
    }).immediate();
  }

  lotteryEntries(lotteryId: string): LotteryEntry[] {
    return this.q.lotteryEntries.all(lotteryId).map(lotteryEntryFromRow);
  }

  // ---- shop orders ----

  recordOrder(order: OrderRecord): { order: OrderRecord; created: boolean } {
    return this.db.transaction(() => {
      const created = this.q.insertOrder.run({ orderId: order.orderId, json: JSON.stringify(order), createdAt: order.createdAt }).changes > 0;
      return { order: parse<OrderRecord>(this.q.orderById.get(order.orderId)!), created };
    }).immediate();
  }
}

function lotteryFromRow(row: LotteryRow): { record: LotteryRecord; proof: LotteryProof | null } {
  return {
    record: JSON.parse(row.json) as LotteryRecord,
    proof: row.proof_json === null ? null : (JSON.parse(row.proof_json) as LotteryProof),
  };
}
