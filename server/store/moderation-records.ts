/**
 * The moderation half of the Store port: what the host decided about members
 * and shows, and the recent comments each show keeps so a comment can be
 * removed by id from any process. Durable when a promise resolves; every
 * method is one statement or one transaction (SqliteStore) or one
 * single-document operation (MongoStore), so it holds across processes.
 *
 * Mutes and slow mode are stored, not kept in a process, so every process
 * sees them at once; they expire by time (the service compares `until` with
 * its clock: domain/moderation.ts), not by deletion.
 */
import type { CommentEvent } from '../../shared/events.ts';

/** A comment as recorded: what the room was sent, plus when the host removed it. */
export interface CommentRecord extends CommentEvent {
  removedAt: number | null;
}

export interface StreamModeration {
  /** seconds between one member's comments in the show; 0 = off */
  slowModeSeconds: number;
}

export interface ModerationRecords {
  // ---- comments ----
  /**
   * Atomic. Records the comment (a known id changes nothing); afterwards the
   * show keeps only its newest `keep` comments (by time, then id).
   */
  recordComment(comment: CommentEvent, keep: number): Promise<void>;
  commentById(id: string): Promise<CommentRecord | null>;
  /** Atomic. Marks the comment removed (a second removal keeps the first time); null when unknown. */
  removeComment(id: string, atMs: number): Promise<CommentRecord | null>;
  /** The show's newest `limit` comments not removed, oldest first. */
  recentComments(streamId: string, limit: number): Promise<CommentEvent[]>;

  // ---- bans (every show) ----
  /** Idempotent: a second ban keeps the first time. */
  banMember(memberId: string, atMs: number): Promise<void>;
  /** Returns false when the member was not banned. */
  unbanMember(memberId: string): Promise<boolean>;
  /** When the member was banned, null when not banned. */
  bannedAt(memberId: string): Promise<number | null>;

  // ---- mutes (per show) ----
  /** Sets when the member's mute in the show ends (replacing any); null lifts it. */
  setMute(streamId: string, memberId: string, until: number | null): Promise<void>;
  /** When the member's mute in the show ends (maybe already past), null when none was set. */
  muteUntil(streamId: string, memberId: string): Promise<number | null>;

  // ---- per-show settings ----
  setStreamModeration(streamId: string, settings: StreamModeration): Promise<void>;
  /** The show's settings; slow mode off until the host sets it. */
  streamModeration(streamId: string): Promise<StreamModeration>;
}
