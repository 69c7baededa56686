import { describe, expect, it } from 'vitest';
import { formatCountdown, formatMoney } from '../../client/common/format.ts';
import { pickLocale, translator } from '../../client/common/i18n.ts';
import { offsetFrom } from '../../client/common/server-clock.ts';

describe('front-end helpers', () => {
  it('formats countdowns as m:ss, h:mm:ss, never negative, rounding up', () => {
    expect(formatCountdown(120_000)).toBe('2:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('formats money for the currency and locale', () => {
    expect(formatMoney(120_000, 'TWD', 'en')).toMatch(/1,200/);
    expect(formatMoney(120_000, 'TWD', 'en')).not.toMatch(/\.00/);
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(formatMoney(120_000, 'TWD', 'zh-TW')).toMatch(/1,200/);
  });

  it('picks zh-TW for any Chinese browser language unless the person chose otherwise', () => {
    expect(pickLocale(['zh-HK', 'en'], null)).toBe('zh-TW');
    expect(pickLocale(['en-US'], null)).toBe('en');
    expect(pickLocale(['zh-TW'], 'en')).toBe('en');
    expect(pickLocale(['fr'], 'zh-TW')).toBe('zh-TW');
  });

  it('fills placeholders and falls back to English for a missing key', () => {
    const t = translator({ en: { hi: 'Hi {name}', only: 'English only' }, 'zh-TW': { hi: '嗨 {name}' } as never }, 'zh-TW');
    expect(t('hi', { name: '小明' })).toBe('嗨 小明');
    expect(t('only')).toBe('English only');
  });

  it('estimates the server offset from the round trip with the least delay', () => {
    const offset = offsetFrom([
      { sentAt: 1000, receivedAt: 1400, serverNow: 6300 },
      { sentAt: 2000, receivedAt: 2020, serverNow: 7010 },
    ]);
    expect(offset).toBe(5000);
    expect(offsetFrom([])).toBe(0);
  });
});
