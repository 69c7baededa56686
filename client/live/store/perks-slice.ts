/** Drops and lotteries of the show, this member's claims and entries, and what is in flight. */
import type { DropStockEvent, LotteryDrawnEvent, LotteryEntriesEvent } from '../../../shared/events.ts';
import type { Claim, Drop, Lottery } from '../../../shared/perks.ts';
import { asMember } from './member-call.ts';
import type { ClaimView } from '../logic/drops.ts';
import { errorInfo } from './deps.ts';
import type { Slice } from './index.ts';
import {
  reduceClaimPush,
  reduceClaimsRead,
  reduceClaims,
  reduceDrop,
  reduceDrops,
  reduceDropStock,
  reduceLotteries,
  reduceLottery,
  reduceLotteryDrawn,
  reduceLotteryEntries,
} from './reducers.ts';
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
  /** a prize claim in flight, and the last refusal, per lottery */
  prizeBusy: Record<string, boolean>;
  prizeErrors: Record<string, AppErrorInfo | undefined>;
  /** the show's drops as just read (what was pushed meanwhile and is fresher stays) */
  setDrops: (drops: Drop[]) => void;
  setLotteries: (lotteries: Lottery[]) => void;
  setClaims: (claims: ClaimView[]) => void;
  setEntered: (entered: Record<string, number>) => void;
  applyDrop: (drop: Drop) => void;
  applyDropStock: (e: DropStockEvent) => void;
  applyLottery: (lottery: Lottery) => void;
  applyLotteryEntries: (e: LotteryEntriesEvent) => void;
  applyLotteryDrawn: (e: LotteryDrawnEvent, at: number) => void;
  /** A `claim` push: confirmed shows paid, lapsed or cancelled leaves; one made in another tab is read with its link. */
  applyClaimPush: (claim: Claim) => void;
  claimStarted: (dropId: string, requestId: string) => void;
  claimSucceeded: (claim: ClaimView) => void;
  claimFailed: (dropId: string, error: AppErrorInfo) => void;
  enterStarted: (lotteryId: string) => void;
  enterSucceeded: (lotteryId: string, weight: number) => void;
  enterFailed: (lotteryId: string, error: AppErrorInfo) => void;
  resetPerks: () => void;
  /**
   * Claims one unit of a drop. A second tap while the first is in flight does
   * nothing; the requestId is kept until a claim succeeds, so a retry after a
   * lost answer is the same claim on the server, never a second one.
   */
  claimDrop: (dropId: string) => Promise<void>;
  enterLottery: (lotteryId: string) => Promise<void>;
  /** Claims the prize this member holds (a winner, or an alternate it passed to); claiming twice is the same claim. */
  claimPrize: (lotteryId: string) => Promise<void>;
}

const without = <T,>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

export const createPerksSlice: Slice<PerksSlice> = (deps) => (set, get) => ({
  drops: [],
  lotteries: [],
  claims: [],
  claimRequests: {},
  claimBusy: {},
  claimErrors: {},
  entered: {},
  enterBusy: {},
  enterErrors: {},
  prizeBusy: {},
  prizeErrors: {},
  setDrops: (drops) => set((s) => ({ drops: reduceDrops(s.drops, drops) })),
  setLotteries: (lotteries) => set((s) => ({ lotteries: reduceLotteries(s.lotteries, lotteries) })),
  setClaims: (claims) => set({ claims }),
  setEntered: (entered) => set({ entered }),
  applyDrop: (drop) => set((s) => ({ drops: reduceDrop(s.drops, s.streamId, drop) })),
  applyDropStock: (e) => set((s) => ({ drops: reduceDropStock(s.drops, e) })),
  applyLottery: (lottery) => set((s) => ({ lotteries: reduceLottery(s.lotteries, s.streamId, lottery) })),
  applyLotteryEntries: (e) => set((s) => ({ lotteries: reduceLotteryEntries(s.lotteries, e) })),
  applyLotteryDrawn: (e, at) => set((s) => ({ lotteries: reduceLotteryDrawn(s.lotteries, e, at) })),
  applyClaimPush: (claim) => {
    const { claims, known } = reduceClaimPush(get().claims, claim);
    set({ claims });
    if (!known && claim.status === 'reserved') {
      void asMember(get, (t) => deps.api.myClaims(t)).then((r) => {
        if (r) set((s) => ({ claims: reduceClaimsRead(s.claims, r.claims) }));
      });
    }
  },
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

  async claimDrop(dropId) {
    if (!get().token) return get().openAuth('signup');
    const s = get();
    if (s.claimBusy[dropId]) return;
    const requestId = s.claimRequests[dropId] ?? deps.newRequestId();
    s.claimStarted(dropId, requestId);
    try {
      const { claim } = await deps.channel.call('drop:claim', { dropId, requestId });
      get().claimSucceeded(claim);
    } catch (err) {
      get().claimFailed(dropId, errorInfo(err));
    }
  },

  async enterLottery(lotteryId) {
    if (!get().token) return get().openAuth('signup');
    const s = get();
    if (s.enterBusy[lotteryId] || s.entered[lotteryId] !== undefined) return;
    s.enterStarted(lotteryId);
    try {
      const { entry } = await deps.channel.call('lottery:enter', { lotteryId });
      get().enterSucceeded(lotteryId, entry.weight);
      const me = get().me;
      if (me) deps.memory.saveEntered(me.member.id, get().entered);
    } catch (err) {
      get().enterFailed(lotteryId, errorInfo(err));
    }
  },

  async claimPrize(lotteryId) {
    if (get().prizeBusy[lotteryId]) return;
    set((s) => ({ prizeBusy: { ...s.prizeBusy, [lotteryId]: true }, prizeErrors: without(s.prizeErrors, lotteryId) }));
    try {
      const { prize } = await deps.channel.call('lottery:claim', { lotteryId });
      // The room also hears the lottery pushed; this shows the claim at once in this tab.
      set((s) => ({ lotteries: s.lotteries.map((l) => (l.id === lotteryId && l.prizes ? { ...l, prizes: l.prizes.map((p) => (p.slot === prize.slot ? prize : p)) } : l)) }));
    } catch (err) {
      set((s) => ({ prizeErrors: { ...s.prizeErrors, [lotteryId]: errorInfo(err) } }));
    } finally {
      set((s) => ({ prizeBusy: without(s.prizeBusy, lotteryId) }));
    }
  },
});
