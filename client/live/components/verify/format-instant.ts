import type { Locale } from '../../../common/i18n.ts';
import { useLive } from '../../hooks.ts';
import { selectLocale } from '../../store/selectors.ts';

export function useFormatInstant(): (ms: number) => string {
  const locale = useLive(selectLocale);
  return (ms) => formatInstant(ms, locale);
}

/** Down to the second, with the zone: drand rounds are seconds apart, and readers compare times across zones. */
export function formatInstant(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}
