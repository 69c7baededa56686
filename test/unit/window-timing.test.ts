import { describe, expect, it } from 'vitest';
import { CLOCK_AFTER_MS, windowTiming } from '../../client/common/window-timing.ts';
import { translator } from '../../client/common/i18n.ts';
import { DICTIONARIES } from '../../client/host/i18n.ts';
import { hostWindowText } from '../../client/host/logic/time.ts';

describe('a drop window\'s opening, as read', () => {
  const now = Date.UTC(2026, 0, 1, 12, 41);

  it('reads "open now" for a window already passed (Gold 10 min early on a drop opening now)', () => {
    expect(windowTiming(now - 4 * 60_000, now)).toEqual({ state: 'open' });
    expect(windowTiming(now, now)).toEqual({ state: 'open' });
  });

  it('counts down to a window that opens soon, and adds the clock time when it is far', () => {
    expect(windowTiming(now + 90_000, now)).toEqual({ state: 'soon', inMs: 90_000 });
    expect(windowTiming(now + CLOCK_AFTER_MS, now)).toEqual({ state: 'later', inMs: CLOCK_AFTER_MS, at: now + CLOCK_AFTER_MS });
  });
});

describe("the dashboard's words for a drop window", () => {
  const now = Date.UTC(2026, 0, 1, 12, 41);
  const en = translator(DICTIONARIES, 'en');
  const zh = translator(DICTIONARIES, 'zh-TW');

  it('says "open now" for a passed window, never its past clock time, and counts down to a future one', () => {
    expect(hostWindowText(en, now - 4 * 60_000, now, 'en')).toBe('open now');
    expect(hostWindowText(en, now + 90_000, now, 'en')).toBe('opens in 1:30');
    expect(hostWindowText(en, now + 20 * 60_000, now, 'en')).toMatch(/^opens in 20:00 · \d\d:\d\d/);
    expect(hostWindowText(zh, now - 1, now, 'zh-TW')).not.toBe(hostWindowText(en, now - 1, now, 'en'));
  });
});
