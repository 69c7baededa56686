import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

storeContract('SqliteStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'frontrow-store-'));
  const store = new SqliteStore(dir);
  await store.init();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
