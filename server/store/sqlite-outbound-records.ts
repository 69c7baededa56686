/** OutboundRecords on SQLite (table outbound_events, migration 11). A lease is one IMMEDIATE transaction: processes sharing the file never lease one event twice. */
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { OutboundDelivery, OutboundEvent, OutboundOutcome, OutboundRecords } from './outbound-records.ts';

interface Row {
  id: string;
  type: string;
  body: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  last_error: string | null;
}

const COLUMNS = 'id, type, body, created_at, attempts, next_attempt_at, delivered_at, last_error';

function prepare(db: SqliteDatabase) {
  return {
    insert: db.prepare<[string, string, string, number, number]>(
      'INSERT INTO outbound_events (id, type, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    due: db.prepare<[number, number, number], Row>(
      `SELECT ${COLUMNS} FROM outbound_events WHERE delivered_at IS NULL AND next_attempt_at <= ? AND lease_until <= ? ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    lease: db.prepare<[number, string]>('UPDATE outbound_events SET lease_until = ? WHERE id = ?'),
    delivered: db.prepare<[number, string]>('UPDATE outbound_events SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, lease_until = 0 WHERE id = ?'),
    failed: db.prepare<[string, number, string]>('UPDATE outbound_events SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_until = 0 WHERE id = ?'),
    log: db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM outbound_events ORDER BY created_at DESC, id DESC LIMIT ?`),
  };
}

const fromRow = (r: Row): OutboundDelivery => ({
  id: r.id,
  type: r.type,
  body: r.body,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  deliveredAt: r.delivered_at,
  lastError: r.last_error,
});

export class SqliteOutboundRecords implements OutboundRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepare(db);
  }

  async enqueueOutbound(e: OutboundEvent): Promise<boolean> {
    return this.q.insert.run(e.id, e.type, e.body, e.createdAt, e.createdAt).changes > 0;
  }

  async leaseOutbound(nowMs: number, leaseMs: number, limit: number): Promise<OutboundDelivery[]> {
    return this.db.transaction(() => {
      const due = this.q.due.all(nowMs, nowMs, limit);
      for (const r of due) this.q.lease.run(nowMs + leaseMs, r.id);
      return due.map(fromRow);
    }).immediate();
  }

  async settleOutbound(id: string, outcome: OutboundOutcome): Promise<void> {
    if ('deliveredAt' in outcome) this.q.delivered.run(outcome.deliveredAt, id);
    else this.q.failed.run(outcome.error.slice(0, 500), outcome.nextAttemptAt, id);
  }

  async outboundLog(limit: number): Promise<OutboundDelivery[]> {
    return this.q.log.all(limit).map(fromRow);
  }
}
