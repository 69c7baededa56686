/**
 * Moderation rules: what the host's decisions (bans, mutes, slow mode, the
 * blocked-words list, the room's comment ceiling) mean for one comment or
 * one earning step. Pure: state and time in, a decision out.
 *
 * Services load the state (bans, mutes and slow mode from the store, the
 * rules document), call these, and count slow mode and the ceiling through
 * Engine.hit (domain/limits.ts decideHit), which is atomic across processes.
 */
import type { RefusalKey } from './refusals.ts';

export { MAX_MUTE_SECONDS, MAX_SLOW_MODE_SECONDS } from '../../shared/schemas.ts';
/** The window of the room's comment ceiling (`comment.roomPerSecond`). */
export const ROOM_WINDOW_MS = 1000;
/** Comments each show keeps on record (for removal by id and the recent list). */
export const RECENT_COMMENTS_KEPT = 200;

/** A refusal with how long until trying again can succeed (null: not a matter of time). */
export interface CommentRefusal {
  key: RefusalKey;
  retryAfterMs: number | null;
  /** the blocked word found, for BLOCKED_WORD */
  word?: string;
}

/**
 * Folds text for matching: Unicode NFKC (full-width Ｂａｄ is Bad), then lower
 * case. The same fold is applied to the text and to every listed word.
 */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-US');
}

/**
 * The first blocked word the text contains, or null. Matching is by
 * SUBSTRING, ignoring case and width, not by whole word: Chinese and Japanese
 * are written without spaces, so "whole word" would let every blocked word
 * through there; the cost is that a listed word inside a longer innocent word
 * is refused too, so hosts list specific words.
 */
export function findBlockedWord(text: string, blockedWords: readonly string[]): string | null {
  const folded = foldForMatch(text);
  for (const word of blockedWords) {
    const w = foldForMatch(word.trim());
    if (w !== '' && folded.includes(w)) return word;
  }
  return null;
}

/** When a mute given now for `seconds` ends; null lifts the mute (seconds 0). */
export function muteEndsAt(nowMs: number, seconds: number): number | null {
  return seconds > 0 ? nowMs + seconds * 1000 : null;
}

/** Ms left of a mute ending at `until` (0 when none or over). */
export function muteLeftMs(until: number | null, nowMs: number): number {
  return until !== null && until > nowMs ? until - nowMs : 0;
}

/** What the host decided that a comment must pass before any counting. */
export interface CommentStanding {
  banned: boolean;
  /** when the member's mute in this show ends, null when not muted */
  mutedUntil: number | null;
  blockedWords: readonly string[];
}

/**
 * A comment against the host's standing decisions, in this order: a banned
 * member is refused (BANNED), then a muted one (MUTED, with the mute's time
 * left), then text with a blocked word (BLOCKED_WORD). Null: the comment may
 * go on to the counted limits (flood, slow mode, room ceiling).
 */
export function screenComment(text: string, standing: CommentStanding, nowMs: number): CommentRefusal | null {
  if (standing.banned) return { key: 'member.banned', retryAfterMs: null };
  const left = muteLeftMs(standing.mutedUntil, nowMs);
  if (left > 0) return { key: 'comment.muted', retryAfterMs: left };
  const word = findBlockedWord(text, standing.blockedWords);
  if (word !== null) return { key: 'comment.blockedWord', retryAfterMs: null, word };
  return null;
}

/** Slow mode as an Engine.hit window: one comment per member per `seconds`; null when off. */
export function slowModeWindow(seconds: number): { limit: number; windowMs: number } | null {
  return seconds > 0 ? { limit: 1, windowMs: seconds * 1000 } : null;
}

/**
 * A refusal for a counted limit (the hit was refused, not a duplicate): the
 * longest the member may have to wait is the window itself.
 */
export function limitRefusal(key: RefusalKey, windowMs: number): CommentRefusal {
  return { key, retryAfterMs: windowMs };
}
