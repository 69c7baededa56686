/** Drops and lotteries of the followed show. */
import type { StateCreator } from 'zustand/vanilla';
import type { Drop, Lottery, LotteryWinner } from '../../shared/perks.ts';
import type { StoreDeps } from './deps.ts';
import { applyDrop, applyDropStock, applyLottery, applyLotteryDrawn, applyLotteryEntries } from './reducers.ts';
import type { OverlayState } from './store.ts';

export interface PerksSlice {
  receiveDrop: (drop: Drop) => void;
  receiveDropStock: (e: { dropId: string; remaining: number }) => void;
  receiveLottery: (lottery: Lottery) => void;
  receiveLotteryEntries: (e: { lotteryId: string; count: number }) => void;
  receiveLotteryDrawn: (e: { lotteryId: string; winners: LotteryWinner[] }) => void;
}

export const createPerksSlice =
  (deps: StoreDeps): StateCreator<OverlayState, [], [], PerksSlice> =>
  (set) => ({
    receiveDrop: (drop) => set((s) => ({ room: applyDrop(s.room, drop) })),
    receiveDropStock: (e) => set((s) => ({ room: applyDropStock(s.room, e) })),
    receiveLottery: (lottery) => set((s) => ({ room: applyLottery(s.room, lottery) })),
    receiveLotteryEntries: (e) => set((s) => ({ room: applyLotteryEntries(s.room, e) })),
    receiveLotteryDrawn: (e) => set((s) => ({ room: applyLotteryDrawn(s.room, e, deps.now() + s.offsetMs) })),
  });
