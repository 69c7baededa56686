/** The rules text says what the server enforces, setting by setting, in both languages. */
import { describe, expect, it } from 'vitest';
import { lotteryRulesText, type RulesLanguage, type RulesSource } from '../../shared/lottery-rules-text.ts';
import { DEFAULT_LOTTERY_SETTINGS } from '../../shared/perks.ts';

const base: RulesSource = {
  winners: 2,
  minTier: null,
  entryCostPoints: 0,
  requireWatching: true,
  settings: DEFAULT_LOTTERY_SETTINGS,
  drawAlgorithm: 'frontrow-lottery-v2',
};
const all = (l: RulesSource, lang: RulesLanguage) => Object.values(lotteryRulesText(l, lang)).flat().join(' ');

describe('lottery rules text', () => {
  const cases: Array<[string, Partial<RulesSource>, RegExp, RegExp]> = [
    ['a paid entry', { entryCostPoints: 50 }, /costs 50 points/, /花費 50 點/],
    ['a minimum tier', { minTier: 'gold', tierName: 'Gold' }, /Open to Gold members and up/, /限 Gold 以上會員/],
    ['equal odds', { settings: { ...DEFAULT_LOTTERY_SETTINGS, odds: 'equal' } }, /same chance/, /機會均等/],
    ['free entry', { requireWatching: false, settings: { ...DEFAULT_LOTTERY_SETTINGS, freeEntry: true } }, /no purchase necessary/, /無須購買/],
    ['recent winners excluded', { settings: { ...DEFAULT_LOTTERY_SETTINGS, excludeRecentWinners: 3 } }, /last 3 draws cannot enter/, /最近 3 次抽獎/],
    ['a minimum account age', { settings: { ...DEFAULT_LOTTERY_SETTINGS, minAccountAgeDays: 7 } }, /at least 7 days old/, /至少 7 天/],
    ['the claim window', { settings: { ...DEFAULT_LOTTERY_SETTINGS, claimWindowHours: 24 } }, /within 24 hours/, /24 小時內/],
    ['alternates (v2)', {}, /next alternate/, /下一位候補/],
    ['commit-only draws (v1)', { drawAlgorithm: 'frontrow-lottery-v1' }, /must be trusted/, /必須被信任/],
  ];
  for (const [what, over, english, chinese] of cases) {
    it(`states ${what} in English and Chinese`, () => {
      const l = { ...base, ...over };
      expect(all(l, 'en')).toMatch(english);
      expect(all(l, 'zh-TW')).toMatch(chinese);
      // The defaults (a v2 draw) promise alternates; nothing else above holds without its setting.
      if (what !== 'alternates (v2)') {
        expect(all(base, 'en')).not.toMatch(english);
        expect(all(base, 'zh-TW')).not.toMatch(chinese);
      }
    });
  }

  it('says watching is required only when it is', () => {
    expect(all(base, 'en')).toMatch(/must be watching/);
    expect(all({ ...base, requireWatching: false }, 'en')).not.toMatch(/must be watching/);
    expect(all({ ...base, requireWatching: false }, 'zh-TW')).not.toMatch(/觀看直播/);
  });
});
