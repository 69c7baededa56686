/**
 * The insights' facts on a real SQLite file (issue 15): SqliteInsightFeed
 * builds them from the file, follows what is added after (ledger and orders
 * by rowid), rebuilds them when the rules' time zone changes, and reads the
 * last 90 days' shows in SQL. Every answer must equal the references
 * (kpis.ts kpiRows, member-summary.ts summarize) over the rows the test
 * wrote, at each of those steps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/domain/insights/history-generator.ts';
import { kpiRows } from '../../server/domain/insights/kpis.ts';
import { summarize } from '../../server/domain/insights/member-summary.ts';
import { SqliteInsightFeed } from '../../server/insights/sqlite-insight-feed.ts';
import { openDatabase } from '../../server/sqlite/sqlite-database.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T20:00:00+08:00');
const RULES: Rules = {
  ...DEFAULT_RULES,
  timezone: 'Asia/Taipei',
  tiers: [
    { id: 'bronze', name: 'Bronze', minPoints: 0, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 1 },
    { id: 'silver', name: 'Silver', minPoints: 40, multiplier: 1, earlyAccessSeconds: 0, lotteryWeight: 2 },
  ],
  superFan: { days: 14, minActiveDays: 3 },
};
const REASONS = ['watch', 'like', 'comment', 'checkin', 'purchase', 'reward', 'expiry', 'birthday'] as const;
const MEMBERS = 30;

describe('insights facts on an SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-insight-feed-'));
  const db = openDatabase(dir);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const random = seededRandom(7);
  const ledger: LedgerEntry[] = [];
  const orders: Array<{ orderId: string; memberId: string; amountCents: number; paidAt: number }> = [];
  const redemptions: Array<{ memberId: string; createdAt: number; status: 'fulfilled' | 'rejected' }> = [];
  const shows: Array<{ memberId: string; firstAt: number; interactions: number; watchMs: number }> = [];
  const insertEntry = db.prepare('INSERT INTO ledger (id, key, member_id, delta, reason, stream_id, at) VALUES (?, ?, ?, ?, ?, NULL, ?)');
  const insertOrder = db.prepare('INSERT INTO orders (order_id, json, created_at) VALUES (?, ?, ?)');
  const insertRedemption = db.prepare("INSERT INTO redemptions (id, reward_id, member_id, request_id, status, json, created_at) VALUES (?, 'r', ?, ?, ?, '{}', ?)");
  const insertShow = db.prepare('INSERT INTO show_members (stream_id, member_id, watch_ms, first_at, last_at, checkins, likes, comments) VALUES (?, ?, ?, ?, ?, 0, ?, 0)');
  const memberIds = Array.from({ length: MEMBERS }, (_, m) => `m${m}`);
  db.transaction(() => {
    memberIds.forEach((id, m) => db.prepare('INSERT INTO members (id, display_name, created_at) VALUES (?, ?, ?)').run(id, `Member ${m}`, NOW - (400 - m) * DAY));
  })();

  /** `count` more entries (and some orders, redemptions, shows) between `from` and `to`, written to the file and kept for the reference. */
  const write = (count: number, from: number, to: number) =>
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const memberId = memberIds[Math.floor(random() ** 2 * MEMBERS)]!;
        const at = Math.floor(from + random() * (to - from));
        const reason = REASONS[Math.floor(random() * REASONS.length)]!;
        const delta = reason === 'reward' || reason === 'expiry' ? -5 : 1 + Math.floor(random() * 9);
        const n = ledger.length;
        ledger.push({ id: `e${n}`, key: `k${n}`, memberId, delta, reason, streamId: null, at });
        insertEntry.run(`e${n}`, `k${n}`, memberId, delta, reason, at);
        if (reason === 'purchase') {
          const order = { orderId: `o${orders.length}`, memberId, amountCents: 1_000 + Math.floor(random() * 9_000), paidAt: at };
          orders.push(order);
          insertOrder.run(order.orderId, JSON.stringify({ ...order, currency: 'TWD', claimId: null, points: delta, createdAt: at }), at);
        }
        if (reason === 'reward') {
          const status = random() < 0.3 ? 'rejected' : 'fulfilled';
          redemptions.push({ memberId, createdAt: at, status });
          insertRedemption.run(`x${n}`, memberId, `q${n}`, status, at);
        }
        if (reason === 'watch' && random() < 0.5) {
          const show = { memberId, firstAt: at, interactions: Math.floor(random() * 4), watchMs: random() < 0.2 ? 0 : 600_000 };
          shows.push(show);
          insertShow.run(`s${n}`, memberId, show.watchMs, at, at + 600_000, show.interactions);
        }
      }
    })();

  const expectedKpis = (rules: Rules) => kpiRows({ ledger, orders, redemptions }, rules, '2026-09-01', '2026-11-30', 'week');
  const expectedSummaries = (rules: Rules, now: number) =>
    memberIds.map((memberId, m) =>
      summarize(
        { memberId, displayName: `Member ${m}`, createdAt: NOW - (400 - m) * DAY },
        ledger.filter((e) => e.memberId === memberId),
        orders.filter((o) => o.memberId === memberId),
        shows.filter((s) => s.memberId === memberId && s.watchMs > 0),
        rules,
        now,
      ),
    );
  const byId = <T extends { memberId: string }>(rows: T[]) => [...rows].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));

  it('builds, follows new rows, and rebuilds for another time zone, equal to the references at each step', () => {
    const feed = new SqliteInsightFeed(db);
    write(1_500, NOW - 420 * DAY, NOW - 30 * DAY);
    expect(feed.kpis(RULES, '2026-09-01', '2026-11-30', 'week')).toEqual(expectedKpis(RULES));
    expect(byId(feed.summaries(RULES, NOW))).toEqual(byId(expectedSummaries(RULES, NOW)));

    // The last month happens after the facts were built.
    write(800, NOW - 30 * DAY, NOW);
    const rows = feed.kpis(RULES, '2026-09-01', '2026-11-30', 'week');
    expect(rows).toEqual(expectedKpis(RULES));
    expect(rows.find((r) => r.from === '2026-11-23')!.activeMembers).toBeGreaterThan(0);
    expect(byId(feed.summaries(RULES, NOW))).toEqual(byId(expectedSummaries(RULES, NOW)));

    const newYork = { ...RULES, timezone: 'America/New_York' };
    expect(feed.kpis(newYork, '2026-09-01', '2026-11-30', 'week')).toEqual(expectedKpis(newYork));
    expect(byId(feed.summaries(newYork, NOW + 3 * DAY))).toEqual(byId(expectedSummaries(newYork, NOW + 3 * DAY)));
  });

  it('builds a page at a time when warmed, and a request in the middle finishes the build', async () => {
    const feed = new SqliteInsightFeed(db, 100);
    let warmed = false;
    const warming = feed.warm(RULES.timezone).then(() => (warmed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(warmed).toBe(false);
    // Part-way through the pages: this answer must fold in the rest first.
    expect(feed.kpis(RULES, '2026-09-01', '2026-11-30', 'week')).toEqual(expectedKpis(RULES));
    await warming;
    write(200, NOW - 5 * DAY, NOW);
    expect(feed.kpis(RULES, '2026-09-01', '2026-11-30', 'week')).toEqual(expectedKpis(RULES));
  });
});
