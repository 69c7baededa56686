/** React glue for the live room: its one store (from context), translation, a shared server-time ticker, media queries. */
import { useMemo, useSyncExternalStore } from 'react';
import { appStore } from '../common/app-store.ts';
import { translator, type Translate } from '../common/i18n.ts';
import { DICTIONARIES, type LiveDictionary } from './i18n.ts';
import type { LiveState } from './store/index.ts';
import { selectLocale, selectOffset } from './store/selectors.ts';

export const { StoreProvider, useSelect: useLive, useActions } = appStore<LiveState>('viewer room');

export function useT(): Translate<LiveDictionary> {
  const locale = useLive(selectLocale);
  return useMemo(() => translator(DICTIONARIES, locale), [locale]);
}

// One interval for every countdown on the page, running only while something listens.
let tick = Date.now();
const listeners = new Set<() => void>();
let interval: ReturnType<typeof setInterval> | null = null;
function subscribeTick(listener: () => void): () => void {
  listeners.add(listener);
  if (!interval) {
    interval = setInterval(() => {
      tick = Date.now();
      for (const l of listeners) l();
    }, 250);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && interval) {
      clearInterval(interval);
      interval = null;
    }
  };
}
const getTick = () => tick;

/** Server time (device clock + measured offset), refreshed four times a second. */
export function useServerNow(): number {
  const now = useSyncExternalStore(subscribeTick, getTick);
  return now + useLive(selectOffset);
}

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (cb) => {
      const m = matchMedia(query);
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => matchMedia(query).matches,
  );
}
