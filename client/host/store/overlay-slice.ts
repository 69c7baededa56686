import { hostApi } from '../host-api.ts';
import { problemOf } from '../lib/problems.ts';
import { readStored, writeStored } from '../lib/storage.ts';
import { authed } from './call.ts';
import type { OverlaySlice, Slice, StoredOverlayToken } from './types.ts';

/** There is no route listing overlay tokens: this browser remembers the ones it created. */
export const OVERLAY_TOKENS_KEY = 'frontrow.host.overlayTokens';

export const createOverlaySlice: Slice<OverlaySlice> = (set, get) => {
  const save = (overlayTokens: StoredOverlayToken[]) => {
    writeStored(OVERLAY_TOKENS_KEY, overlayTokens);
    set({ overlayTokens });
  };
  return {
    overlayTokens: readStored<StoredOverlayToken[]>(OVERLAY_TOKENS_KEY, []),
    overlayBusy: false,

    async createOverlayToken(label) {
      set({ overlayBusy: true });
      try {
        const created = await authed(get, (t) => hostApi.createOverlayToken(t));
        const n = get().overlayTokens.length + 1;
        save([{ ...created, createdAt: Date.now() + get().clockOffset, label: label.trim() || `OBS ${n}` }, ...get().overlayTokens]);
        get().notify('success', { key: 'overlay.createdNotice' });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        set({ overlayBusy: false });
      }
    },
    async revokeOverlayToken(id) {
      set({ overlayBusy: true });
      try {
        await authed(get, (t) => hostApi.revokeOverlayToken(t, id));
        save(get().overlayTokens.filter((o) => o.id !== id));
        get().notify('success', { key: 'overlay.revokedNotice' });
      } catch (err) {
        const problem = problemOf(err);
        // already gone on the server: nothing left to revoke, stop listing it
        if (problem.key === 'errors.NOT_FOUND') save(get().overlayTokens.filter((o) => o.id !== id));
        get().notify('error', problem);
      } finally {
        set({ overlayBusy: false });
      }
    },
    forgetOverlayToken(id) {
      save(get().overlayTokens.filter((o) => o.id !== id));
    },
  };
};
