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
 * with domain rules; the engine applies them atomically. What the engine itself
 * decides (the claim order, expiry, confirm, entry) is also a domain rule
 * (domain/claims.ts, drop-stock.ts, lottery-entry.ts) that SQLite calls and the
 * Lua mirrors. Time is an argument.
 * When a promise resolves the change is durable (see engine.ts).
 */
import type { Claim, LotteryEntry } from '../../shared/perks.ts';
import type { CancelScope, ClaimDecision, ClaimRequest } from '../domain/claims.ts';
import type { DropStockSpec } from '../domain/drop-stock.ts';
import type { EnterRequest, EnterResult } from '../domain/lottery-entry.ts';

// The rules' own types live with the rules (server/domain/); the port speaks them.
export type { CancelScope, ClaimDecision, ClaimRefusal, ClaimRequest } from '../domain/claims.ts';
export type { DropStockSpec } from '../domain/drop-stock.ts';
export type { EnterRequest, EnterResult } from '../domain/lottery-entry.ts';

export interface DropStock {
  stock: number;
  remaining: number;
  reserved: number;
  confirmed: number;
  closed: boolean;
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
   * One atomic decision (server/domain/claims.ts decideClaim). In order: a known
   * (dropId, memberId, requestId) returns its claim as it is now (replayed,
   * whatever else changed since; a lapsed reservation first expires with the
   * drop's other due ones, so the caller needs no second call); unknown drop
   * → NOT_FOUND; reserved claims of this drop whose expiresAt ≤ nowMs expire
   * first (their stock returns); closed → CLOSED; nowMs < opensAtForMember →
   * NOT_OPEN; remaining = 0 → SOLD_OUT; the member's reserved + confirmed claims
   * ≥ perMemberLimit → LIMIT_REACHED; else a new reserved claim takes one unit.
   * Refusals are not remembered: the same requestId may succeed later.
   * A successful decision lists the reservations it expired (`expired`).
   * Never: remaining < 0, or a member above the limit, under any concurrency.
   */
  claim(request: ClaimRequest): Promise<ClaimDecision>;
  /**
   * Atomic (domain/claims.ts expireReservations): every reserved claim of the
   * drop with expiresAt ≤ nowMs becomes expired; stock returns. Returns them,
   * earliest expiresAt first. Idempotent: a second call finds none.
   */
  expireClaims(dropId: string, nowMs: number): Promise<Claim[]>;
  /**
   * Atomic (domain/claims.ts confirmReservation): reserved → confirmed (a
   * confirmed claim never expires). A reserved
   * claim already past expiresAt expires instead. Confirmed or expired claims
   * are returned unchanged. Unknown id → null.
   */
  confirmClaim(claimId: string, nowMs: number): Promise<Claim | null>;
  /**
   * Atomic (domain/claims.ts cancelClaim): reserved (or, with scope 'sale',
   * confirmed) → cancelled; the claim stops holding a unit and counting
   * against its member's limit, and the unit returns to `remaining` (on a
   * closed drop too: it stays unsold, nobody can claim it). A reserved claim
   * already past expiresAt expires instead. Expired and cancelled claims, and
   * a confirmed one under scope 'reservation', are returned unchanged, so a
   * retry is harmless. Unknown id → null.
   */
  cancelClaim(claimId: string, nowMs: number, scope: CancelScope): Promise<Claim | null>;
  claimById(claimId: string): Promise<Claim | null>;
  /**
   * The id of the claim carrying this checkout reference, known from the
   * moment its claim() resolved (a buyer pays at once; in Redis mode the store
   * may not have the claim yet). null when unknown here, e.g. its drop was
   * forgotten (the store has it then).
   */
  claimIdByRef(checkoutRef: string): Promise<string | null>;
  /** Closes the drop to new claims; existing reservations keep their course. Idempotent; an unknown drop stays unknown. */
  closeDrop(dropId: string): Promise<void>;
  /** null for an unknown drop. */
  dropStock(dropId: string): Promise<DropStock | null>;

  // ---- lotteries ----

  /** Idempotent: makes the lottery known and open; never reopens a closed one. */
  defineLottery(lotteryId: string): Promise<void>;
  /**
   * Atomic and idempotent per (lotteryId, memberId) (domain/lottery-entry.ts
   * decideEntry): unknown lottery →
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

  // ---- retirement of an ended show's perks (services/show-retirement.ts) ----

  /**
   * Idempotent. Forgets a settled drop (closed, no reservation left, every
   * change in the sink): afterwards it is unknown here (dropStock, claimById
   * and confirmClaim answer null; claims NOT_FOUND), and its claims are read
   * from the store. A drop not settled is kept. Returns whether the drop is
   * now unknown. SqlitePerksEngine keeps it (its state is on disk): false.
   */
  forgetDrop(dropId: string): Promise<boolean>;
  /**
   * Idempotent. Forgets a closed lottery (its entries are in the store and in
   * its published proof): afterwards it is unknown here (entryCount 0,
   * entryOf null, enterLottery NOT_FOUND). An open lottery is kept. Returns
   * whether the lottery is now unknown. SqlitePerksEngine keeps it: false.
   */
  forgetLottery(lotteryId: string): Promise<boolean>;
}
