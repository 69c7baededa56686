/**
 * MongoStore against the shared Store contract.
 *
 * With MONGODB_URI set (CI's services job), every contract test gets a fresh
 * database with a random name, dropped afterwards. Without it there is no
 * MongoDB to talk to, and a skipped suite would read as a failure in CI, so the
 * file runs one real check instead: the module loads, and init() against an
 * unreachable server rejects rather than hangs.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, expect, it } from 'vitest';
import { MongoStore } from '../../server/store/mongo-store.ts';
import { storeContract } from './store-contract.ts';

const uri = process.env.MONGODB_URI;

if (uri) {
  // One helper connection drops the per-test databases; each store keeps its own.
  let admin: Connection | null = null;
  const adminConnection = async () => (admin ??= await mongoose.createConnection(uri).asPromise());
  afterAll(async () => {
    await admin?.destroy();
  });

  storeContract('MongoStore', async () => {
    const dbName = `frontrow_test_${randomUUID().replaceAll('-', '')}`;
    const store = new MongoStore({ uri, dbName });
    await store.init();
    return {
      store,
      async cleanup() {
        await store.close();
        await (await adminConnection()).useDb(dbName, { useCache: false }).dropDatabase();
      },
    };
  });
} else {
  it('MongoStore loads, and init() rejects instead of hanging when MongoDB is unreachable (set MONGODB_URI for the contract)', async () => {
    // Port 1 refuses connections; server selection gives up after 500 ms.
    const store = new MongoStore({ uri: 'mongodb://127.0.0.1:1/x?serverSelectionTimeoutMS=500' });
    expect(store.kind).toBe('mongo');

    const outcome = await Promise.race([
      store.init().then(
        () => 'resolved' as const,
        (err: unknown) => err,
      ),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref()),
    ]);
    expect(outcome).not.toBe('hung');
    expect(outcome).not.toBe('resolved');
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).name).toBe('MongooseServerSelectionError');

    // A store whose init failed refuses work loudly too, and closes cleanly.
    await expect(store.memberById('m1')).rejects.toThrow(/init\(\)/);
    await store.close();
  });
}
