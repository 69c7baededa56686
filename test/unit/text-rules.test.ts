/** Names and comments (shared/text.ts) and the schemas that apply them (shared/schemas.ts). */
import { describe, expect, it } from 'vitest';
import { cleanComment, cleanName, isReservedName, nameProblem, SHOP_NAME_FALLBACK, shopDisplayName } from '../../shared/text.ts';
import { CommentTextSchema, DisplayNameSchema, HandleSchema, NewHandleSchema, ShopNameSchema, SignupBody } from '../../shared/schemas.ts';

const RLO = '\u202E';
const ZWSP = '\u200B';

describe('names', () => {
  it('are NFC-normalised with whitespace runs made one space', () => {
    expect(cleanName('  Jose\u0301   Li\u00A0 ')).toBe('José Li');
    expect(cleanName('Jose\u0301')).toBe(cleanName('José'));
  });

  it.each([
    ['a right-to-left override', `Ann${RLO}gpj.exe`, 'U+202E'],
    ['a left-to-right isolate', 'Ann\u2066x', 'U+2066'],
    ['a right-to-left mark', 'Ann\u200F', 'U+200F'],
    ['a zero-width space', `Ad${ZWSP}min`, 'U+200B'],
    ['a zero-width joiner', 'A\u200Db', 'U+200D'],
    ['a word joiner', 'A\u2060b', 'U+2060'],
    ['a byte order mark', '\uFEFFAnn', 'U+FEFF'],
    ['a soft hyphen', 'Ad\u00ADmin', 'U+00AD'],
    ['NUL', 'Ann\u0000', 'U+0000'],
    ['an escape', 'Ann\u001B[31m', 'U+001B'],
    ['a line separator', 'Ann\u2028Bob', 'U+2028'],
  ])('refuse %s, naming it', (_what, name, code) => {
    expect(nameProblem(cleanName(name))).toContain(code);
  });

  it('refuse broken UTF-16', () => {
    expect(nameProblem('Ann\uD800')).toMatch(/broken/);
  });

  it.each(['host', 'HOST', 'Host!', 'admin', 'Ａｄｍｉｎ', 'Administrator', 'moderator', 'Front Row', 'front_row', 'FRONT-ROW', 'The Host', 'host 🎤'])(
    'refuse the reserved name %j',
    (name) => {
      expect(isReservedName(name)).toBe(true);
      expect(nameProblem(cleanName(name))).toMatch(/reserved/);
    },
  );

  it.each(['Ghost', 'Badminton Fan', 'hostess', 'Front Row Fan', '小明', 'Zoë', 'مريم', 'Ann 🎤'])('accept the ordinary name %j', (name) => {
    expect(nameProblem(cleanName(name))).toBeNull();
  });
});

describe('comments', () => {
  it('lose control and invisible characters, keep the words', () => {
    expect(cleanComment(`nice ${RLO}txt.exe`)).toBe('nice txt.exe');
    expect(cleanComment(`sp${ZWSP}am`)).toBe('spam');
    expect(cleanComment('a\u0000b\u0007c')).toBe('abc');
    expect(cleanComment('\uFEFF hi \u2066there\u2069 ')).toBe('hi there');
  });
  it('turn line breaks and tabs into spaces', () => {
    expect(cleanComment('one\ntwo\tthree\r\nfour\u2028five')).toBe('one two three  four five');
  });
  it('keep emoji sequences whole, but no stray joiner', () => {
    expect(cleanComment('👩‍💻 coding')).toBe('👩‍💻 coding');
    expect(cleanComment('👩🏽‍💻')).toBe('👩🏽‍💻');
    expect(cleanComment('family 👨‍👩‍👧!')).toBe('family 👨‍👩‍👧!');
    expect(cleanComment('\u200D👩')).toBe('👩');
    expect(cleanComment('a\u200Db')).toBe('ab');
  });
  it('are NFC-normalised and repair broken UTF-16', () => {
    expect(cleanComment('Jose\u0301')).toBe('José');
    expect(cleanComment('x\uDC00y')).toBe('x\uFFFDy');
    expect(cleanComment('y\uD800')).toBe('y\uFFFD');
    expect(cleanComment('ok 🎤')).toBe('ok 🎤');
  });
});

describe('shop names', () => {
  it('are cleaned, not refused: the customer must get in', () => {
    expect(shopDisplayName(`Ann${RLO} Lee`)).toBe('Ann Lee');
    expect(shopDisplayName(`An${ZWSP}n\u0000`)).toBe('Ann');
    expect(shopDisplayName('x'.repeat(60))).toBe('x'.repeat(40));
  });
  it('fall back when nothing showable or a reserved name is left', () => {
    expect(shopDisplayName(`${ZWSP}${RLO}`)).toBe(SHOP_NAME_FALLBACK);
    expect(shopDisplayName('ADMIN')).toBe(SHOP_NAME_FALLBACK);
    expect(shopDisplayName(`H${ZWSP}OST`)).toBe(SHOP_NAME_FALLBACK);
  });
});

describe('schemas', () => {
  it('refuse a bad display name with VALIDATION-ready issues naming the field', () => {
    const result = SignupBody.safeParse({ handle: 'ann', password: 'password1', displayName: `Ann${RLO}` });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['displayName']);
    expect(result.error!.issues[0]!.message).toContain('U+202E');
  });
  it('refuse a reserved handle at sign-up, but let it sign in', () => {
    expect(NewHandleSchema.safeParse('Admin').success).toBe(false);
    expect(NewHandleSchema.safeParse('front.row').success).toBe(false);
    expect(HandleSchema.safeParse('Admin').success).toBe(true);
  });
  it('return the cleaned display name', () => {
    expect(DisplayNameSchema.parse('  Zoe\u0308  Chen ')).toBe('Zoë Chen');
    expect(DisplayNameSchema.safeParse('   ').success).toBe(false);
    expect(DisplayNameSchema.safeParse('x'.repeat(41)).success).toBe(false);
  });
  it('measure a comment after cleaning it', () => {
    expect(CommentTextSchema.parse(`  hi${ZWSP}!  `)).toBe('hi!');
    expect(CommentTextSchema.safeParse(`${ZWSP}${RLO} `).success).toBe(false);
    expect(CommentTextSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });
  it('clean the shop name claim', () => {
    expect(ShopNameSchema.parse(`Mei${RLO}`)).toBe('Mei');
  });
});
