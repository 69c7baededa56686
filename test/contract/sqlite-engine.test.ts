import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEngine } from '../../server/engine/sqlite-engine.ts';
import { LEDGER_COLUMNS, ledgerEntryFromRow, openDatabase, type LedgerRow } from '../../server/store/sqlite-database.ts';
import { engineContract } from './engine-contract.ts';

// The sink is the engine's own file: SqliteEngine commits ledger rows with the balances.
engineContract('SqliteEngine', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'frontrow-engine-'));
  const db = openDatabase(dir);
  const engine = new SqliteEngine(db);
  await engine.init();
  const entries = db.prepare<[], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger`);
  return {
    engine,
    sink: { entries: async () => entries.all().map(ledgerEntryFromRow) },
    cleanup: async () => {
      await engine.close();
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
