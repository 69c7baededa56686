/** SegmentRecords on SQLite (table segments, migration 17): the segment as JSON beside its key. */
import type { SavedSegment } from '../../shared/insights.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { SegmentRecords } from './segment-records.ts';

export class SqliteSegmentRecords implements SegmentRecords {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      put: db.prepare<[string, string, number]>('INSERT INTO segments (id, json, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json'),
      byId: db.prepare<[string], { json: string }>('SELECT json FROM segments WHERE id = ?'),
      all: db.prepare<[], { json: string }>('SELECT json FROM segments ORDER BY created_at, id'),
      members: db.prepare<[string], { memberId: string }>('SELECT member_id AS memberId FROM segment_members WHERE segment_id = ? AND inside = 1'),
      join: db.prepare<[{ segmentId: string; memberId: string; at: number }], { moves: number }>(
        `INSERT INTO segment_members (segment_id, member_id, inside, moves, moved_at) VALUES (@segmentId, @memberId, 1, 1, @at)
         ON CONFLICT (segment_id, member_id) DO UPDATE SET inside = 1, moves = moves + 1, moved_at = @at WHERE inside = 0
         RETURNING moves`,
      ),
      leave: db.prepare<[{ segmentId: string; memberId: string; at: number }], { moves: number }>(
        'UPDATE segment_members SET inside = 0, moves = moves + 1, moved_at = @at WHERE segment_id = @segmentId AND member_id = @memberId AND inside = 1 RETURNING moves',
      ),
    };
  }

  async putSegment(segment: SavedSegment): Promise<void> {
    this.q.put.run(segment.id, JSON.stringify(segment), segment.createdAt);
  }

  async segmentById(id: string): Promise<SavedSegment | null> {
    const row = this.q.byId.get(id);
    return row ? (JSON.parse(row.json) as SavedSegment) : null;
  }

  async listSegments(): Promise<SavedSegment[]> {
    return this.q.all.all().map((r) => JSON.parse(r.json) as SavedSegment);
  }

  async segmentMemberIds(segmentId: string): Promise<string[]> {
    return this.q.members.all(segmentId).map((r) => r.memberId);
  }

  async moveSegmentMember(segmentId: string, memberId: string, inside: boolean, at: number): Promise<number | null> {
    const row = (inside ? this.q.join : this.q.leave).get({ segmentId, memberId, at });
    return row?.moves ?? null;
  }
}
