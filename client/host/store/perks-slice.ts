import { CreateDropBody, CreateLotteryBody } from '../../../shared/perks.ts';
import { verifyProof } from '../../../shared/lottery-proof.ts';
import { problemOf } from '../logic/problems.ts';
import { OK, authed, failed, sendParsed } from './call.ts';
import {
  EMPTY_PERKS,
  applyDropStock,
  applyLotteryDrawn,
  applyLotteryEntries,
  recordConfirmation,
  replaceShowPerks,
  upsertDrop,
  upsertLottery,
} from './reducers.ts';
import type { Slice } from './index.ts';
import type { PerksSlice } from './types.ts';

export const createPerksSlice: Slice<PerksSlice> = (deps) => (set, get) => {
  const busy = (id: string, on: boolean) =>
    set((s) => {
      const { [id]: _, ...rest } = s.busyPerkIds;
      return { busyPerkIds: on ? { ...rest, [id]: true } : rest };
    });

  /** Re-reads one drop (after a confirmation the stock counts may have moved). */
  const refreshDrop = async (id: string) => {
    try {
      const { drop } = await deps.api.getDrop(id);
      set((s) => ({ perks: upsertDrop(s.perks, drop) }));
    } catch {
      // the next push corrects it
    }
  };

  /** The proof, checked in this browser with the same code the verify page and the CLI run. */
  const checkProof = async (id: string, proof: Parameters<typeof verifyProof>[0]) => {
    set((s) => ({ proofs: { ...s.proofs, [id]: { proof, check: { state: 'checking' } } } }));
    let result: Awaited<ReturnType<typeof verifyProof>>;
    try {
      result = await verifyProof(proof);
    } catch (err) {
      result = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    set((s) => ({
      proofs: { ...s.proofs, [id]: { proof, check: result.ok ? { state: 'holds' } : { state: 'fails', reason: result.reason } } },
    }));
  };

  return {
    perks: EMPTY_PERKS,
    perksLoadedFor: {},
    proofs: {},
    busyPerkIds: {},

    async loadPerks(streamId) {
      try {
        const [{ drops }, { lotteries }] = await Promise.all([deps.api.listDrops(streamId), deps.api.listLotteries(streamId)]);
        set((s) => ({
          perks: replaceShowPerks(s.perks, streamId, drops, lotteries),
          perksLoadedFor: { ...s.perksLoadedFor, [streamId]: true },
        }));
        for (const l of lotteries) if (l.status === 'drawn' && !get().proofs[l.id]) void get().loadProof(l.id);
      } catch (err) {
        get().notify('error', problemOf(err));
      }
    },

    createDrop(streamId, input) {
      return sendParsed(get, CreateDropBody, input, (t, body) => deps.api.createDrop(t, streamId, body), ({ drop }) => {
        set((s) => ({ perks: upsertDrop(s.perks, drop) }));
        get().notify('success', { key: 'drops.created', params: { title: drop.title } });
      });
    },

    async closeDrop(id) {
      busy(id, true);
      try {
        const { drop } = await authed(get, (t) => deps.api.closeDrop(t, id));
        set((s) => ({ perks: upsertDrop(s.perks, drop) }));
        get().notify('success', { key: 'drops.closedNotice', params: { title: drop.title } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        busy(id, false);
      }
    },

    async confirmClaim(claimId) {
      const id = claimId.trim();
      if (!id) return { ok: false, problem: { key: 'claims.idRequired' }, fields: { claimId: { key: 'issue.required' } } };
      try {
        const { claim } = await authed(get, (t) => deps.api.confirmClaim(t, id));
        set((s) => ({ perks: recordConfirmation(s.perks, claim) }));
        get().notify('success', { key: 'claims.confirmed', params: { ref: claim.checkoutRef } });
        void refreshDrop(claim.dropId);
        return OK;
      } catch (err) {
        const outcome = failed(err);
        if (outcome.ok) return outcome;
        return { ...outcome, fields: { claimId: outcome.problem } };
      }
    },

    createLottery(streamId, input) {
      return sendParsed(get, CreateLotteryBody, input, (t, body) => deps.api.createLottery(t, streamId, body), ({ lottery }) => {
        set((s) => ({ perks: upsertLottery(s.perks, lottery) }));
        get().notify('success', { key: 'lotteries.created', params: { title: lottery.title } });
      });
    },

    async drawLottery(id) {
      busy(id, true);
      try {
        const { lottery, proof } = await authed(get, (t) => deps.api.drawLottery(t, id));
        set((s) => ({ perks: upsertLottery(s.perks, lottery) }));
        if (!proof) {
          // v2: entries froze; the winners arrive with the beacon round (receiveLottery / receiveLotteryDrawn).
          get().notify('success', { key: 'lotteries.frozenNotice', params: { title: lottery.title, round: lottery.freeze?.round ?? '' } });
          return;
        }
        get().notify('success', { key: 'lotteries.drawnNotice', params: { title: lottery.title, count: lottery.winnerList?.length ?? 0 } });
        void checkProof(id, proof);
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        busy(id, false);
      }
    },

    async cancelLottery(id) {
      busy(id, true);
      try {
        const { lottery } = await authed(get, (t) => deps.api.cancelLottery(t, id));
        set((s) => ({ perks: upsertLottery(s.perks, lottery) }));
        get().notify('success', { key: 'lotteries.cancelledNotice', params: { title: lottery.title } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        busy(id, false);
      }
    },

    async loadProof(id) {
      try {
        const { proof } = await deps.api.getProof(id);
        await checkProof(id, proof);
      } catch {
        // not drawn yet, or offline: the card still links to the proof
      }
    },

    receiveDrop(drop) {
      set((s) => ({ perks: upsertDrop(s.perks, drop) }));
    },
    receiveDropStock(e) {
      set((s) => ({ perks: applyDropStock(s.perks, e) }));
    },
    receiveLottery(lottery) {
      set((s) => ({ perks: upsertLottery(s.perks, lottery) }));
      if (lottery.status === 'drawn' && !get().proofs[lottery.id]) void get().loadProof(lottery.id);
    },
    receiveLotteryEntries(e) {
      set((s) => ({ perks: applyLotteryEntries(s.perks, e) }));
    },
    receiveLotteryDrawn(e, at) {
      set((s) => ({ perks: applyLotteryDrawn(s.perks, e, at) }));
      if (!get().proofs[e.lotteryId]) void get().loadProof(e.lotteryId);
    },
  };
};
