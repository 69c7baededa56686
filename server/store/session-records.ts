/**
 * The sessions half of the Store port: what lets a token end before its
 * expiry, and an SSO assertion work once. Durable when a promise resolves;
 * every method is one statement (SqliteStore) or one single-document
 * operation (MongoStore), so it holds across processes in every run mode.
 *
 * Times are wall-clock milliseconds, like the JWT `exp` they mirror: a
 * denylisted id is kept until the token it names would have expired anyway,
 * then pruned (SQLite: by the next insert; MongoDB: by a TTL index).
 */

export interface SessionRecords {
  /** Replaces the member's password hash; false when there is no such member. */
  setPasswordHash(memberId: string, passwordHash: string): Promise<boolean>;

  /** The member's session version (0 until first bumped). Tokens carrying an older one are ended. */
  sessionVersion(memberId: string): Promise<number>;
  /** Atomic increment; returns the new version. */
  bumpSessionVersion(memberId: string): Promise<number>;

  /** Idempotent. Ends one member token by its jti until `expiresAt` (after which the token is expired anyway). */
  endSession(jti: string, expiresAt: number, nowMs: number): Promise<void>;
  isSessionEnded(jti: string): Promise<boolean>;

  /**
   * Atomic across processes: true for the first call with this jti (it is
   * recorded until `expiresAt`), false for every later one. Prunes ids whose
   * expiry passed before `nowMs`.
   */
  spendAssertion(jti: string, expiresAt: number, nowMs: number): Promise<boolean>;
}
