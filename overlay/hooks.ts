/** React glue for the overlay: its one store (from context), the translator for its language, server time. */
import { useEffect, useMemo, useState } from 'react';
import { appStore } from '../client/common/app-store.ts';
import type { Translate } from '../client/common/i18n.ts';
import { overlayTranslator, type OverlayDictionary } from './i18n.ts';
import type { OverlayState } from './store/index.ts';
import { selectLocale, selectOffset } from './store/selectors.ts';

export const { StoreProvider, useSelect: useOverlay, useActions } = appStore<OverlayState>('overlay');

export function useT(): Translate<OverlayDictionary> {
  const locale = useOverlay(selectLocale);
  return useMemo(() => overlayTranslator(locale), [locale]);
}

/**
 * Server time (device clock + the measured offset), ticking once a second on
 * the server's second boundaries so countdowns flip when the server's do.
 * Only the small components that print a countdown use it.
 */
export function useServerNow(): number {
  const offset = useOverlay(selectOffset);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const n = Date.now() + offset;
      setNow(n);
      timer = setTimeout(tick, 1000 - (n % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [offset]);
  return now;
}
