/** ShowFactRecords on SQLite (tables show_members, show_viewers, show_peaks, migration 16): one transaction per batch. */
import type { OrderFact, ShowWatch } from '../domain/insights/attribution.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import { memberHistories } from '../insights/sqlite-insight-queries.ts';
import { SqliteInsightFeed } from '../insights/sqlite-insight-feed.ts';
import type { MemberSummary } from '../domain/insights/segments.ts';
import type { KpiRow } from '../../shared/insights.ts';
import type { Rules } from '../../shared/rules.ts';
import type { KpiInterval } from '../domain/insights/kpis.ts';
import type { MemberHistory } from '../insights/repurchase-ranking.ts';
import type { ShowAudience, ShowFactRecords, ShowFactsBatch, ShowMemberRow } from './show-fact-records.ts';

const MEMBER_COLUMNS = 'member_id AS memberId, stream_id AS streamId, watch_ms AS watchMs, first_at AS firstAt, last_at AS lastAt, checkins, likes, comments';
/** Enough ids per IN (…) to stay far below SQLite's variable limit. */
const CHUNK = 500;

function prepare(db: SqliteDatabase) {
  return {
    member: db.prepare<[ShowMemberRow]>(
      `INSERT INTO show_members (stream_id, member_id, watch_ms, first_at, last_at, checkins, likes, comments)
       VALUES (@streamId, @memberId, @watchMs, @firstAt, @lastAt, @checkins, @likes, @comments)
       ON CONFLICT (stream_id, member_id) DO UPDATE SET
         watch_ms = max(watch_ms, excluded.watch_ms), first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
         checkins = checkins + excluded.checkins, likes = likes + excluded.likes, comments = comments + excluded.comments`,
    ),
    viewer: db.prepare<[{ streamId: string; viewerKey: string; memberId: string | null; guest: number; at: number }]>(
      `INSERT INTO show_viewers (stream_id, viewer_key, member_id, guest, first_at) VALUES (@streamId, @viewerKey, @memberId, @guest, @at)
       ON CONFLICT DO NOTHING`,
    ),
    convert: db.prepare<[{ streamId: string; viewerKey: string; at: number }]>(
      'UPDATE show_viewers SET converted_at = coalesce(converted_at, @at) WHERE stream_id = @streamId AND viewer_key = @viewerKey AND guest = 1',
    ),
    peak: db.prepare<[string, number]>('INSERT INTO show_peaks (stream_id, peak) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET peak = max(peak, excluded.peak)'),
    audience: db.prepare<[{ streamId: string; from: number; to: number }], Omit<ShowAudience, 'peak'>>(
      `SELECT count(DISTINCT v.member_id) + coalesce(sum(v.guest AND v.converted_at IS NULL), 0) AS viewers,
              count(DISTINCT v.member_id) AS members,
              coalesce(sum(v.guest), 0) AS guests,
              coalesce(sum(v.guest AND v.converted_at IS NOT NULL), 0) AS guestsConverted,
              count(DISTINCT CASE WHEN m.created_at >= @from AND m.created_at < @to THEN v.member_id END) AS newMembers
       FROM show_viewers v LEFT JOIN members m ON m.id = v.member_id WHERE v.stream_id = @streamId`,
    ),
    peakOf: db.prepare<[string], { peak: number }>('SELECT peak FROM show_peaks WHERE stream_id = ?'),
    members: db.prepare<[string], ShowMemberRow>(`SELECT ${MEMBER_COLUMNS} FROM show_members WHERE stream_id = ?`),
  };
}

export class SqliteShowFactRecords implements ShowFactRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepare(db);
  }

  async recordShowFacts(batch: ShowFactsBatch): Promise<void> {
    this.db.transaction(() => {
      for (const m of batch.members) this.q.member.run(m);
      for (const v of batch.viewers) this.q.viewer.run({ ...v, guest: v.memberId === null ? 1 : 0 });
      for (const c of batch.conversions) {
        this.q.convert.run(c);
        this.q.viewer.run({ streamId: c.streamId, viewerKey: `m:${c.memberId}`, memberId: c.memberId, guest: 0, at: c.at });
      }
      for (const p of batch.peaks) this.q.peak.run(p.streamId, p.viewers);
    }).immediate();
  }

  async showAudience(streamId: string, newFrom: number, newTo: number): Promise<ShowAudience> {
    const row = this.q.audience.get({ streamId, from: newFrom, to: newTo })!;
    return { ...row, peak: this.q.peakOf.get(streamId)?.peak ?? 0 };
  }

  async showMembers(streamId: string): Promise<ShowMemberRow[]> {
    return this.q.members.all(streamId);
  }

  async watchesOf(memberIds: string[], from: number, to: number): Promise<ShowWatch[]> {
    return this.inChunks(memberIds, (ids) =>
      this.db
        .prepare<unknown[], ShowWatch>(
          `SELECT member_id AS memberId, stream_id AS streamId, watch_ms AS watchMs, first_at AS firstAt, last_at AS lastAt
           FROM show_members WHERE member_id IN (${ids.map(() => '?').join(',')}) AND first_at >= ? AND first_at <= ?`,
        )
        .all(...ids, from, to),
    );
  }

  async ordersOf(memberIds: string[], from: number, to: number): Promise<OrderFact[]> {
    return this.inChunks(memberIds, (ids) =>
      this.db
        .prepare<unknown[], OrderFact>(
          `SELECT order_id AS orderId, json_extract(json, '$.memberId') AS memberId, json_extract(json, '$.amountCents') AS amountCents,
                  json_extract(json, '$.paidAt') AS paidAt
           FROM orders WHERE json_extract(json, '$.memberId') IN (${ids.map(() => '?').join(',')})
             AND json_extract(json, '$.paidAt') >= ? AND json_extract(json, '$.paidAt') <= ?`,
        )
        .all(...ids, from, to),
    );
  }

  async memberHistories(): Promise<MemberHistory[]> {
    return memberHistories(this.db);
  }

  async kpiRows(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, from: string, to: string, interval: KpiInterval): Promise<KpiRow[]> {
    return new SqliteInsightFeed(this.db).kpis(rules, from, to, interval);
  }

  async memberSummaries(rules: Pick<Rules, 'timezone' | 'tiers' | 'superFan'>, now: number): Promise<MemberSummary[]> {
    return new SqliteInsightFeed(this.db).summaries(rules, now);
  }

  async ledgerSize(): Promise<number> {
    // Append-only, so the last rowid is the count without counting.
    return (this.db.prepare('SELECT MAX(rowid) AS n FROM ledger').get() as { n: number | null }).n ?? 0;
  }

  private inChunks<T>(ids: string[], read: (chunk: string[]) => T[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...read(ids.slice(i, i + CHUNK)));
    return out;
  }
}
