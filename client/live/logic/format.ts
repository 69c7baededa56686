/** Room-specific formatting on top of client/common/format.ts. Pure. */
import type { Locale } from '../../common/i18n.ts';

export function formatClock(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
}

export function formatDateTime(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** Whole minutes when it divides evenly ("5 min"), else seconds ("90 s"). */
export function formatSpan(seconds: number, locale: Locale): string {
  if (seconds % 60 === 0) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(seconds / 60);
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds);
}

/** A multiplier as "×1.2". */
export function formatMultiplier(m: number, locale: Locale): string {
  return `×${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(m)}`;
}

export function shortHash(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}
