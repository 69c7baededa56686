import { describe, expect, it } from 'vitest';
import { CLOCK_AFTER_MS, windowTiming } from '../../client/common/window-timing.ts';

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
