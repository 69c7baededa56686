/** The moderation rules (server/domain/moderation.ts): pure, time passed in. */
import { describe, expect, it } from 'vitest';
import { findBlockedWord, limitRefusal, muteEndsAt, muteLeftMs, screenComment, slowModeWindow } from '../../server/domain/moderation.ts';

const NOW = 1_700_000_000_000;

describe('blocked words', () => {
  it('match as substrings, ignoring case and full width', () => {
    expect(findBlockedWord('this is SPAM!', ['spam'])).toBe('spam');
    expect(findBlockedWord('spammer here', ['spam'])).toBe('spam');
    expect(findBlockedWord('ｓｐａｍ', ['spam'])).toBe('spam');
    expect(findBlockedWord('fine words', ['spam', 'scam'])).toBeNull();
    expect(findBlockedWord('anything', [])).toBeNull();
  });
  it('match in text written without spaces (Chinese)', () => {
    expect(findBlockedWord('這是詐騙連結喔', ['詐騙'])).toBe('詐騙');
    expect(findBlockedWord('這是好東西', ['詐騙'])).toBeNull();
  });
  it('ignore blank list entries', () => {
    expect(findBlockedWord('hello', ['  '])).toBeNull();
  });
});

describe('mutes', () => {
  it('end seconds from now; 0 lifts', () => {
    expect(muteEndsAt(NOW, 300)).toBe(NOW + 300_000);
    expect(muteEndsAt(NOW, 0)).toBeNull();
  });
  it('have time left until they end, none after', () => {
    expect(muteLeftMs(NOW + 1000, NOW)).toBe(1000);
    expect(muteLeftMs(NOW, NOW)).toBe(0);
    expect(muteLeftMs(NOW - 1, NOW)).toBe(0);
    expect(muteLeftMs(null, NOW)).toBe(0);
  });
});

describe('screenComment', () => {
  const clean = { banned: false, mutedUntil: null, blockedWords: ['spam'] };
  it('lets a clean comment through', () => {
    expect(screenComment('hello', clean, NOW)).toBeNull();
    expect(screenComment('hello', { ...clean, mutedUntil: NOW - 1 }, NOW)).toBeNull();
  });
  it('refuses a banned member first, then a muted one, then a blocked word', () => {
    const all = { banned: true, mutedUntil: NOW + 5000, blockedWords: ['spam'] };
    expect(screenComment('spam', all, NOW)).toEqual({ key: 'member.banned', retryAfterMs: null });
    expect(screenComment('spam', { ...all, banned: false }, NOW)).toEqual({ key: 'comment.muted', retryAfterMs: 5000 });
    expect(screenComment('spam', { ...all, banned: false, mutedUntil: null }, NOW)).toEqual({
      key: 'comment.blockedWord',
      retryAfterMs: null,
      word: 'spam',
    });
  });
});

describe('slow mode and limits', () => {
  it('slow mode is one comment per window, off at 0', () => {
    expect(slowModeWindow(30)).toEqual({ limit: 1, windowMs: 30_000 });
    expect(slowModeWindow(0)).toBeNull();
  });
  it('a counted limit says to wait at most its window', () => {
    expect(limitRefusal('comment.slowMode', 30_000)).toEqual({ key: 'comment.slowMode', retryAfterMs: 30_000 });
  });
});
