/**
 * Fan-out of drop and lottery events to a show's room and its overlays:
 * appearances and results at once, stock left and entry counts coalesced to a
 * few pushes per second however many clicks arrive.
 */
import type { Namespace } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/services.ts';
import { Coalescer } from './coalescer.ts';
import { streamRoom } from './live-namespace.ts';

export const STOCK_EVERY_MS = 250;
export const ENTRIES_EVERY_MS = 500;
/** How often each process returns the stock of lapsed reservations. */
export const EXPIRY_SWEEP_MS = 2000;
/** The longest reservation a drop may have (CreateDropBody.reservationSeconds ≤ 86,400). */
const MAX_RESERVATION_MS = 86_400_000;

export function setupPerkEvents(live: Namespace, overlay: Namespace, s: Services, log: Logger) {
  const wallClock = () => Date.now();
  const rooms = (streamId: string) => [live.to(streamRoom(streamId)), overlay.to(streamRoom(streamId))];
  const streamOf = new Map<string, string>(); // dropId or lotteryId -> streamId

  const stock = new Coalescer('stock', STOCK_EVERY_MS, s.engine, wallClock, log, async (dropId) => {
    const streamId = streamOf.get(dropId);
    const stockAt = s.clock(); // before the read, as the drop view stamps it
    const left = await s.perks.dropStock(dropId);
    if (!streamId || !left) return;
    const { remaining, reserved, confirmed } = left;
    for (const room of rooms(streamId)) room.emit('drop:stock', { dropId, remaining, reserved, confirmed, stockAt });
  });
  const entries = new Coalescer('entries', ENTRIES_EVERY_MS, s.engine, wallClock, log, async (lotteryId) => {
    const streamId = streamOf.get(lotteryId);
    const count = await s.perks.entryCount(lotteryId);
    if (streamId) for (const room of rooms(streamId)) room.emit('lottery:entries', { lotteryId, count });
  });
  stock.start();
  entries.start();

  s.events.on('drop', (drop) => {
    for (const room of rooms(drop.streamId)) room.emit('drop', { drop });
  });
  s.events.on('dropStockChanged', (dropId, streamId) => {
    streamOf.set(dropId, streamId);
    stock.mark(dropId);
  });
  s.events.on('lottery', (lottery) => {
    for (const room of rooms(lottery.streamId)) room.emit('lottery', { lottery });
  });
  s.events.on('lotteryEntriesChanged', (lotteryId, streamId) => {
    streamOf.set(lotteryId, streamId);
    entries.mark(lotteryId);
  });
  s.events.on('lotteryDrawn', (streamId, event) => {
    for (const room of rooms(streamId)) room.emit('lottery:drawn', event);
  });

  /** Live shows, and shows that ended recently enough to hold a reservation (they last at most a day). */
  const showsWithReservations = async (): Promise<string[]> => {
    const since = s.clock() - MAX_RESERVATION_MS;
    const [live, ended] = await Promise.all([s.streams.list('live'), s.streams.list('ended')]);
    return [...live, ...ended.filter((x) => (x.endedAt ?? 0) >= since)].map((x) => x.id);
  };

  const sweeper = setInterval(async () => {
    try {
      for (const streamId of await showsWithReservations()) await s.drops.expireReservations(streamId);
    } catch (err) {
      log.warn({ err }, 'reservation sweep failed');
    }
  }, EXPIRY_SWEEP_MS);
  sweeper.unref();

  return {
    async stop(): Promise<void> {
      clearInterval(sweeper);
      await Promise.all([stock.stop(), entries.stop()]);
    },
  };
}
