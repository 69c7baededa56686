/** Drops and lotteries of the followed show. */
import type { DropStockEvent, LotteryDrawnEvent, LotteryEntriesEvent } from '../../shared/events.ts';
import type { DropPinEvent } from '../../shared/overlay-link.ts';
import type { Drop, Lottery } from '../../shared/perks.ts';
import type { Slice } from './index.ts';
import { applyDrop, applyDropPin, applyDropStock, applyLottery, applyLotteryDrawn, applyLotteryEntries } from './reducers.ts';

export interface PerksSlice {
  receiveDrop: (drop: Drop) => void;
  receiveDropStock: (e: DropStockEvent) => void;
  /** the seller pinned (or unpinned) a drop of the followed show */
  receiveDropPin: (e: DropPinEvent) => void;
  receiveLottery: (lottery: Lottery) => void;
  receiveLotteryEntries: (e: LotteryEntriesEvent) => void;
  receiveLotteryDrawn: (e: LotteryDrawnEvent) => void;
}

export const createPerksSlice: Slice<PerksSlice> =
  (deps) =>
  (set) => ({
    receiveDrop: (drop) => set((s) => ({ room: applyDrop(s.room, drop) })),
    receiveDropStock: (e) => set((s) => ({ room: applyDropStock(s.room, e) })),
    receiveDropPin: (e) => set((s) => ({ room: applyDropPin(s.room, e) })),
    receiveLottery: (lottery) => set((s) => ({ room: applyLottery(s.room, lottery) })),
    receiveLotteryEntries: (e) => set((s) => ({ room: applyLotteryEntries(s.room, e) })),
    receiveLotteryDrawn: (e) => set((s) => ({ room: applyLotteryDrawn(s.room, e, deps.now() + s.offsetMs) })),
  });
