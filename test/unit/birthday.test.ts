/** The birthday gift's rules (issue 13): once per year in the birthday month, local time; the date locked for a year. */
import { describe, expect, it } from 'vitest';
import { BIRTHDAY_LOCK_MS, BIRTHDAY_NOTICE_MS, birthdayChangeRefusal, birthdayGiftYear, isCalendarDate } from '../../server/domain/birthday.ts';

const TZ = 'Asia/Taipei';

describe('birthday', () => {
  it('collects the gift in the birthday month by local time, for that local year, across the new year', () => {
    const january = { month: 1, setAt: Date.parse('2026-06-01T00:00:00Z') };
    expect(birthdayGiftYear(january, Date.parse('2026-12-31T15:59:00Z'), TZ)).toBeNull(); // 23:59 on 31 December in Taipei
    expect(birthdayGiftYear(january, Date.parse('2026-12-31T16:01:00Z'), TZ)).toBe(2027); // 00:01 on 1 January in Taipei, still 2026 in UTC
    expect(birthdayGiftYear(january, Date.parse('2027-01-31T15:59:00Z'), TZ)).toBe(2027);
    expect(birthdayGiftYear(january, Date.parse('2027-01-31T16:00:00Z'), TZ)).toBeNull(); // 1 February in Taipei
    expect(birthdayGiftYear({ month: 12, setAt: 0 }, Date.parse('2026-12-31T15:59:00Z'), TZ)).toBe(2026);
    // Given in the birthday month itself: no gift until it is a month old.
    const justSet = Date.parse('2026-12-20T00:00:00Z');
    expect(birthdayGiftYear({ month: 12, setAt: justSet }, justSet + 1000, TZ)).toBeNull();
    expect(birthdayGiftYear({ month: 1, setAt: justSet }, justSet + BIRTHDAY_NOTICE_MS, TZ)).toBe(2027);
    expect(birthdayGiftYear(null, Date.parse('2026-12-31T15:59:00Z'), TZ)).toBeNull();
  });

  it('locks a changed date for a year; the same date again is no change', () => {
    const set = { month: 3, day: 14, setAt: 1_000 };
    expect(birthdayChangeRefusal(null, 3, 14, 2_000)).toBeNull();
    expect(birthdayChangeRefusal(set, 3, 14, 2_000)).toBeNull();
    expect(birthdayChangeRefusal(set, 4, 1, 2_000)).toBe('locked');
    expect(birthdayChangeRefusal(set, 4, 1, 1_000 + BIRTHDAY_LOCK_MS)).toBeNull();
  });

  it('knows calendar dates, 29 February included', () => {
    expect(isCalendarDate(2, 29)).toBe(true);
    expect(isCalendarDate(2, 30)).toBe(false);
    expect(isCalendarDate(4, 31)).toBe(false);
    expect(isCalendarDate(13, 1)).toBe(false);
    expect(isCalendarDate(12, 31)).toBe(true);
  });
});
