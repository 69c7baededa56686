/**
 * Paid orders from the shop (a signed webhook): purchase points count toward
 * tiers like every earned point, and an order naming a claim confirms it.
 * Idempotent by orderId: however often the shop delivers, points pay once.
 * The signature is checked at the HTTP edge (http/webhook-signature.ts):
 * orders reach this service verified and parsed.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import type { Claim, OrderWebhookBody } from '../../shared/perks.ts';
import { purchasePoints } from '../domain/drops.ts';
import { ledgerKey } from '../domain/keys.ts';
import { AppError, notFound } from '../errors.ts';
import type { MemberRecord, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { DropService } from './drop-service.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';

export interface OrderOutcome {
  orderId: string;
  memberId: string;
  points: number;
  /** true the first time this orderId was applied */
  created: boolean;
  claim: Claim | null;
}

export class OrderService {
  constructor(
    private readonly store: Store,
    private readonly drops: DropService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  /** Applies a verified order; idempotent by orderId. */
  async apply(order: OrderWebhookBody): Promise<OrderOutcome> {
    // The claim is checked before the member is looked up, so a refused order creates no shop customer.
    // It is named by its id or by the checkout reference the buyer paid with (the schema allows one of them).
    const claim = order.claimId
      ? await this.drops.claimById(order.claimId)
      : order.checkoutRef
        ? await this.drops.claimByRef(order.checkoutRef)
        : null;
    const member = await this.memberOf(order, claim);
    if (namesClaim(order) && (!claim || claim.memberId !== member.id)) throw noSuchClaim(order);
    const rules = await this.rules.get();
    const points = purchasePoints(order.amountCents, rules.purchase);
    const streamId = claim ? (await this.drops.record(claim.dropId)).streamId : null;
    // Points first, then the claim, then the record: each step is idempotent, so a crash
    // between them is repaired by the shop's next delivery.
    await this.points.award({ key: ledgerKey.purchase(order.orderId), memberId: member.id, delta: points, reason: LedgerReason.purchase, streamId });
    const confirmed = claim ? await this.confirmIfReserved(claim) : null;
    const { created } = await this.store.recordOrder({
      orderId: order.orderId,
      memberId: member.id,
      amountCents: order.amountCents,
      currency: order.currency,
      claimId: claim?.id ?? null,
      paidAt: order.paidAt ?? this.clock(),
      points,
      createdAt: this.clock(),
    });
    // Every delivery, the first or a repeat: missions count an order id once, and a repeat repairs a crash before this line.
    this.events.emit('activity', { kind: 'purchase', memberId: member.id, streamId, at: this.clock(), key: `order:${order.orderId}`, amountCents: order.amountCents });
    return { orderId: order.orderId, memberId: member.id, points, created, claim: confirmed };
  }

  /** A paid order confirms its reservation; an expired one stays expired (the shop sees it in the answer). */
  private async confirmIfReserved(claim: Claim): Promise<Claim> {
    if (claim.status !== 'reserved') return claim;
    try {
      return await this.drops.confirm(claim.id);
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.CONFLICT) return (await this.drops.claimById(claim.id)) ?? claim;
      throw err;
    }
  }

  private async memberOf(order: OrderWebhookBody, claim: Claim | null): Promise<MemberRecord> {
    if (order.memberId) {
      const member = await this.store.memberById(order.memberId);
      if (!member) throw notFound('member');
      return member;
    }
    if (namesClaim(order)) {
      // Whoever holds a claim has signed in already: the order's shop id must be theirs, and nobody is created.
      const owner = claim ? await this.store.memberById(claim.memberId) : null;
      if (!owner || owner.externalId !== order.externalId) throw noSuchClaim(order);
      return owner;
    }
    // A shop customer who has not signed in yet: their points wait for them under their shop id.
    const { member } = await this.store.findOrCreateByExternalId({
      id: randomUUID(),
      handle: null,
      displayName: 'Shop customer',
      externalId: order.externalId!,
      passwordHash: null,
      createdAt: this.clock(),
    });
    return member;
  }
}

const namesClaim = (order: OrderWebhookBody): boolean => Boolean(order.claimId || order.checkoutRef);

function noSuchClaim(order: OrderWebhookBody): AppError {
  const field = order.checkoutRef ? 'checkoutRef' : 'claimId';
  return new AppError(ErrorCode.VALIDATION, `${field}: no such claim of this member`, field);
}
