import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEngine } from '../../server/engine/sqlite/sqlite-engine.ts';
import { SqliteRewardsEngine } from '../../server/engine/sqlite/sqlite-rewards-engine.ts';
import { LEDGER_COLUMNS, ledgerEntryFromRow, openDatabase, type LedgerRow } from '../../server/sqlite/sqlite-database.ts';
import { rewardsEngineContract } from './rewards-engine-contract.ts';

rewardsEngineContract('SqliteRewardsEngine', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'frontrow-rewards-'));
  const db = openDatabase(dir);
  const engine = new SqliteEngine(db);
  await engine.init();
  const ledger = db.prepare<[], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger`);
  const rewards = new SqliteRewardsEngine(db);
  return {
    rewards,
    // The engine's redemptions table is the store's: the same file.
    durable: (memberId) => rewards.redemptionsOfMember(memberId, 1000),
    engine,
    ledger: async () => ledger.all().map(ledgerEntryFromRow),
    cleanup: async () => {
      await engine.close();
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
