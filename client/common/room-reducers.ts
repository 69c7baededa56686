/**
 * The room state all three screens keep from the server's pushes — a drop and
 * its stock, a lottery with its entries and draw, a show's presence — reduced
 * one way for the viewer room, the dashboard and the overlay. Each app only
 * decides where it keeps them (a list, a record by id); what an event means is
 * decided here. Pure: never mutates, never reads a clock (time is an
 * argument), and returns the same object when an event changes nothing, so
 * subscribers do not re-render. Unit-tested in test/unit/room-reducers.test.ts.
 *
 * Pushes can arrive late: stock and entry counts are coalesced per process and
 * may cross between processes, and an HTTP re-read races with them. So:
 * - stock stamped older (`stockAt`) than the stock held is stale and ignored,
 *   whether it came as a `drop:stock` push or inside a whole drop;
 * - a lottery's entry count only grows (entries are never withdrawn): a lower
 *   count is stale;
 * - a closed drop stays closed and a drawn lottery stays drawn.
 */
import type { DropStockEvent, LotteryDrawnEvent, LotteryEntriesEvent, PresenceEvent } from '../../shared/events.ts';
import type { Drop, DropStatus, Lottery } from '../../shared/perks.ts';

export interface Presence {
  viewers: number;
  members: number;
}

// ---- drops ----

/** The status a drop shows with `remaining` units left: sold out at 0, open again when stock comes back; closed stays. */
function statusWithStock(status: DropStatus, remaining: number): DropStatus {
  if (status === 'closed') return status;
  if (remaining <= 0) return 'sold-out';
  return status === 'sold-out' ? 'open' : status;
}

/** A `drop:stock` push applied to its drop (never more than the drop's stock, never less than none). */
export function withStock(drop: Drop, e: DropStockEvent): Drop {
  if (e.stockAt < drop.stockAt) return drop;
  const remaining = Math.max(0, Math.min(drop.stock, e.remaining));
  const status = statusWithStock(drop.status, remaining);
  const { reserved, confirmed, stockAt } = e;
  if (
    remaining === drop.remaining &&
    status === drop.status &&
    reserved === drop.reserved &&
    confirmed === drop.confirmed &&
    stockAt === drop.stockAt
  ) {
    return drop;
  }
  return { ...drop, remaining, reserved, confirmed, stockAt, status };
}

/** A drop the server sent whole (created, closed, re-read) over the one held: fresher held stock and a close survive it. */
export function mergeDrop(known: Drop | undefined, incoming: Drop): Drop {
  if (!known) return incoming;
  let next = incoming;
  if (incoming.stockAt < known.stockAt) {
    const { remaining, reserved, confirmed, stockAt } = known;
    next = { ...next, remaining, reserved, confirmed, stockAt, status: statusWithStock(next.status, remaining) };
  }
  if (known.status === 'closed' && next.status !== 'closed') next = { ...next, status: 'closed', closedAt: known.closedAt };
  return next;
}

// ---- lotteries ----

/** A lottery the server sent whole over the one held: the count never goes down, a draw or a cancellation is never undone. */
export function mergeLottery(known: Lottery | undefined, incoming: Lottery): Lottery {
  if (!known) return incoming;
  const entries = Math.max(known.entries, incoming.entries);
  if (known.status !== 'open' && incoming.status === 'open') return entries === known.entries ? known : { ...known, entries };
  return entries === incoming.entries ? incoming : { ...incoming, entries };
}

export function withEntries(lottery: Lottery, e: LotteryEntriesEvent): Lottery {
  return e.count > lottery.entries ? { ...lottery, entries: e.count } : lottery;
}

/** The draw's winners; `serverNow` stamps `drawnAt` when the record did not carry it yet. */
export function withDraw(lottery: Lottery, e: LotteryDrawnEvent, serverNow: number): Lottery {
  return { ...lottery, status: 'drawn', winnerList: e.winners, drawnAt: lottery.drawnAt ?? serverNow };
}

// ---- presence ----

/** Counts of the show (callers check it is theirs): the latest push wins. */
export function withPresence<P extends Presence>(current: P, e: PresenceEvent): P {
  if (current.viewers === e.viewers && current.members === e.members) return current;
  return { ...current, viewers: e.viewers, members: e.members };
}

// ---- where the apps keep them ----

/** The list with the item `id` changed: the same list when there is no such item or nothing changed. */
export function updateById<T extends { id: string }>(list: T[], id: string, change: (item: T) => T): T[] {
  const i = list.findIndex((x) => x.id === id);
  const item = list[i];
  if (item === undefined) return list;
  const next = change(item);
  if (next === item) return list;
  const copy = list.slice();
  copy[i] = next;
  return copy;
}

const newestFirst = <T extends { createdAt: number }>(a: T, b: T) => b.createdAt - a.createdAt;

/** The list with `item` merged in (by id) over the one held, newest first. */
export function upsertById<T extends { id: string; createdAt: number }>(
  list: readonly T[],
  item: T,
  merge: (known: T | undefined, incoming: T) => T,
): T[] {
  const merged = merge(
    list.find((x) => x.id === item.id),
    item,
  );
  return [...list.filter((x) => x.id !== item.id), merged].sort(newestFirst);
}

/** A whole list as just read (HTTP, a reconnect), each item merged over the one held, newest first. */
export function replaceAll<T extends { id: string; createdAt: number }>(
  list: readonly T[],
  incoming: readonly T[],
  merge: (known: T | undefined, incoming: T) => T,
): T[] {
  const known = new Map(list.map((x) => [x.id, x]));
  return incoming.map((x) => merge(known.get(x.id), x)).sort(newestFirst);
}

/** The record with the entry `id` changed: the same record when there is no such entry or nothing changed. */
export function updateIn<T>(record: Readonly<Record<string, T>>, id: string, change: (item: T) => T): Readonly<Record<string, T>> {
  const item = record[id];
  if (item === undefined) return record;
  const next = change(item);
  return next === item ? record : { ...record, [id]: next };
}
