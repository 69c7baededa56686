/** OverlayPinRecords on SQLite (table overlay_pins, migration 6 in sqlite/sqlite-database.ts). */
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { OverlayPinRecords } from './overlay-pin-records.ts';

function prepare(db: SqliteDatabase) {
  return {
    pin: db.prepare<[string, string, number]>(`INSERT INTO overlay_pins (stream_id, drop_id, pinned_at) VALUES (?, ?, ?)
      ON CONFLICT (stream_id) DO UPDATE SET drop_id = excluded.drop_id, pinned_at = excluded.pinned_at`),
    unpin: db.prepare<[string]>('DELETE FROM overlay_pins WHERE stream_id = ?'),
    pinned: db.prepare<[string], { drop_id: string }>('SELECT drop_id FROM overlay_pins WHERE stream_id = ?'),
  };
}

export class SqliteOverlayPins implements OverlayPinRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(db: SqliteDatabase) {
    this.q = prepare(db);
  }

  async pinnedDropOf(streamId: string): Promise<string | null> {
    return this.q.pinned.get(streamId)?.drop_id ?? null;
  }

  async setPinnedDrop(streamId: string, dropId: string | null, atMs: number): Promise<void> {
    if (dropId === null) this.q.unpin.run(streamId);
    else this.q.pin.run(streamId, dropId, atMs);
  }
}
