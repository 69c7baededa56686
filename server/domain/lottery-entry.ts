/**
 * Lottery entries, as pure rules: defining a lottery, entering it once per
 * member with the entry's cost spent in the same step, and closing it.
 *
 * SqlitePerksEngine loads the state, calls these and stores the writes in one
 * transaction (the spend through its ledger step); lua/lotteryEnter-5.lua and
 * lotteryClose-2.lua mirror them (test/differential/lottery-entry.test.ts holds
 * both engines to the model). Who may enter and at what cost is decided by the
 * service before; here the cost arrives in the request.
 */
import type { LedgerEntry, LedgerReason } from '../../shared/models.ts';
import type { LotteryEntry } from '../../shared/perks.ts';

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

/** A known lottery: open to entries until closed; never reopened. */
export interface LotteryState {
  closed: boolean;
}

export type LotteryRefusal = 'NOT_FOUND' | 'CLOSED' | 'INSUFFICIENT_POINTS';

/** What the entry decision reads. */
export interface EntryState {
  /** null: unknown lottery. */
  lottery: LotteryState | null;
  /** The member's entry, if they entered before. */
  entry: LotteryEntry | null;
  /** The ledger entry already stored under the request's ledgerKey, if any: that spend is never charged again. */
  spendOnRecord: LedgerEntry | null;
  balance: number;
  /** Entries in the lottery before the call. */
  count: number;
}

/** The spend the entry charges, as the ledger's spend step takes it. */
export interface EntryCharge {
  key: string;
  memberId: string;
  cost: number;
  reason: LedgerReason;
  streamId: string | null;
  at: number;
}

export type EntryStep =
  | { ok: false; refusal: LotteryRefusal }
  | {
      ok: true;
      /**
       * The reply. When `charge` is set its `spend` is null: the reply's spend
       * is the ledger entry the charge makes (the ledger picks its id).
       */
      result: EnterResult;
      /** The entry to store, or null when the member had entered before. */
      insert: LotteryEntry | null;
      /** The spend to apply with the entry, or null (free, or its key is on record). */
      charge: EntryCharge | null;
    };

/** Defining a lottery makes it known and open; a known one keeps its state (null: nothing to write), so a closed lottery is never reopened. */
export function defineLottery(known: LotteryState | null): LotteryState | null {
  return known ? null : { closed: false };
}

/**
 * Entering, in the order the PerksEngine port states: unknown → NOT_FOUND;
 * closed → CLOSED; entered before → the same entry, nothing charged (the
 * original spend, if any, is returned); a cost the balance does not cover →
 * INSUFFICIENT_POINTS, nothing changes; else the entry and its spend together.
 * A spend key already on record is not charged again (as Engine.spend).
 */
export function decideEntry(state: EntryState, r: EnterRequest): EntryStep {
  if (!state.lottery) return { ok: false, refusal: 'NOT_FOUND' };
  if (state.lottery.closed) return { ok: false, refusal: 'CLOSED' };
  const onRecord = r.cost > 0 ? state.spendOnRecord : null;
  if (state.entry) {
    const result = { entry: state.entry, created: false, spend: onRecord, balance: state.balance, count: state.count };
    return { ok: true, result, insert: null, charge: null };
  }
  const charge: EntryCharge | null =
    r.cost > 0 && !onRecord ? { key: r.ledgerKey, memberId: r.memberId, cost: r.cost, reason: r.reason, streamId: r.streamId, at: r.at } : null;
  if (charge && state.balance < charge.cost) return { ok: false, refusal: 'INSUFFICIENT_POINTS' };
  const entry: LotteryEntry = { lotteryId: r.lotteryId, memberId: r.memberId, weight: r.weight, at: r.at };
  const balance = state.balance - (charge?.cost ?? 0);
  return { ok: true, result: { entry, created: true, spend: onRecord, balance, count: state.count + 1 }, insert: entry, charge };
}

/** Closing: unknown → NOT_FOUND; else closed (again is fine) and every entry is returned by the engine. */
export function closeLottery(known: LotteryState | null): { ok: false; refusal: 'NOT_FOUND' } | { ok: true; state: LotteryState } {
  return known ? { ok: true, state: { closed: true } } : { ok: false, refusal: 'NOT_FOUND' };
}
