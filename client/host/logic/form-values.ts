/**
 * Form text to payload values. Blank optional fields are left out; text that
 * is not a number becomes NaN so the schema names the field. Pure.
 */

/** "1,200.50" → 120050 cents; blank → undefined; junk → NaN. */
export function centsFrom(text: string): number | undefined {
  const t = text.replace(/[,\s]/g, '');
  if (t === '') return undefined;
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

/** Whole numbers as typed; blank → undefined; "1.5" stays 1.5 so the schema says "whole number". */
export function numberFrom(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return Number(t);
}

/** `<input type="datetime-local">` value ↔ epoch ms, in the browser's time zone. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : Number.NaN;
}

export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Optional text: trimmed, blank left out. */
export function textFrom(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}
