import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SqliteEngine } from '../../server/engine/sqlite/sqlite-engine.ts';
import { LEDGER_COLUMNS, ledgerEntryFromRow, openDatabase, type LedgerRow } from '../../server/sqlite/sqlite-database.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import { engineContract } from './engine-contract.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'frontrow-engine-'));

// The sink is the engine's own file: SqliteEngine commits ledger rows with the balances.
engineContract('SqliteEngine', async () => {
  const dir = await tempDir();
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

// Not in the contract: only the SQLite engine is shared by separate OS processes
// through one file (Promise.all in one process cannot interleave its synchronous
// transactions, so this is what proves IMMEDIATE + busy_timeout do their job).
describe('SqliteEngine across processes sharing one file', () => {
  const engineUrl = new URL('../../server/engine/sqlite/sqlite-engine.ts', import.meta.url).href;
  const child = `
    import { SqliteEngine } from ${JSON.stringify(engineUrl)};
    const engine = new SqliteEngine(process.env.FRONTROW_DIR);
    const tag = process.env.TAG;
    const out = { applied: 0, allowed: 0, spent: 0, credited: 0 };
    for (let i = 0; i < 40; i++) {
      if ((await engine.award({ key: 'k' + i, memberId: 'a', delta: 1, reason: 'watch', at: 0 })).applied) out.applied++;
      if ((await engine.hit('limit', tag + ':' + i, 10, 0, 0)).allowed) out.allowed++;
      out.credited += (await engine.accrueWatch('s', 'a', { nowMs: i * 1000, countable: true, capMs: 30000, idleAfterMs: 1e9 })).creditedMs;
      if (i < 10) {
        try { await engine.spend({ key: tag + ':' + i, memberId: 'b', cost: 7, reason: 'purchase', at: 0 }); out.spent++; }
        catch (err) { if (err.code !== 'INSUFFICIENT_POINTS') throw err; }
      }
    }
    await engine.close();
    console.log(JSON.stringify(out));`;

  it('four processes racing apply each key once and never overspend', async () => {
    const dir = await tempDir();
    const engine = new SqliteEngine(dir);
    try {
      await engine.award({ key: 'fund', memberId: 'b', delta: 100, reason: 'adjustment', at: 0 });
      const runs = await Promise.all(
        ['p1', 'p2', 'p3', 'p4'].map((tag) =>
          promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
            env: { ...process.env, FRONTROW_DIR: dir, TAG: tag },
          }),
        ),
      );
      const outs = runs.map((r) => JSON.parse(r.stdout.trim()) as { applied: number; allowed: number; spent: number; credited: number });
      const total = (k: keyof (typeof outs)[number]) => outs.reduce((n, o) => n + o[k], 0);
      expect(total('applied')).toBe(40);
      expect(await engine.balance('a')).toBe(40);
      expect(total('allowed')).toBe(10);
      expect(total('spent')).toBe(14);
      expect(await engine.balance('b')).toBe(2);
      expect(total('credited')).toBe(39_000);
      expect((await engine.watchState('s', 'a'))?.totalMs).toBe(39_000);
    } finally {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('state survives reopening the file, and the store reads the same ledger', async () => {
    const dir = await tempDir();
    try {
      const first = new SqliteEngine(dir);
      await first.award({ key: 'k1', memberId: 'a', delta: 12, reason: 'watch', streamId: 's', at: 0 });
      await first.close();
      const again = new SqliteEngine(dir);
      const store = new SqliteStore(dir);
      expect(await again.balance('a')).toBe(12);
      expect((await again.award({ key: 'k1', memberId: 'a', delta: 12, reason: 'watch', at: 0 })).applied).toBe(false);
      expect(await store.ledgerTotals('a')).toEqual({ sum: 12, count: 1 });
      await Promise.all([again.close(), store.close()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
