/**
 * PerksEngine: the hot state of drops and lotteries — the moments where a
 * storm of simultaneous clicks meets limited stock — behind a few atomic
 * primitives. A sibling port of Engine, with the same two implementations
 * and the same habits (test/contract/perks-engine-contract.ts):
 * - SqlitePerksEngine: IMMEDIATE transactions in the DATA_DIR file; writes
 *   claims, lottery entries and spends straight into the shared tables.
 * - RedisPerksEngine: one Lua script per primitive; new claims, claim status
 *   changes, lottery entries and spends go to the same Redis outbox stream as
 *   the ledger, copied idempotently into the store (PerksSink / LedgerSink).
 *
 * Decisions (tier windows, minTier, who may enter) are made by the service
 * with domain rules; the engine applies them atomically. Time is an argument.
 * When a promise resolves the change is durable (see engine.ts).
 */
import type { Claim, LotteryEntry } from '../../shared/perks.ts';
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';

export interface DropStockSpec {
  dropId: string;
  stock: number;
  perMemberLimit: number;
}

export interface ClaimRequest {
  dropId: string;
  memberId: string;
  /** Client-chosen id: the same (dropId, memberId, requestId) always returns the same claim. */
  requestId: string;
  nowMs: number;
  /** Opening time for this member's tier; before it the answer is NOT_OPEN. */
  opensAtForMember: number;
  /** Used only when a new claim is made. */
  claimId: string;
  checkoutRef: string;
  expiresAt: number;
}

export type ClaimRefusal = 'NOT_FOUND' | 'CLOSED' | 'NOT_OPEN' | 'SOLD_OUT' | 'LIMIT_REACHED';

export type ClaimDecision =
  | { ok: true; claim: Claim; /** true: this requestId had made the claim before */ replayed: boolean; remaining: number }
  | { ok: false; refusal: ClaimRefusal; remaining: number };

export interface DropStock {
  stock: number;
  remaining: number;
  reserved: number;
  confirmed: number;
  closed: boolean;
}

export interface EnterRequest {
  lotteryId: string;
  memberId: string;
  weight: number;
  /** Points to spend on entering (0 = free); the spend is part of the same atomic step. */
  cost: number;
  /** Ledger idempotency key of the spend, e.g. `lottery:<lotteryId>:<memberId>`. */
  ledgerKey: string;
  reason: LedgerReason;
  streamId: string | null;
  at: number;
}

export interface EnterResult {
  entry: LotteryEntry;
  /** false: the member had entered before; nothing changed, nothing charged again. */
  created: boolean;
  /** The spend's ledger entry when cost > 0 (on a repeat: the original one). */
  spend: LedgerEntry | null;
  balance: number;
  /** Entries in the lottery after the call. */
  count: number;
}

export interface PerksEngine {
  readonly kind: 'sqlite' | 'redis';
  init(): Promise<void>;
  close(): Promise<void>;
  resetForTests(): Promise<void>;
  /** Resolves once every claim, claim change, entry and spend so far is in the sink. */
  flush(): Promise<void>;

  // ---- drops ----

  /** Idempotent: the first call sets stock and limit; later calls change nothing. */
  defineDrop(spec: DropStockSpec): Promise<void>;
  /**
   * One atomic decision. In order: a known (dropId, memberId, requestId) returns
   * its claim as it is now (replayed, whatever else changed since); unknown drop
   * → NOT_FOUND; reserved claims of this drop whose expiresAt ≤ nowMs expire
   * first (their stock returns); closed → CLOSED; nowMs < opensAtForMember →
   * NOT_OPEN; remaining = 0 → SOLD_OUT; the member's reserved + confirmed claims
   * ≥ perMemberLimit → LIMIT_REACHED; else a new reserved claim takes one unit.
   * Refusals are not remembered: the same requestId may succeed later.
   * Never: remaining < 0, or a member above the limit, under any concurrency.
   */
  claim(request: ClaimRequest): Promise<ClaimDecision>;
  /** Atomic: every reserved claim of the drop with expiresAt ≤ nowMs becomes expired; stock returns. Returns them. */
  expireClaims(dropId: string, nowMs: number): Promise<Claim[]>;
  /**
   * Atomic: reserved → confirmed (a confirmed claim never expires). A reserved
   * claim already past expiresAt expires instead. Confirmed or expired claims
   * are returned unchanged. Unknown id → null.
   */
  confirmClaim(claimId: string, nowMs: number): Promise<Claim | null>;
  claimById(claimId: string): Promise<Claim | null>;
  /** Closes the drop to new claims; existing reservations keep their course. Idempotent. */
  closeDrop(dropId: string): Promise<void>;
  /** null for an unknown drop. */
  dropStock(dropId: string): Promise<DropStock | null>;

  // ---- lotteries ----

  /** Idempotent: makes the lottery known and open. */
  defineLottery(lotteryId: string): Promise<void>;
  /**
   * Atomic and idempotent per (lotteryId, memberId): unknown lottery →
   * AppError NOT_FOUND; closed → AppError CLOSED; entered before → the same
   * entry, created false, nothing charged; cost > balance → AppError
   * INSUFFICIENT_POINTS and nothing changes; else the spend (if any) and the
   * entry are applied together.
   */
  enterLottery(request: EnterRequest): Promise<EnterResult>;
  /** Atomic: closes entries (idempotent) and returns every entry, in any order. */
  closeLottery(lotteryId: string): Promise<LotteryEntry[]>;
  entryCount(lotteryId: string): Promise<number>;
  /** The member's entry, or null. */
  entryOf(lotteryId: string, memberId: string): Promise<LotteryEntry | null>;
}
