/**
 * The ledger-and-balance steps of the SQLite engines, shared so that
 * SqliteEngine (award, spend) and SqlitePerksEngine (the spend of a paid
 * lottery entry) write the `ledger` row and move `balances.balance` with the
 * same statements and the same INSUFFICIENT_POINTS failure.
 *
 * Nothing here opens a transaction: every method is a step meant to run inside
 * the caller's IMMEDIATE transaction, so the caller decides what else is
 * atomic with it.
 */
import { randomUUID } from 'node:crypto';
import type { LedgerEntry } from '../../../shared/models.ts';
import { INSERT_LEDGER_IF_NEW, LEDGER_COLUMNS, ledgerEntryFromRow, ledgerParams, type LedgerRow, type SqliteDatabase } from '../../sqlite/sqlite-database.ts';
import type { AwardInput, LedgerResult, SpendInput } from '../engine.ts';
import { EngineFailure, engineError } from '../engine-errors.ts';

export class SqliteLedger {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      entryByKey: db.prepare<[string], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE key = ?`),
      insertEntry: db.prepare(INSERT_LEDGER_IF_NEW),
      balance: db.prepare<[string], { balance: number }>('SELECT balance FROM balances WHERE member_id = ?'),
      addBalance: db.prepare(`INSERT INTO balances (member_id, balance, earned) VALUES (@memberId, @delta, @earned)
        ON CONFLICT (member_id) DO UPDATE SET balance = balance + @delta, earned = earned + @earned`),
    };
  }

  balanceOf(memberId: string): number {
    return this.q.balance.get(memberId)?.balance ?? 0;
  }

  /** The entry already stored under `key` (nothing applied this time), or null. */
  knownKey(key: string): LedgerResult | null {
    const row = this.q.entryByKey.get(key);
    if (!row) return null;
    const entry = ledgerEntryFromRow(row);
    return { applied: false, entry, balance: this.balanceOf(entry.memberId) };
  }

  /** Inserts a new entry (id generated) for `input` with `delta`. */
  append(input: AwardInput | SpendInput, delta: number): LedgerEntry {
    const entry: LedgerEntry = {
      id: randomUUID(),
      key: input.key,
      memberId: input.memberId,
      delta,
      reason: input.reason,
      streamId: input.streamId ?? null,
      at: input.at,
    };
    this.q.insertEntry.run(ledgerParams(entry));
    return entry;
  }

  /** balance += delta, earned += earned (earned only for awards). */
  addBalance(memberId: string, delta: number, earned: number): void {
    this.q.addBalance.run({ memberId, delta, earned });
  }

  /**
   * The spend step (see Engine.spend): a known key returns its entry; a balance
   * below the cost throws INSUFFICIENT_POINTS, which rolls back the caller's
   * whole transaction; otherwise the entry is appended and the balance lowered.
   */
  spend(input: SpendInput): LedgerResult {
    const known = this.knownKey(input.key);
    if (known) return known;
    const balance = this.balanceOf(input.memberId);
    if (balance < input.cost) {
      // The same code and message as the Lua scripts' failure (engine-errors.ts).
      throw engineError(EngineFailure.INSUFFICIENT_POINTS, { cost: input.cost });
    }
    const entry = this.append(input, -input.cost);
    this.addBalance(entry.memberId, entry.delta, 0);
    return { applied: true, entry, balance: balance - input.cost };
  }
}
