/**
 * The lottery composer's form → the create body and the rules preview
 * (client/host/logic/lottery-form.ts): free entry clears and leaves out what
 * a free-entry lottery may not set, numbers are parsed as typed (junk and
 * fractions refused by the shared schema on their own field), and the
 * preview reads blank or half-typed numbers as the server's defaults.
 */
import { describe, expect, it } from 'vitest';
import {
  BLANK_LOTTERY_FORM,
  expectedDrawAlgorithm,
  lotteryBodyFrom,
  rulesLanguageOf,
  rulesSourceFrom,
  withFreeEntry,
  type LotteryForm,
} from '../../client/host/logic/lottery-form.ts';
import { fieldProblems } from '../../client/host/logic/problems.ts';
import { lotteryRulesText } from '../../shared/lottery-rules-text.ts';
import { CreateLotteryBody, DEFAULT_LOTTERY_SETTINGS } from '../../shared/perks.ts';

const form = (over: Partial<LotteryForm> = {}): LotteryForm => ({ ...BLANK_LOTTERY_FORM, title: 'Thank-you giveaway', prize: 'Tea set', ...over });
const parse = (f: LotteryForm) => CreateLotteryBody.safeParse(lotteryBodyFrom(f), { reportInput: true });
const rulesOf = (f: LotteryForm, lang: 'en' | 'zh-TW' = 'en') => Object.values(lotteryRulesText(rulesSourceFrom(f, 'frontrow-lottery-v2', null), lang)).flat().join(' ');

describe('lottery composer: the create body', () => {
  it('sends a blank form as a paid-style lottery with the default settings', () => {
    const parsed = parse(form());
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      title: 'Thank-you giveaway',
      prize: 'Tea set',
      winners: 1,
      entryCostPoints: 0,
      requireWatching: true,
      ...DEFAULT_LOTTERY_SETTINGS,
    });
  });

  it('parses every number as typed', () => {
    const body = lotteryBodyFrom(
      form({ winners: '3', entryCostPoints: ' 50 ', minTier: 'gold', excludeRecentWinners: '2', minAccountAgeDays: '30', claimWindowHours: '24', odds: 'equal' }),
    );
    expect(body).toMatchObject({ winners: 3, entryCostPoints: 50, minTier: 'gold', excludeRecentWinners: 2, minAccountAgeDays: 30, claimWindowHours: 24, odds: 'equal' });
  });

  it('leaves blank settings out, so the server applies its defaults', () => {
    const body = lotteryBodyFrom(form({ excludeRecentWinners: '', minAccountAgeDays: ' ', claimWindowHours: '' }));
    expect(body.excludeRecentWinners).toBeUndefined();
    expect(body.minAccountAgeDays).toBeUndefined();
    expect(body.claimWindowHours).toBeUndefined();
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('claimWindowHours');
    expect(parse(form({ claimWindowHours: '' })).data?.claimWindowHours).toBe(48);
  });

  it('refuses junk, fractions and out-of-range numbers on their own field', () => {
    const parsed = parse(form({ claimWindowHours: '1.5', excludeRecentWinners: 'lots', minAccountAgeDays: '4000' }));
    expect(parsed.success).toBe(false);
    const fields = fieldProblems(parsed.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(['claimWindowHours', 'excludeRecentWinners', 'minAccountAgeDays']);
    expect(fields.claimWindowHours?.key).toBe('issue.integer');
    expect(fields.minAccountAgeDays).toEqual({ key: 'issue.max', params: { max: 3650 } });
    expect(parse(form({ claimWindowHours: '0' })).error?.issues[0]?.path).toEqual(['claimWindowHours']);
  });
});

describe('lottery composer: free entry', () => {
  const paid = form({ entryCostPoints: '50', minTier: 'gold', requireWatching: true });

  it('clears the cost, the tier and watching when ticked', () => {
    const free = withFreeEntry(paid, true);
    expect(free).toMatchObject({ freeEntry: true, entryCostPoints: '0', minTier: '', requireWatching: false });
    expect(free.title).toBe(paid.title);
  });

  it('sends neither cost, tier nor requireWatching: the server sets watching false itself', () => {
    const body = lotteryBodyFrom(withFreeEntry(paid, true));
    expect(body.freeEntry).toBe(true);
    for (const key of ['entryCostPoints', 'minTier', 'requireWatching']) expect(body).not.toHaveProperty(key);
    const parsed = parse(withFreeEntry(paid, true));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.requireWatching).toBeUndefined();
  });

  it('leaves them out even if the form still held them', () => {
    const body = lotteryBodyFrom({ ...paid, freeEntry: true });
    for (const key of ['entryCostPoints', 'minTier', 'requireWatching']) expect(body).not.toHaveProperty(key);
    expect(parse({ ...paid, freeEntry: true }).success).toBe(true);
  });

  it('unticked again, returns to a new lottery’s entry conditions rather than the hidden old ones', () => {
    const again = withFreeEntry(withFreeEntry(paid, true), false);
    expect(again).toMatchObject({ freeEntry: false, entryCostPoints: '0', minTier: '', requireWatching: true });
    expect(lotteryBodyFrom(again)).toMatchObject({ freeEntry: false, entryCostPoints: 0, requireWatching: true });
  });
});

describe('lottery composer: the rules preview', () => {
  it('says what the form sets, in either language', () => {
    const f = withFreeEntry(form({ claimWindowHours: '24', excludeRecentWinners: '2' }), true);
    expect(rulesOf(f)).toMatch(/no purchase necessary/);
    expect(rulesOf(f)).toMatch(/within 24 hours/);
    expect(rulesOf(f)).toMatch(/last 2 draws cannot enter/);
    expect(rulesOf(f, 'zh-TW')).toMatch(/無須購買/);
    expect(rulesOf(f, 'zh-TW')).toMatch(/24 小時內/);
  });

  it('reads blank or half-typed numbers as the defaults, never NaN', () => {
    for (const typed of ['', '-', 'abc', '2.5', '0']) {
      const source = rulesSourceFrom(form({ claimWindowHours: typed, winners: typed, excludeRecentWinners: typed }), 'frontrow-lottery-v1', null);
      expect(source.settings.claimWindowHours).toBe(48); // '0' too: a window is at least an hour
      expect(source.winners).toBe(1);
      expect(source.settings.excludeRecentWinners).toBe(0);
    }
    expect(rulesOf(form({ claimWindowHours: '' }))).toMatch(/within 48 hours/);
  });

  it('names the minimum tier by its name, and no tier once entry is free', () => {
    const gold = form({ minTier: 'gold', entryCostPoints: '10' });
    expect(lotteryRulesText(rulesSourceFrom(gold, 'frontrow-lottery-v2', 'Gold'), 'en').whoMayEnter.join(' ')).toMatch(/Open to Gold members and up/);
    const free = rulesSourceFrom({ ...gold, freeEntry: true }, 'frontrow-lottery-v2', 'Gold');
    expect(free).toMatchObject({ minTier: null, tierName: null, entryCostPoints: 0, requireWatching: false });
  });

  it('maps the dashboard locale to the rules language', () => {
    expect(rulesLanguageOf('en')).toBe('en');
    expect(rulesLanguageOf('zh-TW')).toBe('zh-TW');
  });

  it('expects the draw of the newest lottery it knows, else drand (v2)', () => {
    expect(expectedDrawAlgorithm([])).toBe('frontrow-lottery-v2');
    expect(
      expectedDrawAlgorithm([
        { createdAt: 1, drawAlgorithm: 'frontrow-lottery-v2' },
        { createdAt: 5, drawAlgorithm: 'frontrow-lottery-v1' },
        { createdAt: 3, drawAlgorithm: 'frontrow-lottery-v2' },
      ]),
    ).toBe('frontrow-lottery-v1');
  });
});
