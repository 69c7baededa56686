/** Passing moments: toasts (+N points, tier-ups, missions completed, errors) and the sign-in sheet. */
import type { Slice } from './index.ts';
import { pushToastGrouped } from '../logic/like-groups.ts';
import { foldMissionToast } from '../logic/missions.ts';
import type { Toast } from './types.ts';

export type AuthMode = 'signup' | 'login';

export interface UiSlice {
  toasts: Toast[];
  auth: AuthMode | null;
  pushToast: (toast: Omit<Toast, 'id'>) => void;
  dismissToast: (id: number) => void;
  openAuth: (mode: AuthMode) => void;
  closeAuth: () => void;
}

/** At most this many toasts stack; older ones make room. */
const TOAST_LIMIT = 4;

export const createUiSlice: Slice<UiSlice> = () => (set) => {
  let nextId = 1;
  return {
    toasts: [],
    auth: null,
    // A burst of likes is one toast that counts up, not a stack over the video; a mission's stage and its points are one toast.
    pushToast: (toast) =>
      set((s) => {
        const { toasts, add } = foldMissionToast(s.toasts, toast);
        return { toasts: add ? pushToastGrouped(toasts, add, nextId++, Date.now(), TOAST_LIMIT) : toasts };
      }),
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    openAuth: (auth) => set({ auth }),
    closeAuth: () => set({ auth: null }),
  };
};
