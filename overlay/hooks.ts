/** The overlay's store, locale and translator, handed to components through React context. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Locale, Translate } from '../client/common/i18n.ts';
import type { OverlayDictionary } from './i18n.ts';
import type { OverlayState, OverlayStore } from './store/store.ts';

export interface OverlayContextValue {
  store: OverlayStore;
  locale: Locale;
  t: Translate<OverlayDictionary>;
}

export const OverlayContext = createContext<OverlayContextValue | null>(null);

function useOverlayContext(): OverlayContextValue {
  const value = useContext(OverlayContext);
  if (!value) throw new Error('OverlayContext is missing');
  return value;
}

/** Subscribes to one named selector of the store. */
export function useOverlay<T>(selector: (s: OverlayState) => T): T {
  return useStore(useOverlayContext().store, selector);
}

export function useI18n(): Pick<OverlayContextValue, 'locale' | 't'> {
  const { locale, t } = useOverlayContext();
  return { locale, t };
}
