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

/**
 * The KPI rows in one pass over the ledger, member by member (its
 * (member_id, at, id) index gives that order), with each member's orders
 * and redemptions; only the sweep's counters stay in memory.
 */
export function sweepKpis(db: Database.Database, rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): KpiRow[] {
  const orders = new Map<string, OrderFact[]>();
  const ordersQuery = db.prepare<[], OrderFact>(
    "SELECT order_id AS orderId, json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.amountCents') AS amountCents, json_extract(json, '$.paidAt') AS paidAt FROM orders",
  );
  for (const o of ordersQuery.iterate()) (orders.get(o.memberId) ?? orders.set(o.memberId, []).get(o.memberId)!).push(o);
  const redemptions = new Map<string, Array<{ createdAt: number; status: 'pending' | 'fulfilled' | 'rejected' }>>();
  const redemptionsQuery = db.prepare<[], { memberId: string; createdAt: number; status: 'pending' | 'fulfilled' | 'rejected' }>(
    'SELECT member_id AS memberId, created_at AS createdAt, status FROM redemptions',
  );
  for (const r of redemptionsQuery.iterate()) (redemptions.get(r.memberId) ?? redemptions.set(r.memberId, []).get(r.memberId)!).push(r);
  const sweep = new KpiSweep(rules, from, to, interval);
  const seen = new Set<string>();
  let member: string | null = null;
  let entries: LedgerEntry[] = [];
  const flush = () => {
    if (member === null) return;
    sweep.addMember(entries, orders.get(member) ?? [], redemptions.get(member) ?? []);
    seen.add(member);
  };
  const ledger = db.prepare<[], LedgerEntry>('SELECT id, key, member_id AS memberId, delta, reason, stream_id AS streamId, at FROM ledger ORDER BY member_id, at, id');
  for (const e of ledger.iterate()) {
    if (e.memberId !== member) {
      flush();
      member = e.memberId;
      entries = [];
    }
    entries.push(e);
  }
  flush();
  // Buyers with no ledger entry at all are active through their orders.
  for (const [memberId, list] of orders) if (!seen.has(memberId)) sweep.addMember([], list, redemptions.get(memberId) ?? []);
  return sweep.rows();
}

/** Every member's summary at `now` (domain/insights/member-summary.ts), in one pass over the ledger in member order. */
export function memberSummaries(db: Database.Database, rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): MemberSummary[] {
  const members = db.prepare<[], MemberRecordFacts>('SELECT id AS memberId, display_name AS displayName, created_at AS createdAt FROM members').all();
  const orders = new Map<string, OrderFact[]>();
  const ordersQuery = db.prepare<[], OrderFact>(
    "SELECT order_id AS orderId, json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.amountCents') AS amountCents, json_extract(json, '$.paidAt') AS paidAt FROM orders",
  );
  for (const o of ordersQuery.iterate()) (orders.get(o.memberId) ?? orders.set(o.memberId, []).get(o.memberId)!).push(o);
  const shows = new Map<string, ShowFact[]>();
  const showsQuery = db.prepare<[], { memberId: string; firstAt: number; interactions: number }>(
    'SELECT member_id AS memberId, first_at AS firstAt, checkins + likes + comments AS interactions FROM show_members WHERE watch_ms > 0',
  );
  for (const x of showsQuery.iterate()) (shows.get(x.memberId) ?? shows.set(x.memberId, []).get(x.memberId)!).push(x);
  let current: string | null = null;
  let list: LedgerEntry[] = [];
  const ledger = db.prepare<[], LedgerEntry>('SELECT id, key, member_id AS memberId, delta, reason, stream_id AS streamId, at FROM ledger ORDER BY member_id, at, id');
  const summaries = new Map<string, MemberSummary>();
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const done = () => {
    const m = current === null ? undefined : byId.get(current);
    if (m) summaries.set(m.memberId, summarize(m, list, orders.get(m.memberId) ?? [], shows.get(m.memberId) ?? [], rules, now));
  };
  for (const e of ledger.iterate()) {
    if (e.memberId !== current) {
      done();
      current = e.memberId;
      list = [];
    }
    list.push(e);
  }
  done();
  return members.map((m) => summaries.get(m.memberId) ?? summarize(m, [], orders.get(m.memberId) ?? [], shows.get(m.memberId) ?? [], rules, now));
}
