import { describe, expect, it } from 'vitest';
import { translator } from '../../client/common/i18n.ts';
import { pluralCategory, pluralKey } from '../../client/common/plural.ts';
import { DICTIONARIES as HOST } from '../../client/host/i18n.ts';
import { DICTIONARIES as LIVE } from '../../client/live/i18n.ts';

describe('plurals through Intl.PluralRules', () => {
  const dictionaries = {
    en: { members: '{count} members', members_one: '{count} member', plain: '{count} watching' },
    'zh-TW': { members: '{count} 位會員', members_one: '{count} 位會員', plain: '{count} 人觀看中' },
  };

  it('picks English one/other by the count, Chinese always other', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('en', 2)).toBe('other');
    expect(pluralCategory('zh-TW', 1)).toBe('other');
  });

  it('uses the plural form when the dictionary has it, else the key itself', () => {
    expect(pluralKey(dictionaries.en, 'en', 'members', 1)).toBe('members_one');
    expect(pluralKey(dictionaries.en, 'en', 'members', 3)).toBe('members');
    expect(pluralKey(dictionaries.en, 'en', 'plain', 1)).toBe('plain');
    expect(pluralKey(dictionaries.en, 'en', 'members', '1')).toBe('members'); // a preformatted string is not a count
  });

  it('says "1 member" and "1,200 members" with the count formatted for the reader', () => {
    const en = translator(dictionaries, 'en');
    expect(en('members', { count: 1 })).toBe('1 member');
    expect(en('members', { count: 0 })).toBe('0 members');
    expect(en('members', { count: 1200 })).toBe('1,200 members');
    expect(translator(dictionaries, 'zh-TW')('members', { count: 1 })).toBe('1 位會員');
  });

  it('fixes the first show\'s "(s)" strings in the real dictionaries', () => {
    const host = translator(HOST, 'en');
    expect(host('form.fixFields', { count: 1 })).toBe('1 field needs attention.');
    expect(host('form.fixFields', { count: 2 })).toBe('2 fields need attention.');
    expect(host('rules.fixFields', { count: 1 })).toBe('1 field needs attention');
    expect(host('lotteries.drawnNotice', { title: 'Mug', count: 1 })).toBe('“Mug” drawn: 1 winner.');
    expect(host('lotteries.entriesCount', { count: 1 })).toBe('1 entry');
    expect(translator(LIVE, 'en')('room.members', { count: 1 })).toBe('1 member');
    expect(translator(LIVE, 'zh-TW')('room.members', { count: 1 })).toBe('1 位會員');
    const noParenthesisedPlurals = (d: Record<string, string>) => Object.values(d).filter((v) => /\w\(s\)/.test(v.replace('http(s)', '')));
    expect(noParenthesisedPlurals(HOST.en)).toEqual([]);
    expect(noParenthesisedPlurals(LIVE.en)).toEqual([]);
  });
});
