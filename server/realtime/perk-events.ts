/**
 * Fan-out of drop and lottery events to a show's room and its overlays:
 * appearances and results at once, stock left and entry counts coalesced to a
 * few pushes per second however many clicks arrive. Lapsed reservations are
 * returned by the ReservationSweeper service; their stock changes arrive here
 * as domain events like any other.
 */
import type { Namespace } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/services.ts';
import { Coalescer } from './coalescer.ts';
import { streamRoom } from './live-namespace.ts';

export const STOCK_EVERY_MS = 250;
export const ENTRIES_EVERY_MS = 500;

export function setupPerkEvents(live: Namespace, overlay: Namespace, s: Services, log: Logger) {
  const wallClock = () => Date.now();
  const rooms = (streamId: string) => [live.to(streamRoom(streamId)), overlay.to(streamRoom(streamId))];
  const streamOf = new Map<string, string>(); // dropId or lotteryId -> streamId

  const stock = new Coalescer('stock', STOCK_EVERY_MS, s.pushGate, wallClock, log, async (dropId) => {
    const streamId = streamOf.get(dropId);
    if (!streamId) return;
    const { remaining, reserved, confirmed, stockAt } = await s.drops.get(dropId);
    for (const room of rooms(streamId)) room.emit('drop:stock', { dropId, remaining, reserved, confirmed, stockAt });
  });
  const entries = new Coalescer('entries', ENTRIES_EVERY_MS, s.pushGate, wallClock, log, async (lotteryId) => {
    const streamId = streamOf.get(lotteryId);
    const count = await s.lotteries.entryCount(lotteryId);
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

  return {
    async stop(): Promise<void> {
      await Promise.all([stock.stop(), entries.stop()]);
    },
  };
}
