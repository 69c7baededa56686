/**
 * Refunded orders from the shop (a signed webhook, http/routes/refund-routes.ts):
 * the purchase points go back in proportion to the money (domain/refunds.ts),
 * through a reversal ledger entry per refund (Engine.reverse: earned totals
 * and tier drop with it); the refund that completes the order cancels its
 * claim, and the unit returns to stock (PerksEngine.cancelClaim).
 *
 * A balance already spent is not pushed below zero: the reversal takes what
 * is there and the rest is the refund's `shortfall`, kept on its record for
 * the seller (see docs/DECISIONS.md, issue 11 refunds).
 *
 * Idempotent by refundId, and safe to crash anywhere: the record is stored
 * first (it fixes the refund's share), then the reversal (idempotent by its
 * ledger key) and the claim (a cancelled claim stays cancelled), then the
 * settlement; a redelivery of an unsettled refund finishes the job, one of a
 * settled refund changes nothing.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { OrderRecord } from '../../shared/perks.ts';
import type { RefundRecord, RefundSettlement, RefundWebhookBody } from '../../shared/refunds.ts';
import { ledgerKey } from '../domain/keys.ts';
import { refundShare } from '../domain/refunds.ts';
import { utcDay } from '../domain/time.ts';
import { AppError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { ClaimCancelService } from './claim-cancel-service.ts';
import type { Clock } from './clock.ts';
import type { PointsService } from './points-service.ts';

/** Concurrent refunds of one order each retry this often before giving up (CONFLICT: the shop retries later). */
const RECORD_ATTEMPTS = 5;

export interface RefundOutcome {
  refundId: string;
  orderId: string;
  memberId: string;
  amountCents: number;
  /** Purchase points this refund takes back. */
  points: number;
  /** Of those, taken from the balance. */
  pointsTaken: number;
  /** Of those, already spent: not taken (the balance stopped at zero). */
  shortfall: number;
  /** The order's claim as the refund left it; null when it touched none. */
  claimStatus: RefundSettlement['claimStatus'];
  /** true the first time this refundId was applied. */
  created: boolean;
}

export class RefundService {
  constructor(
    private readonly store: Store,
    private readonly points: PointsService,
    private readonly claims: ClaimCancelService,
    private readonly clock: Clock,
  ) {}

  /** Applies a verified refund; idempotent by refundId. */
  async apply(body: RefundWebhookBody): Promise<RefundOutcome> {
    const order = await this.store.orderById(body.orderId);
    if (!order) throw new AppError(ErrorCode.NOT_FOUND, 'orderId: no such order', 'orderId');
    const known = await this.store.refundById(body.refundId);
    if (known && known.orderId !== order.orderId) {
      throw new AppError(ErrorCode.VALIDATION, 'refundId: already used for another order', 'refundId');
    }
    const { refund, created } = known ? { refund: known, created: false } : await this.record(order, body);
    const settled = refund.settlement ? refund : await this.settle(refund);
    return outcome(settled, created);
  }

  /** Stores the refund with its share, decided from the order's refunds before it (retried when another lands first). */
  private async record(order: OrderRecord, body: RefundWebhookBody): Promise<{ refund: RefundRecord; created: boolean }> {
    const purchase = await this.points.appliedEntry(ledgerKey.purchase(order.orderId));
    for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
      const earlier = await this.store.refundsOfOrder(order.orderId);
      const share = refundShare({
        orderCents: order.amountCents,
        // What the purchase really paid (nothing for a banned member, whose order earned nothing).
        orderPoints: Math.max(0, purchase?.delta ?? 0),
        refundedCents: earlier.reduce((sum, r) => sum + r.amountCents, 0),
        amountCents: body.amountCents,
      });
      if (!share.ok) {
        throw new AppError(ErrorCode.VALIDATION, `amountCents: more than is left of the order (${share.leftCents} cents)`, 'amountCents', {
          leftCents: share.leftCents,
        });
      }
      const stored = await this.store.recordRefund(
        {
          refundId: body.refundId,
          orderId: order.orderId,
          memberId: order.memberId,
          amountCents: share.amountCents,
          points: share.points,
          claimId: share.completesOrder ? order.claimId : null,
          createdAt: this.clock(),
          settlement: null,
        },
        earlier.length,
      );
      if (stored) return stored;
    }
    throw new AppError(ErrorCode.CONFLICT, 'orderId: other refunds of this order arrived at the same time; deliver this one again', 'orderId');
  }

  /** Takes the points back and cancels the claim (each idempotent), then records what that did. */
  private async settle(refund: RefundRecord): Promise<RefundRecord> {
    let pointsTaken = 0;
    let shortfall = 0;
    if (refund.points > 0) {
      const purchase = await this.points.appliedEntry(ledgerKey.purchase(refund.orderId));
      const reversal = await this.points.reverse({
        key: ledgerKey.refund(refund.refundId),
        memberId: refund.memberId,
        points: refund.points,
        reason: LedgerReason.purchaseReversal,
        streamId: purchase?.streamId ?? null,
        // The points leave the day they were earned on, so the tier window loses them only if it had them.
        earnedDay: utcDay(purchase?.at ?? refund.createdAt),
      });
      pointsTaken = reversal.taken;
      shortfall = reversal.shortfall;
    }
    const claim = refund.claimId ? await this.claims.cancel(refund.claimId, 'sale') : null;
    const settlement: RefundSettlement = { pointsTaken, shortfall, claimStatus: claim?.status ?? null, settledAt: this.clock() };
    return (await this.store.settleRefund(refund.refundId, settlement)) ?? { ...refund, settlement };
  }
}

function outcome(refund: RefundRecord, created: boolean): RefundOutcome {
  const s = refund.settlement!;
  return {
    refundId: refund.refundId,
    orderId: refund.orderId,
    memberId: refund.memberId,
    amountCents: refund.amountCents,
    points: refund.points,
    pointsTaken: s.pointsTaken,
    shortfall: s.shortfall,
    claimStatus: s.claimStatus,
    created,
  };
}
