/**
 * Reading a whole history member by member (issue 15), written once for the
 * SQLite worker and the MongoDB store: rows grouped into a map by member,
 * and the ledger — already ordered by member, then time — cut into each
 * member's run of entries, so only one member's entries are held at a time.
 */
import type { LedgerEntry } from '../../shared/models.ts';

export function groupByMember<T extends { memberId: string }>(rows: Iterable<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.memberId);
    if (list) list.push(row);
    else out.set(row.memberId, [row]);
  }
  return out;
}

export async function groupByMemberAsync<T extends { memberId: string }>(rows: AsyncIterable<T>): Promise<Map<string, T[]>> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return groupByMember(all);
}

/** Each member's entries in turn, from a ledger ordered by member. */
export function* ledgerRuns(entries: Iterable<LedgerEntry>): Generator<[string, LedgerEntry[]]> {
  let run: LedgerEntry[] = [];
  for (const e of entries) {
    if (run.length > 0 && e.memberId !== run[0]!.memberId) {
      yield [run[0]!.memberId, run];
      run = [];
    }
    run.push(e);
  }
  if (run.length > 0) yield [run[0]!.memberId, run];
}

export async function* ledgerRunsAsync(entries: AsyncIterable<LedgerEntry>): AsyncGenerator<[string, LedgerEntry[]]> {
  let run: LedgerEntry[] = [];
  for await (const e of entries) {
    if (run.length > 0 && e.memberId !== run[0]!.memberId) {
      yield [run[0]!.memberId, run];
      run = [];
    }
    run.push(e);
  }
  if (run.length > 0) yield [run[0]!.memberId, run];
}

/** Rows of an async source, changed one by one (a Mongo cursor's documents into records). */
export async function* mapped<T, U>(rows: AsyncIterable<T>, change: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield change(row);
}
