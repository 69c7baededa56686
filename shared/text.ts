/**
 * Rules for text people type that other people see: names (handles, display
 * names) and comments. Pure; shared by the server's schemas and any screen
 * that wants to check a form before sending it.
 *
 * Names are identities, so anything that can make one name look like another
 * is refused with a reason: control characters, invisible "format"
 * characters (bidi overrides and isolates, zero-width space/joiners, the byte
 * order mark, soft hyphen…), line separators, broken UTF-16, and the names of
 * the people running the show. Comments are conversation, so the same
 * characters are removed instead of refusing the whole message.
 *
 * All text is NFC-normalised first, so "é" typed two ways is one name.
 */

/** Unicode "format" characters (\p{Cf}: bidi embeddings/overrides/isolates, LRM/RLM/ALM, ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, tags…), plus line and paragraph separators. */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
const CONTROL = /\p{Cc}/u;

/**
 * Names that would let a member pass for the people running the show. Compared
 * on the name's skeleton (see `nameSkeleton`), so "HOST", "Front Row",
 * "front_row" and "Ａｄｍｉｎ!" are all refused. Only whole names: "Ghost" and
 * "Badminton Fan" are fine.
 */
export const RESERVED_NAMES: readonly string[] = ['host', 'thehost', 'admin', 'administrator', 'moderator', 'frontrow'];

/** What a member's name falls back to when the shop sends one we cannot show (same words as shop orders use). */
export const SHOP_NAME_FALLBACK = 'Shop customer';

// Without the u flag a regexp sees UTF-16 code units: a surrogate without its partner is broken text.
// (No lookbehind in these patterns: the screens import this module, and older Safari cannot parse one.)
const SURROGATES = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g;
const wellFormed = (s: string) => s.replace(SURROGATES, (_unit, pair: string | undefined) => pair ?? '\uFFFD');

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * NFC, every run of spaces (\p{Zs}: ordinary, no-break, ideographic…) one
 * space, spaces trimmed. Nothing else is removed or replaced: tabs, line
 * breaks and the byte order mark stay, for `nameProblem` to refuse.
 */
export function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(/\p{Zs}+/gu, ' ').replace(/^ | $/g, '');
}

/** Compatibility-folded, lower case, letters and digits only: what two names that look alike have in common. */
export function nameSkeleton(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US').replace(/[^\p{L}\p{N}]/gu, '');
}

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.includes(nameSkeleton(name));
}

/** Why `name` (already through `cleanName`) cannot be a name, or null when it can. */
export function nameProblem(name: string): string | null {
  if (wellFormed(name) !== name) return 'contains a broken character (unpaired surrogate)';
  const control = CONTROL.exec(name);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  const invisible = INVISIBLE.exec(name);
  if (invisible) return `contains an invisible or direction-changing character (${codePoint(invisible[0])})`;
  if (isReservedName(name)) return 'is reserved (host, admin, moderator, Front Row)';
  return null;
}

// Emoji sequences (👩‍💻, 👨‍👩‍👧) are glued by ZWJ: it survives in comments between two pictographs, and only there.
const ZWJ_IN_EMOJI = /(\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?)\u200D(?=\p{Extended_Pictographic})/gu;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const KEEP = '\uE000'; // a private-use placeholder: cannot survive (it is removed from the input first)

/**
 * A comment as others will see it: NFC; broken UTF-16 replaced (U+FFFD);
 * tabs and line breaks become spaces; other control and invisible characters
 * removed (ZWJ inside an emoji sequence kept); trimmed.
 */
export function cleanComment(raw: string): string {
  return wellFormed(raw)
    .normalize('NFC')
    .replace(/\uE000/gu, '')
    .replace(ZWJ_IN_EMOJI, `$1${KEEP}`)
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(INVISIBLE_ALL, '')
    .replaceAll(KEEP, '\u200D')
    .trim();
}

/**
 * The name a shop's sign-in assertion carries: the shop's customer must still
 * get in, so it is cleaned rather than refused — invisible and control
 * characters removed, cut to `max` — and a name that is empty or reserved
 * after that becomes `SHOP_NAME_FALLBACK`.
 */
export function shopDisplayName(raw: string, max = 40): string {
  const stripped = cleanName(
    wellFormed(raw)
      .replace(/\p{Cc}/gu, ' ')
      .replace(INVISIBLE_ALL, ''),
  );
  const cut = Array.from(stripped).slice(0, max).join('').trim();
  return cut === '' || nameProblem(cut) !== null ? SHOP_NAME_FALLBACK : cut;
}
