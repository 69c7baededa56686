/** React glue: the dashboard's one store (from context), the translator for the chosen language, server time that ticks. */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { fillIsolated } from '../common/bidi.tsx';
import { appStore } from '../common/app-store.ts';
import { translator, type Translate } from '../common/i18n.ts';
import { DICTIONARIES, type HostDictionary } from './i18n.ts';
import type { Problem } from './logic/problems.ts';
import type { HostState } from './store/index.ts';
import { selectClockOffset, selectLocale } from './store/selectors.ts';

export const { StoreProvider, useSelect: useHost, useActions } = appStore<HostState>('host dashboard');

export type T = Translate<HostDictionary>;

export function useT(): T {
  const locale = useHost(selectLocale);
  return useMemo(() => translator(DICTIONARIES, locale), [locale]);
}

export const say = (t: T, problem: Problem): string => t(problem.key, problem.params);

/** `say` for the screen: a member's name in the message is bidi-isolated (common/bidi.tsx). */
export const sayIsolated = (t: T, problem: Problem): ReactNode[] => fillIsolated(t(problem.key), problem.params);

/** Server time (device clock + the measured offset), re-rendering every `everyMs`. */
export function useServerNow(everyMs = 1000): number {
  const offset = useHost(selectClockOffset);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(timer);
  }, [offset, everyMs]);
  return now;
}
