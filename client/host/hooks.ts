/** React glue: the translator for the chosen language, server time that ticks. */
import { useEffect, useMemo, useState } from 'react';
import { translator, type Translate } from '../common/i18n.ts';
import { DICTIONARIES, type HostDictionary } from './i18n.ts';
import type { Problem } from './lib/problems.ts';
import { useHostStore } from './store/index.ts';

export type T = Translate<HostDictionary>;

export function useT(): T {
  const locale = useHostStore((s) => s.locale);
  return useMemo(() => translator(DICTIONARIES, locale), [locale]);
}

export function useLocale() {
  return useHostStore((s) => s.locale);
}

export const say = (t: T, problem: Problem): string => t(problem.key, problem.params);

/** Server time (device clock + the measured offset), re-rendering every `everyMs`. */
export function useServerNow(everyMs = 1000): number {
  const offset = useHostStore((s) => s.clockOffset);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(timer);
  }, [offset, everyMs]);
  return now;
}
