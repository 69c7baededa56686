/**
 * Member data rights on the SQLite file: what SqliteStore holds about one
 * member (the export) and the erasure of their personal data (one IMMEDIATE
 * transaction). SqliteStore delegates to this class; see Store.memberHoldings
 * and Store.eraseMember for what each keeps and removes.
 *
 * Both are rare, so they may scan tables that have no index by member
 * (orders, comments, lottery entries): bounded by what the shows keep.
 */
import type { OrderRecord } from '../../shared/perks.ts';
import { windowKey } from '../domain/keys.ts';
import { CLAIM_COLUMNS, claimFromRow, type ClaimRow, type SqliteDatabase } from '../sqlite/sqlite-database.ts';
import { COMMENT_COLUMNS, toCommentRecord, type CommentRow } from './sqlite-moderation-records.ts';
import { lotteryEntryFromRow, type LotteryEntryRow } from './sqlite-perks-records.ts';
import type { MemberHoldings } from './store.ts';

function prepare(db: SqliteDatabase) {
  return {
    claims: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE member_id = ? ORDER BY created_at DESC, id DESC`),
    lotteryEntries: db.prepare<[string], LotteryEntryRow>(
      'SELECT lottery_id, member_id, weight, at FROM lottery_entries WHERE member_id = ? ORDER BY at, lottery_id',
    ),
    orders: db.prepare<[string], { json: string }>(
      "SELECT json FROM orders WHERE json_extract(json, '$.memberId') = ? ORDER BY created_at, order_id",
    ),
    comments: db.prepare<[string], CommentRow>(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE member_id = ? ORDER BY at, id`,
    ),
    bannedAt: db.prepare<[string], { banned_at: number }>('SELECT banned_at FROM bans WHERE member_id = ?'),
    mutes: db.prepare<[string], { streamId: string; until: number }>(
      'SELECT stream_id AS streamId, until FROM mutes WHERE member_id = ? ORDER BY stream_id',
    ),

    deleteMember: db.prepare<[string]>('DELETE FROM members WHERE id = ?'),
    deleteComments: db.prepare<[string]>('DELETE FROM comments WHERE member_id = ?'),
    deleteMutes: db.prepare<[string]>('DELETE FROM mutes WHERE member_id = ?'),
    deleteBan: db.prepare<[string]>('DELETE FROM bans WHERE member_id = ?'),
    deleteBirthday: db.prepare<[string]>('DELETE FROM member_birthdays WHERE member_id = ?'),
    deleteBadges: db.prepare<[string]>('DELETE FROM member_badges WHERE member_id = ?'),
    // The embedded engine keeps the addresses a member was seen at (referral rules) in this same file.
    deleteHits: db.prepare<[string]>('DELETE FROM hits WHERE key = ?'),
  };
}

export class SqliteMemberData {
  private readonly q: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.q = prepare(db);
  }

  holdings(memberId: string): MemberHoldings {
    // One read transaction: a consistent picture even while shows go on.
    return this.db.transaction(() => ({
      claims: this.q.claims.all(memberId).map(claimFromRow),
      lotteryEntries: this.q.lotteryEntries.all(memberId).map(lotteryEntryFromRow),
      orders: this.q.orders.all(memberId).map((r) => JSON.parse(r.json) as OrderRecord),
      comments: this.q.comments.all(memberId).map(toCommentRecord),
      bannedAt: this.q.bannedAt.get(memberId)?.banned_at ?? null,
      mutes: this.q.mutes.all(memberId),
    }))();
  }

  /**
   * One transaction, with `secure_delete` on for it: SQLite overwrites the
   * deleted rows with zeros instead of leaving them readable in free pages
   * (and so in every later copy of the file). The WAL keeps older page images
   * until a checkpoint moves the new ones in and the log wraps; a passive
   * checkpoint (never waits for other processes) starts that at once.
   */
  erase(memberId: string): boolean {
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      return this.db.transaction(() => {
        this.q.deleteComments.run(memberId);
        this.q.deleteMutes.run(memberId);
        this.q.deleteBan.run(memberId);
        this.q.deleteBirthday.run(memberId);
        this.q.deleteBadges.run(memberId);
        this.q.deleteHits.run(windowKey.memberAddresses(memberId));
        return this.q.deleteMember.run(memberId).changes > 0;
      }).immediate();
    } finally {
      this.db.pragma(`secure_delete = ${['OFF', 'ON', 'FAST'][previous] ?? 'OFF'}`);
      this.db.pragma('wal_checkpoint(PASSIVE)');
    }
  }
}
