/**
 * What an editor sends: the fields whose value differs between the form as
 * opened and as edited, each read the way the create body reads it. Both
 * sides are read from the form, so an input left alone is never sent. Pure.
 */

/** The fields of `edited` whose value is not `opened`'s; a nested value goes whole when any part of it changed. */
export function changedFields<T extends object>(opened: T, edited: T): Partial<T> {
  const before = opened as Record<string, unknown>;
  return Object.fromEntries(Object.entries(edited).filter(([field, value]) => !sameValue(value, before[field]))) as Partial<T>;
}

/** Deep equality of JSON-like values; NaN (junk typed) equals only NaN. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => k in b && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
