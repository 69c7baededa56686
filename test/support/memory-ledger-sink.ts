/**
 * A LedgerSink kept in memory: a Map by idempotency key, so it honours the
 * port's "existing keys are left untouched" exactly. A real implementation of
 * the port for engine tests, not a mock.
 */
import type { LedgerSink } from '../../server/engine/engine.ts';
import type { LedgerEntry } from '../../shared/models.ts';

export class MemoryLedgerSink implements LedgerSink {
  readonly byKey = new Map<string, LedgerEntry>();
  /** Number of appendLedger calls that carried entries (copies may repeat; keys may not). */
  calls = 0;

  async appendLedger(entries: LedgerEntry[]): Promise<void> {
    this.calls++;
    for (const e of entries) if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
  }

  async entries(): Promise<LedgerEntry[]> {
    return [...this.byKey.values()];
  }
}
