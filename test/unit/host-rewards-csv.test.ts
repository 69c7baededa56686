/**
 * The redemption export (client/host/logic/redemptions.ts, csv.ts): RFC 4180
 * quoting and the formula guard, the same rule as the server's exports.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../client/host/logic/csv.ts';
import { redemptionsCsv, shortMemberId } from '../../client/host/logic/redemptions.ts';
import * as serverCsv from '../../server/domain/csv.ts';
import type { Redemption } from '../../shared/rewards.ts';

describe('CSV cells', () => {
  it('quotes every cell and doubles quotes; commas and line breaks stay inside the cell', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b\r\nc')).toBe('"a,b\r\nc"');
    expect(csvCell(null)).toBe('""');
  });

  it('a text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers do not', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-5)).toBe('"-5"');
  });

  it('writes what the server writes for the same rows', () => {
    const rows = [['=1+1', 'a "b"', -3, null, '@x', 'ok\n']];
    expect(toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], rows)).toBe(serverCsv.toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], rows));
  });
});

describe('the redemption export', () => {
  const redemption = (over: Partial<Redemption> = {}): Redemption => ({
    id: 'r-1',
    rewardId: 'w-1',
    memberId: 'm-1234567890',
    requestId: 'q-1',
    pricePoints: 300,
    ledgerKey: 'reward:w-1:m-1234567890:q-1',
    code: null,
    status: 'pending',
    period: null,
    createdAt: Date.UTC(2030, 0, 2, 3, 4, 5),
    updatedAt: Date.UTC(2030, 0, 2, 3, 4, 5),
    ...over,
  });

  it('a header and one row per redemption shown, CRLF, full ids, UTC times, the title guarded', () => {
    const csv = redemptionsCsv([redemption(), redemption({ id: 'r-2', rewardId: 'w-2', code: '-CODE', status: 'fulfilled' })], (id) =>
      id === 'w-1' ? '=Tea, "the good one"' : null,
    );
    const lines = csv.split('\r\n');
    expect(lines).toEqual([
      '"redemptionId","createdAt","status","memberId","rewardId","rewardTitle","pricePoints","code","updatedAt"',
      '"r-1","2030-01-02T03:04:05.000Z","pending","m-1234567890","w-1","\'=Tea, ""the good one""","300","","2030-01-02T03:04:05.000Z"',
      '"r-2","2030-01-02T03:04:05.000Z","fulfilled","m-1234567890","w-2","","300","\'-CODE","2030-01-02T03:04:05.000Z"',
      '',
    ]);
  });

  it('an empty list is just the header', () => {
    expect(redemptionsCsv([], () => null).split('\r\n')).toHaveLength(2);
  });

  it('member ids are shortened for the table only', () => {
    expect(shortMemberId('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBe('0f1e2d3c…');
    expect(shortMemberId('m-1')).toBe('m-1');
  });
});
