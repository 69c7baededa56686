import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEngine } from '../../server/engine/sqlite/sqlite-engine.ts';
import { SqlitePerksEngine } from '../../server/engine/sqlite/sqlite-perks-engine.ts';
import {
  CLAIM_COLUMNS,
  LEDGER_COLUMNS,
  claimFromRow,
  ledgerEntryFromRow,
  openDatabase,
  type ClaimRow,
  type LedgerRow,
} from '../../server/sqlite/sqlite-database.ts';
import type { LotteryEntry } from '../../shared/perks.ts';
import { perksEngineContract } from './perks-engine-contract.ts';

// The sink is the engines' own file: claims, entries and spends are committed in their transactions.
// It is read here with plain SQL, not through the engine, so the test sees what the store would.
perksEngineContract('SqlitePerksEngine', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'frontrow-perks-'));
  const db = openDatabase(dir);
  const engine = new SqliteEngine(db);
  const perks = new SqlitePerksEngine(db);
  await Promise.all([engine.init(), perks.init()]);
  const claims = db.prepare<[], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims`);
  const entries = db.prepare<[], LotteryEntry>('SELECT lottery_id AS lotteryId, member_id AS memberId, weight, at FROM lottery_entries');
  const ledger = db.prepare<[], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger`);
  return {
    perks,
    engine,
    sink: {
      claims: async () => claims.all().map(claimFromRow),
      lotteryEntries: async () => entries.all(),
      ledger: async () => ledger.all().map(ledgerEntryFromRow),
    },
    cleanup: async () => {
      await Promise.all([perks.close(), engine.close()]);
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
