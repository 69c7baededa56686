/**
 * The insights at scale (issue 15): an embedded database with
 * INSIGHTS_MEMBERS members (100,000) and INSIGHTS_ENTRIES ledger entries
 * (10 million) over a year — watch, likes, comments, check-ins, purchases
 * across a hundred shows, with orders and each member's shows — then the
 * time each insight takes where the app computes it: a show's report (its
 * audience read and attributed in the insights worker); the insights
 * worker building its facts from the whole history (what a large history
 * does at boot); the KPIs and the member list from those facts, before and
 * after new activity; and the repurchase ranking (a pass in the worker). Figures go to docs/BENCHMARKS.md.
 *   INSIGHTS_MEMBERS=100000 INSIGHTS_ENTRIES=10000000 npx tsx bench/insights-scale.ts
 * (INSIGHTS_DIR=<dir> keeps the generated database there for the next run.)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { DEFAULT_RULES } from '../shared/rules.ts';
import { seededRandom } from '../server/domain/insights/history-generator.ts';
import { DATABASE_FILE, openDatabase } from '../server/sqlite/sqlite-database.ts';
import { InsightsWorker } from '../server/insights/insights-worker-client.ts';

const MEMBERS = Number(process.env.INSIGHTS_MEMBERS ?? 100_000);
const ENTRIES = Number(process.env.INSIGHTS_ENTRIES ?? 10_000_000);
const SHOWS = 100;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T12:00:00+08:00');
const START = NOW - 365 * DAY;
const REASONS = ['watch', 'watch', 'watch', 'like', 'like', 'comment', 'checkin', 'purchase'] as const;

// INSIGHTS_DIR: keep the generated database there and reuse it on the next run.
const keptDir = process.env.INSIGHTS_DIR;
const reuse = keptDir !== undefined && existsSync(join(keptDir, DATABASE_FILE));
const dir = keptDir ?? mkdtempSync(join(tmpdir(), 'frontrow-insights-scale-'));
mkdirSync(dir, { recursive: true });
const random = seededRandom(15);
const db = openDatabase(dir);
const started = performance.now();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

const showStart = (s: number) => START + Math.floor((s * 365 * DAY) / SHOWS);
if (reuse) console.log(`reusing the database in ${dir}`);
else generate();

function generate(): void {
  db.pragma('synchronous = OFF');
  const insertMember = db.prepare('INSERT INTO members (id, handle, display_name, external_id, password_hash, created_at) VALUES (?, NULL, ?, NULL, NULL, ?)');
  const insertStream = db.prepare("INSERT INTO streams (id, title, playback_url, status, created_at, started_at, ended_at) VALUES (?, ?, NULL, 'ended', ?, ?, ?)");
  const insertEntry = db.prepare('INSERT INTO ledger (id, key, member_id, delta, reason, stream_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertOrder = db.prepare('INSERT INTO orders (order_id, json, created_at) VALUES (?, ?, ?)');
  const insertShowMember = db.prepare(
    'INSERT OR IGNORE INTO show_members (stream_id, member_id, watch_ms, first_at, last_at, checkins, likes, comments) VALUES (?, ?, ?, ?, ?, 0, 1, 0)',
  );
  db.transaction(() => {
    for (let s = 0; s < SHOWS; s++) insertStream.run(`s${s}`, `Show ${s}`, showStart(s), showStart(s), showStart(s) + 2 * 3_600_000);
    for (let m = 0; m < MEMBERS; m++) insertMember.run(`m${m}`, `Member ${m}`, START - DAY + m);
  })();
  const perMember = Math.max(1, Math.floor(ENTRIES / MEMBERS));
  let n = 0;
  let orders = 0;
  const BATCH = 2_000;
  for (let m0 = 0; m0 < MEMBERS; m0 += BATCH) {
    db.transaction(() => {
      for (let m = m0; m < Math.min(MEMBERS, m0 + BATCH); m++) {
        const loyalty = random() ** 2;
        const shows = new Set<number>();
        for (let i = 0; i < perMember; i++) {
          const s = Math.floor(random() * SHOWS * (0.3 + 0.7 * loyalty));
          const at = showStart(s) + Math.floor(random() * 2 * 3_600_000);
          const reason = REASONS[Math.floor(random() * REASONS.length)]!;
          insertEntry.run(`e${n}`, `k${n}`, `m${m}`, reason === 'purchase' ? 50 : 2, reason, `s${s}`, at);
          n++;
          shows.add(s);
          if (reason === 'purchase') {
            insertOrder.run(`o${orders}`, JSON.stringify({ orderId: `o${orders}`, memberId: `m${m}`, amountCents: 50_000, currency: 'TWD', claimId: null, paidAt: at, points: 50, createdAt: at }), at);
            orders++;
          }
        }
        for (const s of shows) insertShowMember.run(`s${s}`, `m${m}`, 20 * 60_000, showStart(s), showStart(s) + 1_200_000);
      }
    })();
  }
  db.pragma('synchronous = FULL');
  console.log(`generated ${MEMBERS} members, ${n} ledger entries, ${orders} orders in ${seconds(started)} s`);
}

const worker = new InsightsWorker(dir);
const rules = { timezone: DEFAULT_RULES.timezone, tiers: DEFAULT_RULES.tiers, superFan: DEFAULT_RULES.superFan };
const time = async (label: string, run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  console.log(`${label}: ${seconds(t)} s`);
};
// The report's audience part, as ShowReportService asks it of the worker (the app adds drops and lotteries, read on its own).
const showReport = () =>
  worker.showReport({
    stream: { id: 's50', start: showStart(50), end: showStart(50) + 2 * 3_600_000 },
    rule: DEFAULT_RULES.attribution,
    drops: { claims: 0, paid: 0, revenueCents: 0 },
    lotteryEntries: 0,
    previous: null,
  });
const kpis = () => worker.kpis(rules, '2026-09-07', '2026-11-29', 'week');
const memberList = () => worker.members({ rules, now: NOW, filter: { segments: ['active'] }, sort: 'lastActive', offset: 0, limit: 50, csv: false });
const rss = () => process.memoryUsage().rss / 2 ** 20;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
await time('the insights worker started (a trivial request)', () => worker.repurchase(NOW, 1, []));
await time("a show's report, 34,567 members (worker), first", showReport);
await time("a show's report, again", showReport);
const rssBefore = rss();
await time('insights facts built from the whole history (worker, at boot)', () => worker.warm(rules.timezone));
console.log(`process RSS grew by ${(rss() - rssBefore).toFixed(0)} MiB while the worker built its facts`);
await time('KPIs, 12 weeks (worker)', kpis);
await time('KPIs, 12 weeks, again', kpis);
await time('member list, segment active (worker)', memberList);
await time('member list, again', memberList);
// A show's worth of new activity since the facts were built: the next answers fold it in first.
loopDelay.disable();
const LATE = 20_000;
const insertLate = db.prepare("INSERT INTO ledger (id, key, member_id, delta, reason, stream_id, at) VALUES (?, ?, ?, 2, 'like', 's99', ?)");
db.transaction(() => {
  for (let i = 0; i < LATE; i++) insertLate.run(`late${i}`, `late${i}`, `m${i % MEMBERS}`, NOW - 60_000 + i);
})();
const lateDelay = monitorEventLoopDelay({ resolution: 10 });
lateDelay.enable();
await time(`KPIs after ${LATE} new entries`, kpis);
await time(`member list after ${LATE} new entries`, memberList);
await time('repurchase ranking (worker)', () => worker.repurchase(NOW, 50));
lateDelay.disable();
db.prepare("DELETE FROM ledger WHERE id LIKE 'late%'").run();
const ms = (ns: number) => (ns / 1e6).toFixed(0);
console.log(`app event loop while the worker reported, built and answered: max delay ${ms(loopDelay.max)} ms, p99 ${ms(loopDelay.percentile(99))} ms`);
console.log(`app event loop while the worker folded new entries, answered and ranked: max delay ${ms(lateDelay.max)} ms, p99 ${ms(lateDelay.percentile(99))} ms`);
await worker.stop();
db.close();
if (!keptDir) rmSync(dir, { recursive: true, force: true });
