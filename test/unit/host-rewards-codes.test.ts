/**
 * Coupon codes for a pool reward (client/host/logic/reward-codes.ts): pasted
 * lines and a CSV's first column, trimmed, blanks dropped, an obvious header
 * skipped, and sent in chunks the server takes.
 */
import { describe, expect, it } from 'vitest';
import { CODES_PER_REQUEST, chunked, codesFromCsv, codesFromLines, tooLongCodes } from '../../client/host/logic/reward-codes.ts';
import { RewardCodesBody } from '../../shared/rewards.ts';

describe('pasted codes', () => {
  it('one per line, any line ending, trimmed, blank lines dropped', () => {
    expect(codesFromLines('  A1 \r\nB2\n\n   \rC3\n')).toEqual(['A1', 'B2', 'C3']);
    expect(codesFromLines('')).toEqual([]);
  });

  it('a line that looks like a header is kept: pasting is codes only', () => {
    expect(codesFromLines('code\nX')).toEqual(['code', 'X']);
  });
});

describe('codes from a CSV file', () => {
  it('reads the first column and skips an obvious header row', () => {
    expect(codesFromCsv('Code,Value,Expires\nSAVE-1,100,2030-01-01\nSAVE-2,100,2030-01-01\n')).toEqual(['SAVE-1', 'SAVE-2']);
    expect(codesFromCsv('coupon_code\nA\n')).toEqual(['A']);
    expect(codesFromCsv('優惠碼\nA\n')).toEqual(['A']);
  });

  it('keeps a first row that is a code', () => {
    expect(codesFromCsv('ABC123,100\nDEF456,100')).toEqual(['ABC123', 'DEF456']);
  });

  it('understands quoted cells: commas, doubled quotes and line breaks inside, later columns ignored', () => {
    const csv = '"code","note"\r\n"A,1","x"\r\n"B""2","multi\nline note"\r\n" C3 ",""\r\n';
    expect(codesFromCsv(csv)).toEqual(['A,1', 'B"2', 'C3']);
  });

  it('drops a byte-order mark, blank rows and empty first cells; accepts ; and tab separators', () => {
    expect(codesFromCsv('\uFEFFcode;amount\nX1;5\n\n;7\r\nX2\t9\n  \n')).toEqual(['X1', 'X2']);
  });

  it('the last row needs no line ending', () => {
    expect(codesFromCsv('A\nB')).toEqual(['A', 'B']);
  });
});

describe('sending', () => {
  it('chunks of at most 5,000, in order, each one the server accepts', () => {
    const codes = Array.from({ length: 12_001 }, (_, i) => `C${i}`);
    const chunks = chunked(codes);
    expect(chunks.map((c) => c.length)).toEqual([CODES_PER_REQUEST, CODES_PER_REQUEST, 2001]);
    expect(chunks.flat()).toEqual(codes);
    for (const chunk of chunks) expect(RewardCodesBody.safeParse({ codes: chunk }).success).toBe(true);
    expect(chunked([])).toEqual([]);
  });

  it('names codes too long for the server before anything is sent', () => {
    const long = 'X'.repeat(65);
    expect(tooLongCodes(['ok', long, 'X'.repeat(64)])).toEqual([long]);
  });
});
