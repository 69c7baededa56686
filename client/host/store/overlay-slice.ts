import { problemOf } from '../logic/problems.ts';
import { authed } from './call.ts';
import type { Slice } from './index.ts';
import type { OverlaySlice, StoredOverlayToken } from './types.ts';

/** There is no route listing overlay tokens: this browser remembers the ones it created. */
export const OVERLAY_TOKENS_KEY = 'frontrow.host.overlayTokens';

export const createOverlaySlice: Slice<OverlaySlice> = (deps) => (set, get) => {
  const save = (overlayTokens: StoredOverlayToken[]) => {
    deps.storage.write(OVERLAY_TOKENS_KEY, overlayTokens);
    set({ overlayTokens });
  };
  return {
    overlayTokens: deps.storage.read<StoredOverlayToken[]>(OVERLAY_TOKENS_KEY, []),
    overlayBusy: false,

    async createOverlayToken(label) {
      set({ overlayBusy: true });
      try {
        const created = await authed(get, (t) => deps.api.createOverlayToken(t));
        const n = get().overlayTokens.length + 1;
        save([{ ...created, createdAt: deps.now() + get().clockOffset, label: label.trim() || `OBS ${n}` }, ...get().overlayTokens]);
        get().notify('success', { key: 'overlay.createdNotice' });
      } catch (err) {
        get().notify('error', problemOf(err));
      } finally {
        set({ overlayBusy: false });
      }
    },
    async rotateOverlayToken(id) {
      set({ overlayBusy: true });
      try {
        const created = await authed(get, (t) => deps.api.rotateOverlayToken(t, id));
        const createdAt = deps.now() + get().clockOffset;
        save(get().overlayTokens.map((o) => (o.id === id ? { ...created, createdAt, label: o.label } : o)));
        get().notify('success', { key: 'overlay.rotatedNotice' });
        return created.id;
      } catch (err) {
        get().notify('error', problemOf(err));
        return null;
      } finally {
        set({ overlayBusy: false });
      }
    },
    async revokeOverlayToken(id) {
      set({ overlayBusy: true });
      try {
        await authed(get, (t) => deps.api.revokeOverlayToken(t, id));
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

    pinnedDrops: {},
    async loadPinnedDrop(streamId) {
      try {
        const { pinnedDropId } = await authed(get, (t) => deps.api.getPinnedDrop(t, streamId));
        set((s) => ({ pinnedDrops: { ...s.pinnedDrops, [streamId]: pinnedDropId } }));
      } catch (err) {
        get().notify('error', problemOf(err));
      }
    },
    async pinDrop(streamId, dropId) {
      set({ overlayBusy: true });
      try {
        const { pinnedDropId } = await authed(get, (t) => deps.api.pinDrop(t, streamId, dropId));
        set((s) => ({ pinnedDrops: { ...s.pinnedDrops, [streamId]: pinnedDropId } }));
        get().notify('success', { key: pinnedDropId ? 'overlay.pinnedNotice' : 'overlay.unpinnedNotice' });
        return true;
      } catch (err) {
        get().notify('error', problemOf(err));
        return false;
      } finally {
        set({ overlayBusy: false });
      }
    },
  };
};
