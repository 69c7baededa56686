/**
 * Cancelling claims: the host releases a reservation (POST
 * /api/claims/:id/release) and a refund cancels its order's claim
 * (refund-service.ts). The engine decides and applies (PerksEngine.cancelClaim,
 * domain/claims.ts cancelClaim); this announces what changed to the room and
 * to the member's tabs.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Claim } from '../../shared/perks.ts';
import { cancelClaim, type CancelScope } from '../domain/claims.ts';
import type { PerksEngine } from '../engine/perks-engine.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { DropService } from './drop-service.ts';

export class ClaimCancelService {
  constructor(
    private readonly perks: PerksEngine,
    private readonly store: Store,
    private readonly drops: DropService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * The host releases a reservation: it is cancelled and its unit is back in
   * stock. Idempotent: a claim already cancelled, or lapsed (its unit is back
   * too), is answered as it is. A paid claim is refunded, not released: CONFLICT.
   */
  async release(claimId: string): Promise<Claim> {
    const claim = await this.cancel(claimId, 'reservation');
    if (!claim) throw notFound('claim');
    if (claim.status === 'confirmed') {
      throw new AppError(ErrorCode.CONFLICT, 'this claim is paid: refund its order instead of releasing it', 'claimId');
    }
    return claim;
  }

  /**
   * Cancels the claim within `scope` (PerksEngine.cancelClaim) and, when this
   * call changed it, tells the room (stock) and the member's tabs (the claim).
   * Returns the claim as it is now; null when unknown.
   */
  async cancel(claimId: string, scope: CancelScope): Promise<Claim | null> {
    const now = this.clock();
    const claim = (await this.perks.cancelClaim(claimId, now, scope)) ?? (await this.cancelForgotten(claimId, now, scope));
    if (!claim) return null;
    // Set now only by this call (a concurrent one at the same millisecond announces the same thing again: harmless).
    const changedNow = claim.updatedAt === now && (claim.status === 'cancelled' || claim.status === 'expired');
    if (changedNow) {
      const { streamId } = await this.drops.record(claim.dropId);
      this.events.emit('dropStockChanged', claim.dropId, streamId);
      this.events.emit('claim', claim, streamId);
    }
    return claim;
  }

  /**
   * A drop the engine forgot (its show retired, services/show-retirement.ts)
   * is settled: nothing reserved, its claims final in the store and its stock
   * read from their counts. A refund may still cancel a sale there: the same
   * rule, written straight to the store.
   */
  private async cancelForgotten(claimId: string, now: number, scope: CancelScope): Promise<Claim | null> {
    const step = cancelClaim(await this.store.claimById(claimId), now, scope);
    if (step.writes.changed.length > 0) await this.store.upsertClaims(step.writes.changed);
    return step.reply;
  }
}
