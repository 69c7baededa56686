import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../client/host/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('host dashboard dictionary', () => {
  const en = DICTIONARIES.en as Record<string, string>;
  const zh = DICTIONARIES['zh-TW'] as Record<string, string>;

  it('has every English key in Traditional Chinese, none left blank or untranslated', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const blank = Object.entries(zh).filter(([, v]) => v.trim() === '');
    expect(blank).toEqual([]);
    // strings that are only placeholders or symbols may match; prose must not
    const untranslated = Object.keys(en).filter((k) => /[a-z]{3,}/i.test(en[k]!.replace(/\{\w+\}/g, '')) && zh[k] === en[k]);
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter((k) => placeholders(en[k]!).join() !== placeholders(zh[k]!).join());
    expect(mismatched).toEqual([]);
  });
});
