/** How the room and the dashboard apply a `claim` push (and a re-read) to the claims they show. */
import { describe, expect, it } from 'vitest';
import type { Claim, MemberClaim, SellerClaimRow } from '../../shared/perks.ts';
import { reduceClaimPush, reduceClaimsRead } from '../../client/live/store/reducers.ts';
import { applyClaimPush, filterClaimRows, type ClaimDesk } from '../../client/host/store/claim-desk-reducers.ts';

const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'c1',
  dropId: 'd1',
  memberId: 'm1',
  requestId: 'r1',
  status: 'reserved',
  expiresAt: 5000,
  checkoutRef: 'FR-AAAA',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const mine = (over: Partial<MemberClaim> = {}): MemberClaim => ({
  id: 'c1',
  dropId: 'd1',
  status: 'reserved',
  expiresAt: 5000,
  checkoutRef: 'FR-AAAA',
  checkoutUrl: 'https://shop.test/pay?ref=FR-AAAA',
  paymentInstructions: null,
  ...over,
});
const row = (over: Partial<SellerClaimRow> = {}): SellerClaimRow => ({
  claimId: 'c1',
  memberId: 'm1',
  displayName: 'Mei Chen',
  handle: 'mei',
  externalId: 'shop-1',
  checkoutRef: 'FR-AAAA',
  status: 'reserved',
  expiresAt: 5000,
  createdAt: 1,
  ...over,
});

describe('the room: a claim push', () => {
  it('shows a confirmed claim paid and keeps its checkout link', () => {
    const { claims, known } = reduceClaimPush([mine()], claim({ status: 'confirmed', updatedAt: 2 }));
    expect(known).toBe(true);
    expect(claims).toEqual([mine({ status: 'confirmed' })]);
  });

  it('drops a lapsed or cancelled claim', () => {
    expect(reduceClaimPush([mine(), mine({ id: 'c2' })], claim({ status: 'expired' })).claims.map((c) => c.id)).toEqual(['c2']);
    expect(reduceClaimPush([mine()], claim({ status: 'cancelled' as Claim['status'] })).claims).toEqual([]);
  });

  it('never lets a late reserved undo a confirmation', () => {
    const confirmed = [mine({ status: 'confirmed' })];
    expect(reduceClaimPush(confirmed, claim()).claims).toBe(confirmed);
  });

  it('adds a claim made in another tab first, without a link, and says it was unknown', () => {
    const { claims, known } = reduceClaimPush([mine()], claim({ id: 'c9', checkoutRef: 'FR-NEW' }));
    expect(known).toBe(false);
    expect(claims[0]).toEqual({ id: 'c9', dropId: 'd1', status: 'reserved', expiresAt: 5000, checkoutRef: 'FR-NEW' });
    expect(reduceClaimPush([mine()], claim({ id: 'c9', status: 'expired' })).claims).toEqual([mine()]);
  });

  it('a re-read brings the link, keeps a status pushed meanwhile, and keeps claims the read lacks', () => {
    const held = [{ id: 'c9', dropId: 'd1', status: 'confirmed' as const, expiresAt: 5000, checkoutRef: 'FR-NEW' }, mine({ id: 'c8' })];
    const read = [mine({ id: 'c9', checkoutRef: 'FR-NEW', checkoutUrl: 'https://shop.test/pay?ref=FR-NEW' }), mine({ id: 'c7' })];
    expect(reduceClaimsRead(held, read)).toEqual([
      mine({ id: 'c9', checkoutRef: 'FR-NEW', checkoutUrl: 'https://shop.test/pay?ref=FR-NEW', status: 'confirmed' }),
      mine({ id: 'c8' }),
      mine({ id: 'c7' }),
    ]);
  });
});

describe('the dashboard: a claim push on the seller’s list', () => {
  const desk: ClaimDesk = { d1: { status: 'ready', rows: [row(), row({ claimId: 'c2', checkoutRef: 'FR-BBBB', displayName: 'Bo Lin', handle: null })] } };

  it('updates a listed claim at once', () => {
    const { desk: next, stale } = applyClaimPush(desk, claim({ status: 'confirmed' }));
    expect(stale).toBe(false);
    expect(next.d1!.rows[0]).toEqual(row({ status: 'confirmed' }));
    expect(next.d1!.rows[1]).toBe(desk.d1!.rows[1]);
  });

  it('asks for a re-read when a new claim arrives, and leaves unopened lists alone', () => {
    expect(applyClaimPush(desk, claim({ id: 'c3' }))).toEqual({ desk, stale: true });
    expect(applyClaimPush(desk, claim({ dropId: 'd2' }))).toEqual({ desk, stale: false });
  });

  it('never lets a late reserved undo a confirmation', () => {
    const confirmed: ClaimDesk = { d1: { status: 'ready', rows: [row({ status: 'confirmed' })] } };
    expect(applyClaimPush(confirmed, claim()).desk).toBe(confirmed);
  });

  it('searches by reference, name or handle, ignoring case and spaces', () => {
    const rows = desk.d1!.rows;
    expect(filterClaimRows(rows, ' fr-bbb ').map((r) => r.claimId)).toEqual(['c2']);
    expect(filterClaimRows(rows, 'MEI').map((r) => r.claimId)).toEqual(['c1']);
    expect(filterClaimRows(rows, '')).toBe(rows);
    expect(filterClaimRows(rows, 'nobody')).toEqual([]);
  });
});
