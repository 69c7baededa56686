/**
 * Sinks: where the engines' changes end up for good. The Store implements
 * them; RedisEngine and RedisPerksEngine copy their outbox streams into them
 * (in embedded mode the SQLite engines write the same tables directly).
 * They live with the store port so that the store depends on nothing in
 * engine/: layers point one way, engine -> store types.
 */
import type { Redemption } from '../../shared/rewards.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Claim, LotteryEntry } from '../../shared/perks.ts';

/** Where the engine's ledger entries end up for good (the Store implements it). */
export interface LedgerSink {
  /** Insert entries whose key is not there yet; existing keys are left untouched. */
  appendLedger(entries: LedgerEntry[]): Promise<void>;
}

/** Where claims and lottery entries end up for good (the Store implements it). */
export interface PerksSink {
  /**
   * Inserts claims by id, or updates an existing claim's status and updatedAt
   * when the incoming status is a later one: reserved → confirmed | expired |
   * cancelled, confirmed → cancelled; expired and cancelled are final. Never
   * moves a claim backwards.
   */
  upsertClaims(claims: Claim[]): Promise<void>;
  /** Inserts entries whose (lotteryId, memberId) is not there yet. */
  appendLotteryEntries(entries: LotteryEntry[]): Promise<void>;
  /**
   * The rewards store's redemptions as the Redis engine made or settled them
   * (issue 13): inserts by id, or moves a pending one to fulfilled or
   * rejected; a settled redemption never changes again.
   */
  upsertRedemptions(redemptions: Redemption[]): Promise<void>;
  /** The member's redemptions as the store holds them, newest first (the durable copy). */
  storedRedemptions(memberId: string): Promise<Redemption[]>;
}
