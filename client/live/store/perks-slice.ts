/** Drops and lotteries of the show, this member's claims and entries, and what is in flight. */
import type { Drop, Lottery, LotteryWinner } from '../../../shared/perks.ts';
import type { ClaimView } from '../logic/drops.ts';
import {
  reduceClaims,
  reduceDrop,
  reduceDropStock,
  reduceLottery,
  reduceLotteryDrawn,
  reduceLotteryEntries,
} from './reducers.ts';
import type { Slice } from './slice.ts';
import type { AppErrorInfo } from './types.ts';

export interface PerksSlice {
  drops: Drop[];
  lotteries: Lottery[];
  /** this member's claims, newest first */
  claims: ClaimView[];
  /** one requestId per intended claim, kept until that claim succeeds (retries reuse it) */
  claimRequests: Record<string, string>;
  claimBusy: Record<string, boolean>;
  claimErrors: Record<string, AppErrorInfo | undefined>;
  /** lotteries this member entered: their weight */
  entered: Record<string, number>;
  enterBusy: Record<string, boolean>;
  enterErrors: Record<string, AppErrorInfo | undefined>;
  setDrops: (drops: Drop[]) => void;
  setLotteries: (lotteries: Lottery[]) => void;
  setClaims: (claims: ClaimView[]) => void;
  setEntered: (entered: Record<string, number>) => void;
  applyDrop: (drop: Drop) => void;
  applyDropStock: (e: { dropId: string; remaining: number }) => void;
  applyLottery: (lottery: Lottery) => void;
  applyLotteryEntries: (e: { lotteryId: string; count: number }) => void;
  applyLotteryDrawn: (e: { lotteryId: string; winners: LotteryWinner[] }, at: number) => void;
  claimStarted: (dropId: string, requestId: string) => void;
  claimSucceeded: (claim: ClaimView) => void;
  claimFailed: (dropId: string, error: AppErrorInfo) => void;
  enterStarted: (lotteryId: string) => void;
  enterSucceeded: (lotteryId: string, weight: number) => void;
  enterFailed: (lotteryId: string, error: AppErrorInfo) => void;
  resetPerks: () => void;
}

const without = <T,>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

export const createPerksSlice: Slice<PerksSlice> = (set) => ({
  drops: [],
  lotteries: [],
  claims: [],
  claimRequests: {},
  claimBusy: {},
  claimErrors: {},
  entered: {},
  enterBusy: {},
  enterErrors: {},
  setDrops: (drops) => set({ drops }),
  setLotteries: (lotteries) => set({ lotteries }),
  setClaims: (claims) => set({ claims }),
  setEntered: (entered) => set({ entered }),
  applyDrop: (drop) => set((s) => ({ drops: reduceDrop(s.drops, s.streamId, drop) })),
  applyDropStock: (e) => set((s) => ({ drops: reduceDropStock(s.drops, e) })),
  applyLottery: (lottery) => set((s) => ({ lotteries: reduceLottery(s.lotteries, s.streamId, lottery) })),
  applyLotteryEntries: (e) => set((s) => ({ lotteries: reduceLotteryEntries(s.lotteries, e) })),
  applyLotteryDrawn: (e, at) => set((s) => ({ lotteries: reduceLotteryDrawn(s.lotteries, e, at) })),
  claimStarted: (dropId, requestId) =>
    set((s) => ({
      claimRequests: { ...s.claimRequests, [dropId]: requestId },
      claimBusy: { ...s.claimBusy, [dropId]: true },
      claimErrors: without(s.claimErrors, dropId),
    })),
  claimSucceeded: (claim) =>
    set((s) => ({
      claims: reduceClaims(s.claims, claim),
      claimRequests: without(s.claimRequests, claim.dropId),
      claimBusy: without(s.claimBusy, claim.dropId),
    })),
  claimFailed: (dropId, error) =>
    set((s) => ({ claimBusy: without(s.claimBusy, dropId), claimErrors: { ...s.claimErrors, [dropId]: error } })),
  enterStarted: (lotteryId) =>
    set((s) => ({ enterBusy: { ...s.enterBusy, [lotteryId]: true }, enterErrors: without(s.enterErrors, lotteryId) })),
  enterSucceeded: (lotteryId, weight) =>
    set((s) => ({ entered: { ...s.entered, [lotteryId]: weight }, enterBusy: without(s.enterBusy, lotteryId) })),
  enterFailed: (lotteryId, error) =>
    set((s) => ({ enterBusy: without(s.enterBusy, lotteryId), enterErrors: { ...s.enterErrors, [lotteryId]: error } })),
  resetPerks: () => set({ claims: [], claimRequests: {}, claimBusy: {}, claimErrors: {}, entered: {}, enterBusy: {}, enterErrors: {} }),
});
