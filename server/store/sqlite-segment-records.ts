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
}
