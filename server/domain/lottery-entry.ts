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
import { decideSpend, type LedgerWrites, type SpendInput } from './ledger.ts';

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

export type EntryStep =
  | { ok: false; refusal: LotteryRefusal }
  | {
      ok: true;
      result: EnterResult;
      /** The entry to store, or null when the member had entered before. */
      insert: LotteryEntry | null;
      /** The spend to store with the entry (domain/ledger.ts decideSpend's writes), or null: free, or its key is on record. */
      spend: LedgerWrites | null;
    };

/** Defining a lottery makes it known and open; a known one keeps its state (null: nothing to write), so a closed lottery is never reopened. */
export function defineLottery(known: LotteryState | null): LotteryState | null {
  return known ? null : { closed: false };
}

/**
 * Entering, in the order the PerksEngine port states: unknown → NOT_FOUND;
 * closed → CLOSED; entered before → the same entry, nothing charged (the
 * original spend, if any, is returned); else the cost is the ledger's spend
 * step (decideSpend: a key on record is not charged again, a balance below
 * the cost → INSUFFICIENT_POINTS and nothing changes), applied together with
 * the entry. `spendEntryId` is the id a new spend entry gets.
 */
export function decideEntry(state: EntryState, r: EnterRequest, spendEntryId: string): EntryStep {
  if (!state.lottery) return { ok: false, refusal: 'NOT_FOUND' };
  if (state.lottery.closed) return { ok: false, refusal: 'CLOSED' };
  if (state.entry) {
    const spend = r.cost > 0 ? state.spendOnRecord : null;
    const result = { entry: state.entry, created: false, spend, balance: state.balance, count: state.count };
    return { ok: true, result, insert: null, spend: null };
  }
  const charge = r.cost > 0 ? decideSpend({ stored: state.spendOnRecord, balance: state.balance }, spendInput(r), spendEntryId) : null;
  if (charge?.kind === 'refused') return { ok: false, refusal: charge.refusal };
  const entry: LotteryEntry = { lotteryId: r.lotteryId, memberId: r.memberId, weight: r.weight, at: r.at };
  const result: EnterResult = {
    entry,
    created: true,
    spend: charge?.result.entry ?? null,
    balance: charge?.result.balance ?? state.balance,
    count: state.count + 1,
  };
  return { ok: true, result, insert: entry, spend: charge?.kind === 'apply' ? charge.writes : null };
}

/** The entry's cost as the ledger's spend takes it. */
export function spendInput(r: EnterRequest): SpendInput {
  return { key: r.ledgerKey, memberId: r.memberId, cost: r.cost, reason: r.reason, streamId: r.streamId, at: r.at };
}

/** Closing: unknown → NOT_FOUND; else closed (again is fine) and every entry is returned by the engine. */
export function closeLottery(known: LotteryState | null): { ok: false; refusal: 'NOT_FOUND' } | { ok: true; state: LotteryState } {
  return known ? { ok: true, state: { closed: true } } : { ok: false, refusal: 'NOT_FOUND' };
}
