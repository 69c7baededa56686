import { describe, expect, it } from 'vitest';
import { checkoutTemplateProblem } from '../../shared/domain/checkout-template.ts';
import { fillCheckoutUrl, type CheckoutValues } from '../../server/domain/checkout-link.ts';
import { csvCell, toCsv } from '../../server/domain/csv.ts';

const values: CheckoutValues = {
  ref: 'FR-ABCDEFGH23',
  claimId: 'c-1',
  dropId: 'd-1',
  memberId: 'm-1',
  externalId: 'a&b=c/ä #1',
  priceCents: 99900,
  currency: 'TWD',
};

describe('checkout link templates', () => {
  it('accepts http(s) templates with known placeholders', () => {
    expect(checkoutTemplateProblem('https://shop.test/checkout?ref={ref}&c={externalId}')).toBeNull();
    expect(checkoutTemplateProblem('HTTP://shop.test/{dropId}/{claimId}/{memberId}?p={priceCents}{currency}')).toBeNull();
    expect(checkoutTemplateProblem('https://shop.test/pay')).toBeNull();
  });

  it('refuses other schemes, a scheme made of a placeholder, unknown placeholders and stray braces', () => {
    expect(checkoutTemplateProblem('javascript:alert(1)')).toMatch(/http/);
    expect(checkoutTemplateProblem('{ref}://shop.test')).toMatch(/http/);
    expect(checkoutTemplateProblem('ftp://shop.test/{ref}')).toMatch(/http/);
    expect(checkoutTemplateProblem('https://shop.test/?r={reference}')).toMatch(/unknown placeholder \{reference\}/);
    expect(checkoutTemplateProblem('https://shop.test/?r={}')).toMatch(/unknown placeholder \{\}/);
    expect(checkoutTemplateProblem('https://shop.test/?r={ref')).toMatch(/unbalanced/);
    expect(checkoutTemplateProblem('https://')).not.toBeNull();
  });

  it('fills every placeholder URL-encoded, so each value stays one value', () => {
    const url = fillCheckoutUrl('https://shop.test/p/{dropId}?ref={ref}&c={externalId}&amt={priceCents}&cur={currency}&id={claimId}&m={memberId}', values)!;
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/p/d-1');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ ref: 'FR-ABCDEFGH23', c: 'a&b=c/ä #1', amt: '99900', cur: 'TWD', id: 'c-1', m: 'm-1' });
    expect(parsed.hash).toBe('');
  });

  it('fills a missing shop id with nothing, and gives no link without a template', () => {
    expect(fillCheckoutUrl('https://shop.test/?c={externalId}', { ...values, externalId: null })).toBe('https://shop.test/?c=');
    expect(fillCheckoutUrl(null, values)).toBeNull();
  });
});

describe('CSV for spreadsheets', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('Lee, "Kim"')).toBe('"Lee, ""Kim"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(-5)).toBe('"-5"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(evil)).toBe(`"'${evil}"`);
    expect(csvCell('a=1')).toBe('"a=1"');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv(['a', 'b'], [['1', 2], [null, '=x']])).toBe('"a","b"\r\n"1","2"\r\n"","\'=x"\r\n');
  });
});
