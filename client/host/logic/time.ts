/** Times as the host reads them, in their language. */
import { formatCountdown } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import { windowTiming } from '../../common/window-timing.ts';
import type { HostDictionary } from '../i18n.ts';

export function formatTime(ms: number, locale: Locale, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) }).format(ms);
}

export function formatDateTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Seconds as the largest whole units: 90 → "1m 30s" style parts for hints. */
export function secondsParts(total: number): { h: number; m: number; s: number } {
  const t = Math.max(0, Math.floor(total));
  return { h: Math.floor(t / 3600), m: Math.floor((t % 3600) / 60), s: t % 60 };
}

/** A drop's opening for one tier: "open now" once passed, else a countdown (with its clock time when far off). */
export function hostWindowText(t: Translate<HostDictionary>, opensAt: number, now: number, locale: Locale): string {
  const w = windowTiming(opensAt, now);
  if (w.state === 'open') return t('drops.window.open');
  if (w.state === 'soon') return t('drops.window.soon', { time: formatCountdown(w.inMs) });
  return t('drops.window.later', { time: formatCountdown(w.inMs), clock: formatTime(w.at, locale) });
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30], // then months of 30 days
  ['month', 12],
  ['year', Infinity],
];

/** How long ago `at` was, in the largest unit that fits: "5 minutes ago", "yesterday", "3 個月前"; under a minute, "now". */
export function formatRelative(at: number, now: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let amount = Math.max(0, now - at) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (amount < size) return format.format(unit === 'second' ? 0 : -Math.floor(amount), unit);
    amount /= size;
  }
  return ''; // not reached: years never run out
}
