/**
 * The rules editor keeps what the host typed, as typed: every number of the
 * rules document is held as a string until save, so half-typed values
 * ("1.", "") are never clobbered. Pure helpers, unit-tested.
 */
import type { Rules, Tier } from '../../../shared/rules.ts';

/** Rules with every number replaced by the text in its input. */
export type Draft<T> = T extends number
  ? string
  : T extends string
    ? string
    : T extends readonly (infer U)[]
      ? Draft<U>[]
      : T extends object
        ? { [K in keyof T]: Draft<T[K]> }
        : T;
export type RulesDraft = Draft<Rules>;
export type TierDraft = Draft<Tier>;

/** Keys whose values are text, everywhere else numbers. */
const TEXT_KEYS = new Set(['timezone', 'id', 'name', 'blockedWords', 'rewardId', 'entryRewardId']);

/**
 * The rules as the editor's inputs hold them: numbers as text, and null
 * (`points.expireAfterDays`: never) as a blank input.
 */
export function toDraft<T>(value: T): Draft<T> {
  return mapLeaves(value, (v) => (typeof v === 'number' ? String(v) : v === null ? '' : v)) as Draft<T>;
}

/**
 * Back to a document the schema can judge: numeric fields parsed (blank is
 * null, junk NaN, so validation names the field), text fields trimmed of
 * nothing. Blank is null where null means something (`points.expireAfterDays`:
 * never); an optional field left blank is left out (a tier's `entryPoints`:
 * no welcome points, its `entryRewardId`: no welcome reward;
 * `birthday.rewardId`: no gift reward).
 */
export function fromDraft(draft: RulesDraft): unknown {
  const doc = mapLeaves(draft, (v, key) => {
    if (typeof v !== 'string' || TEXT_KEYS.has(key)) return v;
    const text = v.trim();
    return text === '' ? null : Number(text);
  }) as { comment?: { blockedWords?: unknown }; tiers?: unknown; birthday?: Record<string, unknown> };
  // The blocked words are edited one per line: blank lines are not words.
  const words = doc.comment?.blockedWords;
  if (Array.isArray(words)) doc.comment!.blockedWords = words.filter((w) => typeof w !== 'string' || w.trim() !== '');
  if (Array.isArray(doc.tiers)) doc.tiers = doc.tiers.map((tier) => withoutBlank(withoutBlank(tier, 'entryPoints'), 'entryRewardId'));
  if (doc.birthday && typeof doc.birthday === 'object') doc.birthday = withoutBlank(doc.birthday, 'rewardId') as Record<string, unknown>;
  return doc;
}

/** The object without `key` when it is blank (null after parsing, or empty text). */
function withoutBlank(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || !(key in value)) return value;
  const v = (value as Record<string, unknown>)[key];
  if (v !== null && !(typeof v === 'string' && v.trim() === '')) return value;
  const { [key]: _, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** The blocked words as the editor shows them: one per line. */
export const blockedWordsText = (draft: RulesDraft | null): string => (draft?.comment.blockedWords ?? []).join('\n');
/** What the host typed, as the draft keeps it (blank lines kept while typing). */
export const blockedWordsFromText = (text: string): string[] => text.split('\n');

function mapLeaves(value: unknown, leaf: (v: unknown, key: string) => unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, leaf, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf, k)]));
  }
  return leaf(value, key);
}

/** Immutable set at a dotted path (`tiers.1.multiplier`); containers on the way are copied. */
export function setAtPath<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return value as T;
  const container = root as unknown;
  if (Array.isArray(container)) {
    const i = Number(head);
    const copy = container.slice();
    copy[i] = rest.length ? setAtPath(copy[i], rest.join('.'), value) : value;
    return copy as T;
  }
  const obj = (container ?? {}) as Record<string, unknown>;
  return { ...obj, [head]: rest.length ? setAtPath(obj[head], rest.join('.'), value) : value } as T;
}

export function getAtPath(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
}

/** A new tier above the last: next id, twice the points, a bit more of everything. */
export function appendTier(draft: RulesDraft): RulesDraft {
  const last = draft.tiers[draft.tiers.length - 1];
  const used = new Set(draft.tiers.map((t) => t.id));
  let n = draft.tiers.length + 1;
  while (used.has(`tier-${n}`)) n++;
  const lastMin = Number(last?.minPoints ?? 0) || 0;
  const tier: TierDraft = {
    id: `tier-${n}`,
    name: `Tier ${n}`,
    minPoints: String(lastMin > 0 ? lastMin * 2 : 1000),
    multiplier: last?.multiplier ?? '1',
    earlyAccessSeconds: last?.earlyAccessSeconds ?? '0',
    lotteryWeight: last?.lotteryWeight ?? '1',
  };
  return { ...draft, tiers: [...draft.tiers, tier] };
}

export function removeTier(draft: RulesDraft, index: number): RulesDraft {
  if (draft.tiers.length <= 1) return draft;
  return { ...draft, tiers: draft.tiers.filter((_, i) => i !== index) };
}

/** Errors keyed by dotted path move with their tier when a row is removed. */
export function shiftTierErrors<E>(errors: Record<string, E>, removed: number): Record<string, E> {
  const out: Record<string, E> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^tiers\.(\d+)(\..*)?$/.exec(path);
    if (!m) {
      out[path] = message;
      continue;
    }
    const i = Number(m[1]);
    if (i === removed) continue;
    out[`tiers.${i > removed ? i - 1 : i}${m[2] ?? ''}`] = message;
  }
  return out;
}
