/**
 * The moderation half of SqliteStore (tables of migration 3 in
 * sqlite/sqlite-database.ts): recent comments, bans, mutes and per-show
 * settings. Each method is one statement or one IMMEDIATE transaction.
 */
import type { CommentEvent } from '../../shared/events.ts';
import type { SqliteDatabase } from '../sqlite/sqlite-database.ts';
import type { CommentRecord, ModerationRecords, StreamModeration } from './moderation-records.ts';
import { groupCommitOf } from '../sqlite/group-commit.ts';

export interface CommentRow {
  id: string;
  stream_id: string;
  member_id: string;
  display_name: string;
  tier: string;
  text: string;
  at: number;
  removed_at: number | null;
}

export const COMMENT_COLUMNS = 'id, stream_id, member_id, display_name, tier, text, at, removed_at';

const toComment = (r: CommentRow): CommentEvent => ({
  id: r.id,
  streamId: r.stream_id,
  memberId: r.member_id,
  displayName: r.display_name,
  tier: r.tier,
  text: r.text,
  at: r.at,
});
export const toCommentRecord = (r: CommentRow): CommentRecord => ({ ...toComment(r), removedAt: r.removed_at });

function prepare(db: SqliteDatabase) {
  return {
    insertComment: db.prepare(`INSERT INTO comments (${COMMENT_COLUMNS})
      VALUES (@id, @streamId, @memberId, @displayName, @tier, @text, @at, NULL) ON CONFLICT (id) DO NOTHING`),
    pruneComments: db.prepare<{ streamId: string; keep: number }>(`DELETE FROM comments WHERE id IN (
      SELECT id FROM comments WHERE stream_id = @streamId ORDER BY at DESC, id DESC LIMIT -1 OFFSET @keep)`),
    commentById: db.prepare<[string], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE id = ?`),
    removeComment: db.prepare('UPDATE comments SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
    recentComments: db.prepare<[string, number], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM comments
      WHERE stream_id = ? AND removed_at IS NULL ORDER BY at DESC, id DESC LIMIT ?`),
    ban: db.prepare('INSERT INTO bans (member_id, banned_at) VALUES (?, ?) ON CONFLICT (member_id) DO NOTHING'),
    unban: db.prepare('DELETE FROM bans WHERE member_id = ?'),
    bannedAt: db.prepare<[string], { banned_at: number }>('SELECT banned_at FROM bans WHERE member_id = ?'),
    setMute: db.prepare(`INSERT INTO mutes (stream_id, member_id, until) VALUES (?, ?, ?)
      ON CONFLICT (stream_id, member_id) DO UPDATE SET until = excluded.until`),
    liftMute: db.prepare('DELETE FROM mutes WHERE stream_id = ? AND member_id = ?'),
    muteUntil: db.prepare<[string, string], { until: number }>('SELECT until FROM mutes WHERE stream_id = ? AND member_id = ?'),
    setSettings: db.prepare(`INSERT INTO stream_moderation (stream_id, slow_mode_seconds) VALUES (?, ?)
      ON CONFLICT (stream_id) DO UPDATE SET slow_mode_seconds = excluded.slow_mode_seconds`),
    settings: db.prepare<[string], { slow_mode_seconds: number }>('SELECT slow_mode_seconds FROM stream_moderation WHERE stream_id = ?'),
  };
}

export class SqliteModerationRecords implements ModerationRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepare(db);
  }

  /** Through the group commit: a busy chat pays one fsync per event-loop turn, not one per comment. */
  async recordComment(comment: CommentEvent, keep: number): Promise<void> {
    await groupCommitOf(this.db).run(() => {
      this.q.insertComment.run(comment);
      this.q.pruneComments.run({ streamId: comment.streamId, keep });
    });
  }

  async commentById(id: string): Promise<CommentRecord | null> {
    const row = this.q.commentById.get(id);
    return row ? toCommentRecord(row) : null;
  }

  async removeComment(id: string, atMs: number): Promise<CommentRecord | null> {
    return this.db.transaction(() => {
      this.q.removeComment.run(atMs, id);
      const row = this.q.commentById.get(id);
      return row ? toCommentRecord(row) : null;
    }).immediate();
  }

  async recentComments(streamId: string, limit: number): Promise<CommentEvent[]> {
    return this.q.recentComments.all(streamId, limit).map(toComment).reverse();
  }

  async banMember(memberId: string, atMs: number): Promise<void> {
    this.q.ban.run(memberId, atMs);
  }

  async unbanMember(memberId: string): Promise<boolean> {
    return this.q.unban.run(memberId).changes > 0;
  }

  async bannedAt(memberId: string): Promise<number | null> {
    return this.q.bannedAt.get(memberId)?.banned_at ?? null;
  }

  async setMute(streamId: string, memberId: string, until: number | null): Promise<void> {
    if (until === null) this.q.liftMute.run(streamId, memberId);
    else this.q.setMute.run(streamId, memberId, until);
  }

  async muteUntil(streamId: string, memberId: string): Promise<number | null> {
    return this.q.muteUntil.get(streamId, memberId)?.until ?? null;
  }

  async setStreamModeration(streamId: string, settings: StreamModeration): Promise<void> {
    this.q.setSettings.run(streamId, settings.slowModeSeconds);
  }

  async streamModeration(streamId: string): Promise<StreamModeration> {
    return { slowModeSeconds: this.q.settings.get(streamId)?.slow_mode_seconds ?? 0 };
  }
}
