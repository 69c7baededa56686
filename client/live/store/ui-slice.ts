/** Passing moments: toasts (+N points, tier-ups, errors) and the sign-in sheet. */
import type { Slice } from './index.ts';
import { pushToastGrouped } from '../logic/like-groups.ts';
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
    // A burst of likes is one toast that counts up, not a stack over the video.
    pushToast: (toast) => set((s) => ({ toasts: pushToastGrouped(s.toasts, toast, nextId++, Date.now(), TOAST_LIMIT) })),
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    openAuth: (auth) => set({ auth }),
    closeAuth: () => set({ auth: null }),
  };
};
