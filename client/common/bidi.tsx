/**
 * People's own words — display names, comments — are shown in bidi isolation
 * (<bdi>) on every screen: a name in Arabic or Hebrew, or one ending in
 * punctuation or digits, then cannot reorder the text around it ("(Gold)
 * joined", the points beside it), and whatever directional marks it carries
 * stay inside it. The server refuses bidi overrides in names (issue 9); the
 * isolation is the screens' half of that guarantee.
 */
import type { ReactNode } from 'react';

/** Placeholders of translated sentences that hold a person's name. */
const PEOPLE = new Set(['name']);

/**
 * A translated sentence (its template, with `{param}` placeholders) filled
 * with `params`, the people's names in it isolated in <bdi>.
 * `fillIsolated(t('feed.joined'), { name, tier })` → ["", <bdi>Gwen</bdi>, " (", "Gold", ") joined"].
 */
export function fillIsolated(template: string, params: Record<string, string | number> = {}): ReactNode[] {
  return template.split(/(\{\w+\})/).map((part, i) => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = param === undefined ? undefined : params[param];
    if (value === undefined) return part;
    return PEOPLE.has(param!) ? <bdi key={i}>{String(value)}</bdi> : String(value);
  });
}
