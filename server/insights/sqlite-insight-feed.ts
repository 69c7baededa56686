/**
 * The insights' facts for an SQLite file (issue 15): built once from the
 * whole history, then brought up to date before each answer by reading only
 * what was added since. The ledger and the orders are append-only (an
 * erasure removes the member record, not their pseudonymous entries), so
 * their rowids are a cursor (the app never VACUUMs, which could renumber
 * them; the facts are rebuilt whenever the worker starts). What changes in
 * place is read per answer, each bounded: the redemptions (their status
 * moves), the member records (names change, erasures remove them) and the
 * last 90 days' shows (aggregated in SQL through show_members_recent,
 * migration 19).
 */
import type Database from 'better-sqlite3';
import type { KpiRow } from '../../shared/insights.ts';
import type { LedgerReason } from '../../shared/models.ts';
import type { RedemptionStatus } from '../../shared/rewards.ts';
import { InsightFacts, type InsightRules, type RecentShows } from '../domain/insights/insight-facts.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberRecordFacts } from '../domain/insights/member-summary.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';

const PAGE = 50_000;
const DAYS_90 = 90 * 86_400_000;

function prepare(db: Database.Database) {
  return {
    ledgerAfter: db
      .prepare<[number, number], [number, string, number, LedgerReason, number]>('SELECT rowid, member_id, delta, reason, at FROM ledger WHERE rowid > ? ORDER BY rowid LIMIT ?')
      .raw(),
    ordersAfter: db
      .prepare<[number, number], [number, string, number, number]>(
        "SELECT rowid, json_extract(json, '$.memberId'), json_extract(json, '$.paidAt'), json_extract(json, '$.amountCents') FROM orders WHERE rowid > ? ORDER BY rowid LIMIT ?",
      )
      .raw(),
    redemptions: db.prepare<[], { memberId: string; createdAt: number; status: RedemptionStatus }>(
      'SELECT member_id AS memberId, created_at AS createdAt, status FROM redemptions',
    ),
    members: db.prepare<[], MemberRecordFacts>('SELECT id AS memberId, display_name AS displayName, created_at AS createdAt FROM members'),
    recentShows: db
      .prepare<[number, number], [string, number, number]>(
        `SELECT member_id, COUNT(*), SUM(checkins + likes + comments) FROM show_members INDEXED BY show_members_recent
         WHERE first_at >= ? AND first_at <= ? AND watch_ms > 0 GROUP BY member_id`,
      )
      .raw(),
  };
}

export class SqliteInsightFeed {
  private readonly q: ReturnType<typeof prepare>;
  private facts: InsightFacts | null = null;
  private ledgerSeen = 0;
  private ordersSeen = 0;
  private warming = false;

  constructor(
    db: Database.Database,
    private readonly pageSize = PAGE,
  ) {
    this.q = prepare(db);
  }

  /** The facts in `timeZone`, up to date: built on first use, rebuilt if the rules' time zone changed. */
  current(timeZone: string): InsightFacts {
    const facts = this.factsIn(timeZone);
    this.catchUp();
    return facts;
  }

  /**
   * Builds the facts a page at a time, letting the worker answer other
   * requests between pages (a show's report need not wait for a large
   * history); a request that needs the facts meanwhile finishes the build.
   */
  async warm(timeZone: string): Promise<void> {
    this.factsIn(timeZone);
    this.warming = true;
    try {
      while (this.followPage()) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      this.warming = false;
    }
  }

  /** The worker's timer between answers: catches up, unless a build is under way a page at a time. */
  follow(): void {
    if (!this.warming) this.catchUp();
  }

  /** Folds in what was added since the last call (nothing to do before the first build). */
  catchUp(): void {
    while (this.followPage());
  }

  private factsIn(timeZone: string): InsightFacts {
    if (this.facts?.timeZone !== timeZone) {
      this.facts = new InsightFacts(timeZone);
      this.ledgerSeen = 0;
      this.ordersSeen = 0;
    }
    return this.facts;
  }

  /** One page of new ledger rows, or else of new orders, folded in; false when there was none. */
  private followPage(): boolean {
    const facts = this.facts;
    if (!facts) return false;
    const entries = this.q.ledgerAfter.all(this.ledgerSeen, this.pageSize);
    for (const [, memberId, delta, reason, at] of entries) facts.addEntry({ memberId, delta, reason, at });
    if (entries.length > 0) {
      this.ledgerSeen = entries[entries.length - 1]![0];
      return true;
    }
    const orders = this.q.ordersAfter.all(this.ordersSeen, this.pageSize);
    for (const [, memberId, paidAt, amountCents] of orders) facts.addOrder({ memberId, paidAt, amountCents });
    if (orders.length > 0) this.ordersSeen = orders[orders.length - 1]![0];
    return orders.length > 0;
  }

  kpis(rules: InsightRules, from: string, to: string, interval: KpiInterval): KpiRow[] {
    return this.current(rules.timezone).kpis(rules, from, to, interval, this.q.redemptions.all());
  }

  summaries(rules: InsightRules, now: number): MemberSummary[] {
    const facts = this.current(rules.timezone);
    const shows = new Map<string, RecentShows>();
    for (const [memberId, count, interactions] of this.q.recentShows.all(now - DAYS_90, now)) shows.set(memberId, { shows: count, interactions });
    return facts.summaries(this.q.members.all(), (id) => shows.get(id), rules, now);
  }
}
