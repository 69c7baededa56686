/**
 * What the seller needs to hand goods over: the claims of a drop (who, with
 * which checkout reference, in what state) and the winners of a drawn
 * lottery, as rows for the dashboard and as CSV for a spreadsheet.
 */
import { currentHolders, prizeOffers } from '../../shared/domain/prize-handover.ts';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Member } from '../../shared/models.ts';
import type { Claim, SellerClaimRow } from '../../shared/perks.ts';
import { toCsv } from '../domain/csv.ts';
import { AppError, refused } from '../errors.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DropService } from './drop-service.ts';
import { handoverOf } from './lottery-prizes.ts';

/** More claims than any one drop sells in a show; the list and the export stop here. */
const MAX_CLAIMS = 5000;

export class FulfilmentService {
  constructor(
    private readonly store: Store,
    private readonly perks: PerksEngine,
    private readonly drops: DropService,
    private readonly clock: Clock,
  ) {}

  /**
   * The drop's claims, newest first; `q` keeps those whose checkout reference,
   * display name or handle contains it (case-insensitive).
   */
  async claimsOfDrop(dropId: string, q?: string): Promise<SellerClaimRow[]> {
    await this.drops.record(dropId); // NOT_FOUND for an unknown drop
    // In Redis mode claims reach the store through the outbox: flushed first, the list holds every acknowledged claim.
    await this.perks.flush();
    const claims = await this.store.claimsOfDrop(dropId, MAX_CLAIMS);
    const members = await this.membersOf(claims.map((c) => c.memberId));
    const rows = claims.map((c) => sellerRow(c, members.get(c.memberId)));
    const needle = q?.trim().toLowerCase();
    if (!needle) return rows;
    return rows.filter((r) => [r.checkoutRef, r.displayName, r.handle].some((v) => v?.toLowerCase().includes(needle)));
  }

  async claimsCsv(dropId: string): Promise<string> {
    const rows = await this.claimsOfDrop(dropId);
    return toCsv(
      ['checkout_ref', 'status', 'display_name', 'handle', 'shop_customer_id', 'member_id', 'claim_id', 'created_at', 'expires_at'],
      rows.map((r) => [r.checkoutRef, r.status, r.displayName, r.handle, r.externalId, r.memberId, r.claimId, iso(r.createdAt), iso(r.expiresAt)]),
    );
  }

  /**
   * A drawn lottery's prizes, one row each: who holds it now (the winner, or
   * the alternate it passed to after an unclaimed window), whether they
   * claimed it, and by when they must. Before the draw there is nobody to ship to.
   */
  async winnersCsv(lotteryId: string): Promise<string> {
    const found = await this.store.lotteryById(lotteryId);
    if (!found) throw refused('lottery.notFound');
    const { record, proof } = found;
    if (!proof) throw new AppError(ErrorCode.NOT_READY, 'the lottery has not been drawn yet', 'lotteryId');
    const holders = currentHolders(prizeOffers(handoverOf(record, proof, this.clock())));
    const members = await this.membersOf(holders.map((h) => h.memberId));
    return toCsv(
      ['prize_no', 'role', 'display_name', 'handle', 'shop_customer_id', 'member_id', 'claim_status', 'claim_by', 'claimed_at', 'lottery', 'prize', 'drawn_at'],
      holders.map((h) => {
        const m = members.get(h.memberId);
        const role = h.rank < proof.winnerCount ? 'winner' : `alternate ${h.rank - proof.winnerCount + 1}`;
        return [h.slot + 1, role, m?.displayName ?? null, m?.handle ?? null, m?.externalId ?? null, h.memberId, h.status, iso(h.deadline), iso(h.claimedAt), record.title, record.prize, iso(record.drawnAt)];
      }),
    );
  }

  private async membersOf(ids: string[]): Promise<Map<string, Member>> {
    const unique = [...new Set(ids)];
    return new Map((unique.length > 0 ? await this.store.membersByIds(unique) : []).map((m) => [m.id, m]));
  }
}

function sellerRow(c: Claim, member: Member | undefined): SellerClaimRow {
  return {
    claimId: c.id,
    memberId: c.memberId,
    displayName: member?.displayName ?? null,
    handle: member?.handle ?? null,
    externalId: member?.externalId ?? null,
    checkoutRef: c.checkoutRef,
    status: c.status,
    expiresAt: c.expiresAt,
    createdAt: c.createdAt,
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
