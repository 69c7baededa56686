/**
 * The scale bench at a size CI can run (issue 10): `bench/live-room.bench.ts`
 * as a child process with BENCH_PARTS=storecost,scale — each engine alone
 * for 200 members, then 200 members, 1 s phases and an 8 s soak, bare
 * Socket.IO then both modes (Redis: a private redis-server the bench starts
 * itself). It must run every phase, sell exactly the drop's stock, lose no
 * socket, end with every member's balance equal to the awards acked, weigh
 * the viewer room as served, and count the awards the store-cost part made. The figures themselves are not asserted (no timing in tests):
 * this proves the bench measures what the goals table says it does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalRow } from '../../bench/scale-report.ts';
import type { ScaleResult } from '../../bench/scale-run.ts';
import type { StoreCostResult } from '../../bench/store-cost.ts';
import { REPO_ROOT } from '../support/server-process.ts';

const MEMBERS = 200;
const STOCK = 20;
const LOAD_PHASES = ['join', 'heartbeats', 'likes', 'comments', 'drop storm'];

interface BenchResult {
  runs: ScaleResult[];
  goals: GoalRow[];
  storeCosts: StoreCostResult[];
}

function runBench(resultPath: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/live-room.bench.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      BENCH_PARTS: 'storecost,scale',
      BENCH_STORE_MEMBERS: String(MEMBERS),
      BENCH_MODES: 'embedded,redis',
      BENCH_WRITE_DOCS: '0',
      BENCH_SCALE_MEMBERS: String(MEMBERS),
      BENCH_SCALE_PHASE_SECONDS: '1',
      BENCH_SOAK_SECONDS: '8',
      BENCH_SCALE_DROP: String(STOCK),
      BENCH_SCALE_COMMENTERS: '20',
      BENCH_RESULT_JSON: resultPath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const fence = setTimeout(() => child.kill('SIGKILL'), 280_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(fence);
      resolve({ code, output });
    });
  });
}

describe('npm run bench, scale part, at CI size', () => {
  let dir: string;
  let result: BenchResult;
  let runs: Map<string, ScaleResult>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'front-row-bench-smoke-'));
    const path = join(dir, 'result.json');
    const { code, output } = await runBench(path);
    expect(code, output).toBe(0);
    result = JSON.parse(readFileSync(path, 'utf8')) as BenchResult;
    runs = new Map(result.runs.map((r) => [r.target, r]));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bare baseline, then both modes, with every member joined and no socket lost', () => {
    expect(result.runs.map((r) => r.target)).toEqual(['bare', 'embedded', 'redis']);
    for (const r of result.runs) {
      expect(r.connected, r.target).toBe(MEMBERS);
      expect(r.phases.map((p) => p.name).slice(0, LOAD_PHASES.length), r.target).toEqual(LOAD_PHASES);
      for (const p of r.phases) expect(p.lost, `${r.target} ${p.name}`).toBe(0);
    }
    const bare = runs.get('bare')!;
    expect(bare.phases.find((p) => p.name === 'heartbeats')!.acks).toBeGreaterThan(MEMBERS);
    expect(bare.phases.find((p) => p.name === 'comments')!.deliveries).toBeGreaterThan(0);
    expect(bare.soak).toBeNull();
  });

  it('takes the award path in the closed loops, never refused by a budget, and counts comment deliveries at the receivers', () => {
    for (const mode of ['embedded', 'redis']) {
      const r = runs.get(mode)!;
      // Whether a beat awards depends on how much watch time a 1 s phase gathers (speed); that none is refused does not.
      const beats = r.phases.find((p) => p.name === 'heartbeats')!;
      expect(beats.acks, mode).toBeGreaterThanOrEqual(MEMBERS);
      expect(Object.keys(beats.outcomes).filter((k) => !k.startsWith('ok')), mode).toEqual([]);
      const likes = r.phases.find((p) => p.name === 'likes')!;
      expect(likes.acks, mode).toBeGreaterThanOrEqual(MEMBERS);
      expect(likes.outcomes, mode).toEqual({ 'ok: awarded': likes.acks });
      const comments = r.phases.find((p) => p.name === 'comments')!;
      // Every comment let through reaches every member in the room.
      expect(comments.deliveries, mode).toBe(comments.acks * MEMBERS);
    }
  });

  it('sells exactly the stock in the drop storm, read back from the server', () => {
    for (const mode of ['embedded', 'redis']) {
      const r = runs.get(mode)!;
      const storm = r.phases.find((p) => p.name === 'drop storm')!;
      expect(r.drop, mode).toMatchObject({ stock: STOCK, okAcks: STOCK, soldByServer: STOCK, exact: true });
      expect(storm.outcomes, mode).toEqual({ ok: STOCK, SOLD_OUT: MEMBERS - STOCK });
    }
  });

  it('soaks with a drop and a lottery and ends with every balance equal to the awards acked', () => {
    for (const mode of ['embedded', 'redis']) {
      const soak = runs.get(mode)!.soak!;
      expect(soak, mode).not.toBeNull();
      expect(runs.get(mode)!.phases.find((p) => p.name === 'soak')!.lost, mode).toBe(0);
      expect(soak.audit, mode).toMatchObject({ members: MEMBERS, exact: MEMBERS, wrong: 0, unsure: 0 });
      expect(soak.audit.serverPoints, mode).toBe(soak.audit.ackedPoints);
      expect(soak.audit.serverPoints, mode).toBeGreaterThan(0);
      expect(soak.drop?.sold, mode).toBe(soak.drop?.stock);
      expect(soak.lottery?.winners, mode).toBe(3);
      expect(soak.rss.length, mode).toBeGreaterThanOrEqual(5);
    }
  });

  it('weighs the viewer room as each mode serves it: compressed, and the same in both modes', () => {
    const [embedded, redis] = [runs.get('embedded')!.viewerRoom!, runs.get('redis')!.viewerRoom!];
    expect(embedded).not.toBeNull();
    expect(embedded.files).toBeGreaterThan(2); // the page, its script(s) and stylesheet(s)
    expect(embedded.wireBytes).toBeLessThan(embedded.rawBytes / 2);
    expect(redis).toEqual(embedded);
    expect(runs.get('bare')!.viewerRoom).toBeNull();
  });

  it('runs each engine alone through both award paths and counts the awards they made', () => {
    expect(result.storeCosts.map((r) => r.mode)).toEqual(['embedded', 'redis']);
    for (const r of result.storeCosts) {
      const [beats, likes] = r.paths;
      // 6 beats a second apart: the first starts the clock, each of the other 5 pays one award; every paid like pays.
      expect(beats, r.mode).toMatchObject({ path: 'heartbeat', calls: MEMBERS * 6, awards: MEMBERS * 5 });
      expect(likes, r.mode).toMatchObject({ path: 'like', calls: MEMBERS * 4, awards: MEMBERS * 4 });
      for (const p of r.paths) {
        expect(p.microsPerCall, `${r.mode} ${p.path}`).toBeGreaterThan(0);
        if (r.mode === 'redis') expect(p.redisMicrosPerCall, p.path).toBeGreaterThan(0);
        else expect(p.redisMicrosPerCall, p.path).toBeNull();
      }
    }
    const statements = result.storeCosts[0]!.statements.map((st) => st.sql);
    expect(statements.some((sql) => sql.startsWith('INSERT INTO ledger'))).toBe(true);
  });

  it('writes the goals table with a verdict for every goal', () => {
    expect(result.goals.map((g) => g.measure)).toContain('sockets lost under any phase');
    const lost = result.goals.find((g) => g.measure === 'sockets lost under any phase')!;
    expect(lost.verdict).toBe('met');
    for (const g of result.goals) {
      expect(g.modes.map((m) => m.mode)).toEqual(['embedded', 'redis']);
      expect(['met', 'not met', 'n/a']).toContain(g.verdict);
    }
  });
});
