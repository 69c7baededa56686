/**
 * The refunds half of SqliteStore (table `refunds`, migration 6): records as
 * JSON beside the columns they are found by. SqliteStore delegates here.
 * Every method is one statement or one IMMEDIATE transaction, so the
 * (order_id, seq) uniqueness holds across processes sharing the file.
 */
import type { OrderRecord } from '../../shared/perks.ts';
import type { RefundRecord, RefundSettlement } from '../../shared/refunds.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { RecordRefundResult } from './refund-records.ts';

function prepareStatements(db: SqliteDatabase) {
  return {
    orderById: db.prepare<[string], { json: string }>('SELECT json FROM orders WHERE order_id = ?'),
    refundById: db.prepare<[string], { json: string }>('SELECT json FROM refunds WHERE refund_id = ?'),
    refundsOfOrder: db.prepare<[string], { json: string }>('SELECT json FROM refunds WHERE order_id = ? ORDER BY seq'),
    seqTaken: db.prepare<[string, number], { n: number }>('SELECT 1 AS n FROM refunds WHERE order_id = ? AND seq = ?'),
    insert: db.prepare<[{ refundId: string; orderId: string; seq: number; json: string; createdAt: number }]>(
      'INSERT INTO refunds (refund_id, order_id, seq, json, created_at) VALUES (@refundId, @orderId, @seq, @json, @createdAt)',
    ),
    // The first settlement wins: a record already settled keeps it.
    settle: db.prepare<[{ refundId: string; settlement: string }]>(`UPDATE refunds SET json = json_set(json, '$.settlement', json(@settlement))
      WHERE refund_id = @refundId AND json_extract(json, '$.settlement') IS NULL`),
  };
}

const parse = <T>(row: { json: string } | undefined): T | null => (row ? (JSON.parse(row.json) as T) : null);

export class SqliteRefundRecords {
  private readonly q: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepareStatements(db);
  }

  orderById(orderId: string): OrderRecord | null {
    return parse<OrderRecord>(this.q.orderById.get(orderId));
  }

  refundById(refundId: string): RefundRecord | null {
    return parse<RefundRecord>(this.q.refundById.get(refundId));
  }

  refundsOfOrder(orderId: string): RefundRecord[] {
    return this.q.refundsOfOrder.all(orderId).map((row) => JSON.parse(row.json) as RefundRecord);
  }

  recordRefund(refund: RefundRecord, seq: number): RecordRefundResult {
    return this.db.transaction((): RecordRefundResult => {
      const known = this.refundById(refund.refundId);
      if (known) return { refund: known, created: false };
      if (this.q.seqTaken.get(refund.orderId, seq)) return null;
      const json = JSON.stringify(refund);
      this.q.insert.run({ refundId: refund.refundId, orderId: refund.orderId, seq, json, createdAt: refund.createdAt });
      return { refund: JSON.parse(json) as RefundRecord, created: true };
    }).immediate();
  }

  settleRefund(refundId: string, settlement: RefundSettlement): RefundRecord | null {
    return this.db.transaction(() => {
      this.q.settle.run({ refundId, settlement: JSON.stringify(settlement) });
      return this.refundById(refundId);
    }).immediate();
  }
}
