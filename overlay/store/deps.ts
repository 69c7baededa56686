/** What the overlay's store needs from the outside world: a clock and timers (toast timing), the language. */
import { browserTimers, type BaseDeps } from '../../client/common/app-store.ts';
import { overlayLocale } from '../i18n.ts';

export type StoreDeps = BaseDeps;

/** `?lang=` (the broadcaster's choice for the stream), else the browser's languages. */
export function browserDeps(search: string): StoreDeps {
  const lang = new URLSearchParams(search).get('lang');
  return { ...browserTimers, locale: overlayLocale(lang, navigator.languages ?? [navigator.language]) };
}
