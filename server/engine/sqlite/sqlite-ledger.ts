/**
 * The ledger steps of the SQLite engines: load what the rule reads, decide
 * with server/domain/ledger.ts, store its writes. SqliteEngine (award, spend,
 * earnedSince) and SqlitePerksEngine (the spend of a paid lottery entry) both
 * go through here, so the `ledger` rows, `balances`, `earned_days` and the
 * ledger's share of `stream_points` / `stream_stats` are written in one place.
 *
 * Nothing here opens a transaction: every method is a step meant to run inside
 * the caller's IMMEDIATE transaction, so the caller decides what else is
 * atomic with it.
 */
import { randomUUID } from 'node:crypto';
import type { LedgerEntry } from '../../../shared/models.ts';
import {
  decideAward,
  decideRefund,
  decideSpend,
  earnedWindowStart,
  type AwardInput,
  type LedgerResult,
  type LedgerWrites,
  type RefundInput,
  type SpendInput,
} from '../../domain/ledger.ts';
import type { AwardPathLedgerRead } from '../../domain/award-paths.ts';
import { decideReversal, type ReversalInput, type ReversalResult } from '../../domain/reversal.ts';
import { utcDay } from '../../domain/time.ts';
import { INSERT_LEDGER_IF_NEW, LEDGER_COLUMNS, ledgerEntryFromRow, ledgerParams, type LedgerRow, type SqliteDatabase } from '../../sqlite/sqlite-database.ts';
import { EngineFailure, engineError } from '../engine-errors.ts';

function prepareStatements(db: SqliteDatabase) {
  return {
    entryByKey: db.prepare<[string], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE key = ?`),
    insertEntry: db.prepare(INSERT_LEDGER_IF_NEW),
    balance: db.prepare<[string], { balance: number }>('SELECT balance FROM balances WHERE member_id = ?'),
    addBalance: db.prepare(`INSERT INTO balances (member_id, balance, earned) VALUES (@memberId, @delta, @earned)
      ON CONFLICT (member_id) DO UPDATE SET balance = balance + @delta, earned = earned + @earned`),
    addEarnedDay: db.prepare(`INSERT INTO earned_days (member_id, day, points) VALUES (?, ?, ?)
      ON CONFLICT (member_id, day) DO UPDATE SET points = points + excluded.points`),
    earnedFrom: db.prepare<[string, string], { total: number }>(
      'SELECT COALESCE(SUM(points), 0) AS total FROM earned_days WHERE member_id = ? AND day >= ?',
    ),
    addStreamPoints: db.prepare(`INSERT INTO stream_points (stream_id, member_id, points) VALUES (?, ?, ?)
      ON CONFLICT (stream_id, member_id) DO UPDATE SET points = points + excluded.points`),
    addPointsIssued: db.prepare(`INSERT INTO stream_stats (stream_id, points_issued) VALUES (?, ?)
      ON CONFLICT (stream_id) DO UPDATE SET points_issued = points_issued + excluded.points_issued`),
  };
}

export class SqliteLedger {
  private readonly q: ReturnType<typeof prepareStatements>;

  constructor(db: SqliteDatabase) {
    this.q = prepareStatements(db);
  }

  balanceOf(memberId: string): number {
    return this.q.balance.get(memberId)?.balance ?? 0;
  }

  /** Points earned on UTC days from that of `sinceMs` on (Engine.earnedSince). */
  earnedSince(memberId: string, sinceMs: number): number {
    return this.earnedFromDay(memberId, utcDay(sinceMs));
  }

  /** The entry already stored under `key`, with its member's balance (nothing applied), or null. */
  knownKey(key: string): LedgerResult | null {
    const entry = this.storedEntry(key);
    return entry && { applied: false, entry, balance: this.balanceOf(entry.memberId) };
  }

  /** The award step (Engine.award): domain/ledger.ts decideAward over this file's rows. */
  award(input: AwardInput): LedgerResult {
    const fromDay = earnedWindowStart(input);
    const decision = decideAward(
      {
        stored: this.storedEntry(input.key),
        balance: this.balanceOf(input.memberId),
        earnedInWindow: fromDay === null ? 0 : this.earnedFromDay(input.memberId, fromDay),
      },
      input,
      randomUUID(),
    );
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  /**
   * The spend step (Engine.spend): domain/ledger.ts decideSpend. A refusal
   * throws INSUFFICIENT_POINTS (the same code and message as the Lua scripts'
   * failure), which rolls back the caller's whole transaction.
   */
  spend(input: SpendInput): LedgerResult {
    const decision = decideSpend({ stored: this.storedEntry(input.key), balance: this.balanceOf(input.memberId) }, input, randomUUID());
    if (decision.kind === 'refused') throw engineError(EngineFailure[decision.refusal], { cost: decision.cost });
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  /** The reversal step (Engine.reverse): domain/reversal.ts decideReversal over this file's rows. */
  reverse(input: ReversalInput): ReversalResult {
    const fromDay = earnedWindowStart(input);
    const decision = decideReversal(
      {
        stored: this.storedEntry(input.key),
        balance: this.balanceOf(input.memberId),
        earnedInWindow: fromDay === null ? 0 : this.earnedFromDay(input.memberId, fromDay),
      },
      input,
      randomUUID(),
    );
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  /** The refund step (Engine.refund): domain/ledger.ts decideRefund. */
  refund(input: RefundInput): LedgerResult {
    const decision = decideRefund({ stored: this.storedEntry(input.key), balance: this.balanceOf(input.memberId) }, input, randomUUID());
    if (decision.kind === 'apply') this.store(decision.writes);
    return decision.result;
  }

  /** What an award path (domain/award-paths.ts) reads of the ledger for `memberId`, in the caller's transaction. */
  awardPathRead(memberId: string, earnedSinceMs: number): AwardPathLedgerRead {
    return {
      balance: this.balanceOf(memberId),
      earnedInWindow: this.earnedSince(memberId, earnedSinceMs),
      storedEntry: (key) => this.storedEntry(key),
    };
  }

  private storedEntry(key: string): LedgerEntry | null {
    const row = this.q.entryByKey.get(key);
    return row ? ledgerEntryFromRow(row) : null;
  }

  private earnedFromDay(memberId: string, fromDay: string): number {
    return this.q.earnedFrom.get(memberId, fromDay)!.total;
  }

  /** Stores what decideAward or decideSpend decided (also a paid lottery entry's spend, decided with the entry). */
  store({ entry, earned }: LedgerWrites): void {
    this.q.insertEntry.run(ledgerParams(entry));
    this.q.addBalance.run({ memberId: entry.memberId, delta: entry.delta, earned: earned?.points ?? 0 });
    if (earned === null) return;
    this.q.addEarnedDay.run(entry.memberId, earned.day, earned.points);
    if (earned.streamId === null) return;
    this.q.addStreamPoints.run(earned.streamId, entry.memberId, earned.points);
    this.q.addPointsIssued.run(earned.streamId, earned.points);
  }
}
