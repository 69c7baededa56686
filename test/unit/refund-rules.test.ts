/** The refund share rule (server/domain/refunds.ts): proportional, rounded on the running total, never past the order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundShare } from '../../server/domain/refunds.ts';

describe('refundShare', () => {
  it('a full refund (amount omitted) takes back every point and completes the order', () => {
    expect(refundShare({ orderCents: 120_000, orderPoints: 1200, refundedCents: 0, amountCents: undefined })).toEqual({
      ok: true,
      amountCents: 120_000,
      points: 1200,
      completesOrder: true,
    });
  });

  it('rounds the running total down: 1/3 + 1/3 + the rest of 100 points is 33 + 33 + 34', () => {
    const order = { orderCents: 300, orderPoints: 100 };
    expect(refundShare({ ...order, refundedCents: 0, amountCents: 100 })).toMatchObject({ points: 33, completesOrder: false });
    expect(refundShare({ ...order, refundedCents: 100, amountCents: 100 })).toMatchObject({ points: 33 });
    expect(refundShare({ ...order, refundedCents: 200, amountCents: undefined })).toMatchObject({ amountCents: 100, points: 34, completesOrder: true });
  });

  it('refuses more than is left, and anything once nothing is left', () => {
    expect(refundShare({ orderCents: 1000, orderPoints: 10, refundedCents: 400, amountCents: 601 })).toEqual({ ok: false, leftCents: 600 });
    expect(refundShare({ orderCents: 1000, orderPoints: 10, refundedCents: 1000, amountCents: undefined })).toEqual({ ok: false, leftCents: 0 });
    expect(refundShare({ orderCents: 0, orderPoints: 0, refundedCents: 0, amountCents: undefined })).toEqual({ ok: false, leftCents: 0 });
  });

  it('stays exact past 2^53 (points × cents)', () => {
    const r = refundShare({ orderCents: 100_000_000_00, orderPoints: 100_000_000, refundedCents: 0, amountCents: 33_333_333_33 });
    expect(r).toMatchObject({ points: 33_333_333 });
  });

  it('any split of an order takes back between 0 and its points, and exactly its points when it covers the order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 8 }), (orderCents, orderPoints, parts) => {
        let refunded = 0;
        let taken = 0;
        for (const part of parts) {
          const share = refundShare({ orderCents, orderPoints, refundedCents: refunded, amountCents: part });
          if (!share.ok) {
            expect(part).toBeGreaterThan(orderCents - refunded);
            continue;
          }
          refunded += share.amountCents;
          taken += share.points;
          expect(share.points).toBeGreaterThanOrEqual(0);
          expect(taken).toBeLessThanOrEqual(orderPoints);
        }
        const rest = refundShare({ orderCents, orderPoints, refundedCents: refunded, amountCents: undefined });
        if (rest.ok) taken += rest.points;
        expect(taken).toBe(orderPoints);
      }),
    );
  });
});
