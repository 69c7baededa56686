/** Times as the host reads them, in their language. */
import type { Locale } from '../../common/i18n.ts';

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
