/**
 * The seller's claim list of each drop, as pure functions: the rows as read
 * (GET /api/drops/:id/claims), a `claim` push applied to them, the search.
 */
import type { Claim, SellerClaimRow } from '../../../shared/perks.ts';

export interface DropClaimList {
  status: 'loading' | 'ready' | 'error';
  /** newest first, as the server lists them */
  rows: SellerClaimRow[];
}

/** Per drop id; a drop whose list was never opened has no entry. */
export type ClaimDesk = Readonly<Record<string, DropClaimList>>;

export const EMPTY_DESK: ClaimDesk = {};

/**
 * A pushed claim change. A listed claim takes the new status at once; a claim
 * the list does not have yet (just made) makes `stale` true: the caller reads
 * the list again to learn who made it. A late 'reserved' never undoes a later
 * status. Drops whose list is not open are left alone.
 */
export function applyClaimPush(desk: ClaimDesk, claim: Claim): { desk: ClaimDesk; stale: boolean } {
  const list = desk[claim.dropId];
  if (!list || list.status !== 'ready') return { desk, stale: false };
  const i = list.rows.findIndex((r) => r.claimId === claim.id);
  if (i < 0) return { desk, stale: true };
  const held = list.rows[i]!;
  if (claim.status === 'reserved' && held.status !== 'reserved') return { desk, stale: false };
  const rows = [...list.rows];
  rows[i] = { ...held, status: claim.status, expiresAt: claim.expiresAt };
  return { desk: { ...desk, [claim.dropId]: { ...list, rows } }, stale: false };
}

/** What the seller typed: a reference, a name or a handle, case-insensitive (as the server's `?q=`). */
export function filterClaimRows(rows: readonly SellerClaimRow[], query: string): readonly SellerClaimRow[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((r) => [r.checkoutRef, r.displayName, r.handle].some((v) => v?.toLowerCase().includes(needle)));
}
