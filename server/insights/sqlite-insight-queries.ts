/**
 * The insights' reads on the embedded database, for the insights worker
 * (its own read-only connection: the app's event loop never waits on them).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../sqlite/sqlite-database.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Rules } from '../../shared/rules.ts';
import type { OrderFact } from '../domain/insights/attribution.ts';
import { KpiSweep } from '../domain/insights/kpi-sweep.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import { summarize, type MemberRecordFacts, type ShowFact } from '../domain/insights/member-summary.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import type { MemberHistory } from './repurchase-ranking.ts';
import type { RedemptionStatus } from '../../shared/rewards.ts';
import { groupByMember, ledgerRuns } from './by-member.ts';

export function openReadOnly(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Every member with their orders and the shows they watched. */
export function memberHistories(db: Database.Database): MemberHistory[] {
  const byId = new Map<string, MemberHistory>();
  for (const m of db.prepare<[], { id: string; displayName: string }>('SELECT id, display_name AS displayName FROM members').all()) {
    byId.set(m.id, { memberId: m.id, displayName: m.displayName, orders: [], shows: [] });
  }
  const orders = db.prepare<[], { memberId: string; paidAt: number; cents: number }>(
    "SELECT json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.paidAt') AS paidAt, json_extract(json, '$.amountCents') AS cents FROM orders",
  );
  for (const o of orders.iterate()) byId.get(o.memberId)?.orders.push([o.paidAt, o.cents]);
  const shows = db.prepare<[], { memberId: string; firstAt: number; lastAt: number; n: number }>(
    'SELECT member_id AS memberId, first_at AS firstAt, last_at AS lastAt, checkins + likes + comments AS n FROM show_members WHERE watch_ms > 0',
  );
  for (const s of shows.iterate()) byId.get(s.memberId)?.shows.push([s.firstAt, s.lastAt, s.n]);
  return [...byId.values()];
}

const ORDERS =
  "SELECT order_id AS orderId, json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.amountCents') AS amountCents, json_extract(json, '$.paidAt') AS paidAt FROM orders";
/** The (member_id, at, id) index gives this order without a sort. */
const LEDGER_BY_MEMBER = 'SELECT id, key, member_id AS memberId, delta, reason, stream_id AS streamId, at FROM ledger ORDER BY member_id, at, id';

/**
 * The KPI rows in one pass over the ledger, member by member, with each
 * member's orders and redemptions; only the sweep's counters stay in memory.
 */
export function sweepKpis(db: Database.Database, rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): KpiRow[] {
  const orders = groupByMember(db.prepare<[], OrderFact>(ORDERS).iterate());
  const redemptions = groupByMember(
    db.prepare<[], { memberId: string; createdAt: number; status: RedemptionStatus }>('SELECT member_id AS memberId, created_at AS createdAt, status FROM redemptions').iterate(),
  );
  const sweep = new KpiSweep(rules, from, to, interval);
  const seen = new Set<string>();
  for (const [memberId, entries] of ledgerRuns(db.prepare<[], LedgerEntry>(LEDGER_BY_MEMBER).iterate())) {
    sweep.addMember(entries, orders.get(memberId) ?? [], redemptions.get(memberId) ?? []);
    seen.add(memberId);
  }
  // Buyers with no ledger entry at all are active through their orders.
  for (const [memberId, list] of orders) if (!seen.has(memberId)) sweep.addMember([], list, redemptions.get(memberId) ?? []);
  return sweep.rows();
}

/** Every member's summary at `now` (domain/insights/member-summary.ts), in one pass over the ledger in member order. */
export function memberSummaries(db: Database.Database, rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): MemberSummary[] {
  const members = db.prepare<[], MemberRecordFacts>('SELECT id AS memberId, display_name AS displayName, created_at AS createdAt FROM members').all();
  const orders = groupByMember(db.prepare<[], OrderFact>(ORDERS).iterate());
  const shows = groupByMember(
    db
      .prepare<[], ShowFact & { memberId: string }>('SELECT member_id AS memberId, first_at AS firstAt, checkins + likes + comments AS interactions FROM show_members WHERE watch_ms > 0')
      .iterate(),
  );
  const summary = (m: MemberRecordFacts, entries: LedgerEntry[]) => summarize(m, entries, orders.get(m.memberId) ?? [], shows.get(m.memberId) ?? [], rules, now);
  const byId = new Map(members.map((m) => [m.memberId, m]));
  // One member's entries at a time: summarised, then let go.
  const summaries = new Map<string, MemberSummary>();
  for (const [memberId, entries] of ledgerRuns(db.prepare<[], LedgerEntry>(LEDGER_BY_MEMBER).iterate())) {
    const member = byId.get(memberId);
    if (member) summaries.set(memberId, summary(member, entries));
  }
  return members.map((m) => summaries.get(m.memberId) ?? summary(m, []));
}
