/**
 * The birthday form's calendar and the points-expiry line's formatting
 * (client/live/logic/birthday.ts), and their words in both languages.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../client/common/i18n.ts';
import { DICTIONARIES } from '../../client/live/i18n.ts';
import { BIRTHDAY_LOCK_MS, birthdayChangeableAt, clampDay, daysInMonth, formatBirthday, formatDate, monthNames } from '../../client/live/logic/birthday.ts';

describe('the birthday selects', () => {
  it('offers the days each month can have, 29 February included (the server accepts it)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(daysInMonth)).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(0)).toBe(31); // no month chosen yet: every day
    expect(daysInMonth(13)).toBe(31);
  });

  it('keeps the day when the month changes, or moves it to the month’s last day', () => {
    expect(clampDay(4, 31)).toBe(30);
    expect(clampDay(2, 30)).toBe(29);
    expect(clampDay(3, 14)).toBe(14);
    expect(clampDay(null, 31)).toBe(31);
    expect(clampDay(2, null)).toBeNull();
  });

  it('names the twelve months in the reader’s language', () => {
    const en = monthNames('en');
    expect(en).toHaveLength(12);
    expect(en[0]).toBe('January');
    expect(en[2]).toBe('March');
    expect(monthNames('zh-TW')[2]).toBe('3月');
  });
});

describe('dates said to the member', () => {
  it('shows a birthday without a year, whatever the device’s time zone', () => {
    expect(formatBirthday(3, 14, 'en')).toBe('March 14');
    expect(formatBirthday(3, 14, 'zh-TW')).toBe('3月14日');
    expect(formatBirthday(2, 29, 'en')).toBe('February 29');
  });

  it('shows when points expire as a calendar date with its year', () => {
    const at = Date.UTC(2025, 4, 14, 12);
    expect(formatDate(at, 'en', 'UTC')).toBe('May 14, 2025');
    expect(formatDate(at, 'zh-TW', 'UTC')).toBe('2025年5月14日');
  });

  it('says when a birthday can change again: a year after it was given', () => {
    expect(birthdayChangeableAt(1_000)).toBe(1_000 + BIRTHDAY_LOCK_MS);
    expect(BIRTHDAY_LOCK_MS).toBe(365 * 86_400_000);
  });

  it('words the expiry line and the birthday in both languages, one point in the singular', () => {
    const en = translator(DICTIONARIES, 'en');
    const zh = translator(DICTIONARIES, 'zh-TW');
    expect(en('rewards.expiring', { count: 500, date: 'May 14, 2025' })).toBe('500 points expire on May 14, 2025.');
    expect(en('rewards.expiring', { count: 1, date: 'May 14, 2025' })).toBe('1 point expires on May 14, 2025.');
    expect(en('rewards.expiring', { count: 1200, date: 'x' })).toBe('1,200 points expire on x.');
    expect(zh('rewards.expiring', { count: 500, date: '2025年5月14日' })).toBe('500 點將於 2025年5月14日 到期。');
    expect(en('birthday.shown', { date: formatBirthday(3, 14, 'en') })).toBe('Birthday: March 14');
    expect(zh('birthday.shown', { date: formatBirthday(3, 14, 'zh-TW') })).toBe('生日：3月14日');
    expect(en('birthday.error.CONFLICT.plain')).toBe('A birthday can be changed once a year.');
  });
});
