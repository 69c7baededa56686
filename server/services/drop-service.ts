/**
 * Early-access drops: the host defines them, members claim them. The claim
 * is one atomic decision in the PerksEngine; this service decides what only
 * domain rules know (the member's tier, their window, minTier) first.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode } from '../../shared/error-codes.ts';
import type { Claim, ClaimPayment, CreateDropBody, Drop, DropRecord, MemberClaim } from '../../shared/perks.ts';
import { fillCheckoutUrl } from '../domain/checkout-link.ts';
import { dropStatus, dropWindows, opensAtFor, tierAllowed } from '../domain/drops.ts';
import { claimRefusalKey } from '../domain/refusals.ts';
import { tierById } from '../domain/tiers.ts';
import type { ClaimRefusal, DropStock, PerksEngine } from '../engine/perks-engine.ts';
import { AppError, notFound, refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RulesService } from './rules-service.ts';
import type { StreamService } from './stream-service.ts';

/** A refused claim, as the refusal table's AppError (domain/refusals.ts); NOT_OPEN tells when it opens. */
const claimRefusalError = (refusal: ClaimRefusal, opensAt: number) =>
  refused(claimRefusalKey[refusal], 'dropId', refusal === 'NOT_OPEN' ? { opensAt } : undefined);

/**
 * How long past its last possible reservation a closed drop is still swept:
 * ending a show closes its drops with reservations in flight, and a sweep
 * missed then (a restart, an outage) must still return their units.
 */
const CLOSED_DROP_SWEEP_GRACE_MS = 10 * 60_000;

/** What a member sees of their claim in the claim ack and GET /api/me/claims. */
export type ClaimView = MemberClaim;

export class DropService {
  /** Drop records never change but for closedAt (the engine knows that live), so caching them is safe. */
  private readonly records = new Map<string, DropRecord>();

  constructor(
    private readonly perks: PerksEngine,
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(streamId: string, input: CreateDropBody): Promise<Drop> {
    const stream = await this.streams.get(streamId);
    if (stream.status === 'ended') throw new AppError(ErrorCode.NOT_LIVE, 'the show has ended', 'streamId');
    const rules = await this.rules.get();
    if (input.minTier && !tierById(rules, input.minTier)) throw new AppError(ErrorCode.VALIDATION, 'minTier: no such tier', 'minTier');
    const now = this.clock();
    const record: DropRecord = {
      id: randomUUID(),
      streamId,
      title: input.title,
      description: input.description ?? null,
      imageUrl: input.imageUrl ?? null,
      priceCents: input.priceCents,
      memberPriceCents: input.memberPriceCents ?? null,
      currency: input.currency,
      stock: input.stock,
      perMemberLimit: input.perMemberLimit,
      opensAt: input.opensAt ?? now,
      minTier: input.minTier ?? null,
      reservationSeconds: input.reservationSeconds,
      createdAt: now,
      closedAt: null,
      checkoutUrl: input.checkoutUrl ?? null,
      paymentInstructions: input.paymentInstructions ?? null,
    };
    // Stock first: a drop visible in the store always has stock to claim from.
    await this.perks.defineDrop({ dropId: record.id, stock: record.stock, perMemberLimit: record.perMemberLimit });
    await this.store.createDrop(record);
    this.records.set(record.id, record);
    const drop = await this.view(record);
    this.events.emit('drop', drop);
    return drop;
  }

  async get(id: string): Promise<Drop> {
    return this.view(await this.record(id));
  }

  async listForStream(streamId: string): Promise<Drop[]> {
    const records = await this.store.dropsOfStream(streamId);
    return Promise.all(records.map((r) => this.view(r)));
  }

  async close(id: string): Promise<Drop> {
    const record = await this.record(id);
    await this.perks.closeDrop(id);
    const closed = (await this.store.closeDropRecord(id, this.clock())) ?? record;
    this.records.set(id, closed);
    const drop = await this.view(closed);
    this.events.emit('drop', drop);
    return drop;
  }

  async claim(memberId: string, dropId: string, requestId: string): Promise<ClaimView> {
    const record = await this.record(dropId);
    // An ended show sells nothing, whatever the drop's state (its drops closed as it ended). The show is cached (StreamService.get): no store read per claim.
    if ((await this.streams.get(record.streamId)).status === 'ended') throw refused('stream.ended', 'dropId');
    await this.points.assertNotBanned(memberId);
    const [rules, tier] = await Promise.all([this.rules.get(), this.points.tierOf(memberId)]);
    if (!tierAllowed(rules, record.minTier, tier)) {
      throw new AppError(ErrorCode.TIER_TOO_LOW, `this drop is for ${record.minTier} members and up`, 'dropId', {
        minTier: record.minTier,
      });
    }
    const now = this.clock();
    const opensAt = opensAtFor(record, tier);
    const decision = await this.perks.claim({
      dropId,
      memberId,
      requestId,
      nowMs: now,
      opensAtForMember: opensAt,
      claimId: randomUUID(),
      checkoutRef: checkoutRef(),
      expiresAt: now + record.reservationSeconds * 1000,
    });
    if (!decision.ok) throw claimRefusalError(decision.refusal, opensAt);
    // A new claim took a unit; a replayed lapsed reservation returned units (the engine expired the due ones on its way).
    if (!decision.replayed || decision.expired) this.events.emit('dropStockChanged', dropId, record.streamId);
    if (!decision.replayed) this.events.emit('claim', decision.claim, record.streamId);
    for (const lapsed of decision.expired ?? []) this.events.emit('claim', lapsed, record.streamId);
    const { id, status, expiresAt, checkoutRef: ref } = decision.claim;
    return { id, dropId, status, expiresAt, checkoutRef: ref, ...(await this.payment(record, decision.claim)) };
  }

  /** Host or paid order: the reservation becomes a sale. */
  async confirm(claimId: string): Promise<Claim> {
    // A drop the engine forgot (its show retired, services/show-retirement.ts) was settled: its claims are final, in the store.
    const claim = (await this.perks.confirmClaim(claimId, this.clock())) ?? (await this.store.claimById(claimId));
    if (!claim) throw notFound('claim');
    if (claim.status === 'expired') {
      throw new AppError(ErrorCode.CONFLICT, 'the reservation expired before it was confirmed', 'claimId');
    }
    if (claim.status === 'cancelled') throw new AppError(ErrorCode.CONFLICT, 'the claim was cancelled', 'claimId');
    // Stock left is unchanged, but the room's count of sold units moved.
    const { streamId } = await this.record(claim.dropId);
    this.events.emit('dropStockChanged', claim.dropId, streamId);
    this.events.emit('claim', claim, streamId);
    return claim;
  }

  /** From the engine, or from the store once the engine forgot the settled drop. */
  async claimById(claimId: string): Promise<Claim | null> {
    return (await this.perks.claimById(claimId)) ?? this.store.claimById(claimId);
  }

  /** The member's claims, each with how to pay for it. */
  async claimsOf(memberId: string): Promise<Array<Claim & ClaimPayment>> {
    const claims = await this.store.claimsOfMember(memberId, 100);
    return Promise.all(claims.map((c) => this.withPayment(c)));
  }

  /**
   * The claim carrying a checkout reference: the engine knows it from the
   * moment the claim was acknowledged (in Redis mode before the store does),
   * the store once the engine forgot its settled drop.
   */
  async claimByRef(checkoutRef: string): Promise<Claim | null> {
    const id = await this.perks.claimIdByRef(checkoutRef);
    return (id ? await this.claimById(id) : null) ?? this.store.claimByCheckoutRef(checkoutRef);
  }

  /** The host confirms what the buyer has: their checkout reference. */
  async confirmByRef(checkoutRef: string): Promise<Claim> {
    const claim = await this.claimByRef(checkoutRef);
    if (!claim) throw new AppError(ErrorCode.NOT_FOUND, 'no reservation carries this checkout reference', 'checkoutRef');
    return this.confirm(claim.id);
  }

  /** The claim with how its member pays for it (the join ack, GET /api/me/claims). */
  async withPayment(claim: Claim): Promise<Claim & ClaimPayment> {
    return { ...claim, ...(await this.payment(await this.record(claim.dropId), claim)) };
  }

  /** How the member pays for a claim: the drop's checkout link filled for it, or the seller's instructions. */
  private async payment(record: DropRecord, claim: Claim): Promise<ClaimPayment> {
    const template = record.checkoutUrl ?? null;
    // The member is read only when the link needs their shop id: a claim storm costs no extra read.
    const externalId = template?.includes('{externalId}') ? ((await this.store.memberById(claim.memberId))?.externalId ?? null) : null;
    const checkoutUrl = fillCheckoutUrl(template, {
      ref: claim.checkoutRef,
      claimId: claim.id,
      dropId: record.id,
      memberId: claim.memberId,
      externalId,
      priceCents: record.memberPriceCents ?? record.priceCents,
      currency: record.currency,
    });
    return { checkoutUrl, paymentInstructions: record.paymentInstructions ?? null };
  }

  /** Returns stock of lapsed reservations in the show's drops; called periodically for live shows. */
  async expireReservations(streamId: string): Promise<void> {
    const now = this.clock();
    for (const record of await this.store.dropsOfStream(streamId)) {
      if (record.closedAt !== null && record.closedAt + record.reservationSeconds * 1000 + CLOSED_DROP_SWEEP_GRACE_MS < now) continue;
      const expired = await this.perks.expireClaims(record.id, now);
      if (expired.length > 0) this.events.emit('dropStockChanged', record.id, streamId);
      for (const lapsed of expired) this.events.emit('claim', lapsed, streamId);
    }
  }

  async record(id: string): Promise<DropRecord> {
    const cached = this.records.get(id);
    if (cached) return cached;
    const record = await this.store.dropById(id);
    if (!record) throw notFound('drop');
    this.records.set(id, record);
    return record;
  }

  /** The engine's counters; for a drop it forgot (settled, its show retired), the same figures from the store's claims. */
  private async stockOf(record: DropRecord): Promise<DropStock | null> {
    const live = await this.perks.dropStock(record.id);
    if (live || record.closedAt === null) return live;
    const { reserved, confirmed } = await this.store.claimCountsOfDrop(record.id);
    return { stock: record.stock, remaining: record.stock - reserved - confirmed, reserved, confirmed, closed: true };
  }

  private async view(record: DropRecord): Promise<Drop> {
    // stamped before the read: the counts are at least this fresh (screens order them against drop:stock pushes)
    const stockAt = this.clock();
    const [rules, stock] = await Promise.all([this.rules.get(), this.stockOf(record)]);
    const remaining = stock?.remaining ?? 0;
    const closed = (stock?.closed ?? false) || record.closedAt !== null;
    const windows = dropWindows(rules, record);
    return {
      ...record,
      remaining,
      reserved: stock?.reserved ?? 0,
      confirmed: stock?.confirmed ?? 0,
      stockAt,
      windows,
      status: dropStatus(windows, closed, remaining, this.clock()),
    };
  }
}

/** Short, unambiguous reference a shop's checkout can carry (no 0/O/1/I). */
function checkoutRef(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  let ref = 'FR-';
  for (const b of bytes) ref += alphabet[b % alphabet.length];
  return ref;
}
