/**
 * The seller's claim lists: read per drop when its list opens, kept current by
 * the /host `claim` push, with confirm (by row or by the buyer's checkout
 * reference), release and the CSV download.
 */
import type { Claim } from '../../../shared/perks.ts';
import { saveTextFile } from '../logic/download.ts';
import { problemOf } from '../logic/problems.ts';
import { OK, authed, failed } from './call.ts';
import { EMPTY_DESK, applyClaimPush, type ClaimDesk } from './claim-desk-reducers.ts';
import type { Slice } from './index.ts';
import type { Outcome } from './types.ts';

export interface ClaimDeskSlice {
  claimDesk: ClaimDesk;
  /** claim ids with a confirm or release in flight */
  claimBusy: Record<string, true>;
  loadDropClaims(dropId: string): Promise<void>;
  confirmClaimRow(claimId: string): Promise<void>;
  releaseClaim(claimId: string): Promise<void>;
  /** The buyer read out their checkout reference: confirm that reservation. */
  confirmByRef(checkoutRef: string): Promise<Outcome>;
  downloadClaimsCsv(dropId: string): Promise<void>;
  downloadWinnersCsv(lotteryId: string): Promise<void>;
  receiveClaim(claim: Claim): void;
}

export const createClaimDeskSlice: Slice<ClaimDeskSlice> = (deps) => (set, get) => {
  const busy = (id: string, on: boolean) =>
    set((s) => {
      const { [id]: _, ...rest } = s.claimBusy;
      return { claimBusy: on ? { ...rest, [id]: true as const } : rest };
    });
  /** Whatever the answer, the push that follows it (or this one) puts the row right. */
  const settle = (claim: Claim) => get().receiveClaim(claim);

  return {
    claimDesk: EMPTY_DESK,
    claimBusy: {},

    async loadDropClaims(dropId) {
      set((s) => ({ claimDesk: { ...s.claimDesk, [dropId]: { status: s.claimDesk[dropId]?.rows.length ? 'ready' : 'loading', rows: s.claimDesk[dropId]?.rows ?? [] } } }));
      try {
        const { claims } = await authed(get, (t) => deps.api.listDropClaims(t, dropId));
        set((s) => ({ claimDesk: { ...s.claimDesk, [dropId]: { status: 'ready', rows: claims } } }));
      } catch (err) {
        set((s) => ({ claimDesk: { ...s.claimDesk, [dropId]: { status: 'error', rows: s.claimDesk[dropId]?.rows ?? [] } } }));
        get().notify('error', problemOf(err));
      }
    },

    async confirmClaimRow(claimId) {
      busy(claimId, true);
      try {
        const { claim } = await authed(get, (t) => deps.api.confirmClaim(t, claimId));
        settle(claim);
        get().notify('success', { key: 'claims.confirmed', params: { ref: claim.checkoutRef } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        busy(claimId, false);
      }
    },

    async releaseClaim(claimId) {
      busy(claimId, true);
      try {
        const { claim } = await authed(get, (t) => deps.api.releaseClaim(t, claimId));
        settle(claim);
        get().notify('success', { key: 'claims.released', params: { ref: claim.checkoutRef } });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        busy(claimId, false);
      }
    },

    async confirmByRef(checkoutRef) {
      const ref = checkoutRef.trim();
      if (!ref) return { ok: false, problem: { key: 'claims.refRequired' }, fields: { checkoutRef: { key: 'issue.required' } } };
      try {
        const { claim } = await authed(get, (t) => deps.api.confirmByRef(t, ref));
        settle(claim);
        get().notify('success', { key: 'claims.confirmed', params: { ref: claim.checkoutRef } });
        return OK;
      } catch (err) {
        const outcome = failed(err);
        if (outcome.ok) return outcome;
        return { ...outcome, fields: { checkoutRef: outcome.fields.checkoutRef ?? outcome.problem } };
      }
    },

    async downloadClaimsCsv(dropId) {
      try {
        // A fetch with the host token, not a bare link: the export is hosts-only and a link cannot carry the header.
        const csv = await authed(get, (t) => deps.api.dropClaimsCsv(t, dropId));
        saveTextFile(`claims-${dropId}.csv`, csv, 'text/csv;charset=utf-8');
      } catch (err) {
        get().notify('error', problemOf(err));
      }
    },

    async downloadWinnersCsv(lotteryId) {
      try {
        const csv = await authed(get, (t) => deps.api.lotteryWinnersCsv(t, lotteryId));
        saveTextFile(`winners-${lotteryId}.csv`, csv, 'text/csv;charset=utf-8');
      } catch (err) {
        get().notify('error', problemOf(err));
      }
    },

    receiveClaim(claim) {
      const { desk, stale } = applyClaimPush(get().claimDesk, claim);
      if (desk !== get().claimDesk) set({ claimDesk: desk });
      if (stale) void get().loadDropClaims(claim.dropId);
    },
  };
};
