/**
 * The perks half of MongoStore: drops, claims, lotteries, lottery entries and
 * shop orders (schemas in mongo-models.ts). MongoStore delegates to this
 * class; it lives apart only to keep each file one concern.
 *
 * As in MongoStore, atomicity comes from single-document operations and
 * unique indexes, never from read-then-write in this process: "set once"
 * fields (closedAt, the lottery proof) are filtered updates on the field still
 * being null, "insert if absent" is an upsert or an insert whose duplicate is
 * ignored, and claims only move forward through a filter on their status.
 * Writes are journaled through the connection's write concern.
 */
import type { LotteryProof } from '../../shared/lottery-proof.ts';
import type { Claim, ClaimStatus, DropRecord, LotteryEntry, LotteryFreeze, LotteryRecord, OrderRecord } from '../../shared/perks.ts';
import { conflictFrom, isOnlyDuplicateKeys, retryOnceOnDuplicate } from './mongo-errors.ts';
import type { ClaimDoc, DropDoc, LotteryDoc, LotteryEntryDoc, MongoModels, OrderDoc } from './mongo-models.ts';

type Drawn = { record: LotteryRecord; proof: LotteryProof };

export class MongoPerksRecords {
  /** A getter, not the models: MongoStore's models exist only between init() and close(). */
  constructor(private readonly models: () => MongoModels) {}

  // ---- drops and claims ----

  async createDrop(drop: DropRecord): Promise<DropRecord> {
    const doc = toDropDoc(drop);
    try {
      await this.models().drops.create(doc);
    } catch (err) {
      throw conflictFrom(err) ?? err;
    }
    return toDropRecord(doc);
  }

  async dropById(id: string): Promise<DropRecord | null> {
    const doc = await this.models().drops.findById(id).lean<DropDoc>().exec();
    return doc ? toDropRecord(doc) : null;
  }

  async dropsOfStream(streamId: string): Promise<DropRecord[]> {
    const docs = await this.models().drops.find({ streamId }).sort({ createdAt: -1, _id: -1 }).lean<DropDoc[]>().exec();
    return docs.map(toDropRecord);
  }

  async closeDropRecord(id: string, atMs: number): Promise<DropRecord | null> {
    const drops = this.models().drops;
    // `closedAt: null` in the filter keeps the first close; a later one falls through to the read.
    const closed = await drops
      .findOneAndUpdate({ _id: id, closedAt: null }, { $set: { closedAt: atMs } }, { returnDocument: 'after' })
      .lean<DropDoc>()
      .exec();
    const doc = closed ?? (await drops.findById(id).lean<DropDoc>().exec());
    return doc ? toDropRecord(doc) : null;
  }

  async upsertClaims(claims: Claim[]): Promise<void> {
    if (claims.length === 0) return;
    // Per claim, in batch order: (1) insert it as it comes when its id is new;
    // (2) for a later status, move it on only from the statuses before it
    // (a 'confirmed' claim only to 'cancelled', as in SqlitePerksRecords). Both are
    // no-ops when there is nothing to do, so no expected duplicate errors, and a
    // late or replayed 'reserved' (the outbox may deliver out of order, to several
    // processes) never undoes a final status. Ordered, so a batch holding both
    // states of one claim applies them in its own order: the first final status wins.
    const ops = claims.flatMap((claim) => {
      const { _id, ...fields } = toClaimDoc(claim);
      const insertIfNew = { updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } };
      if (claim.status === 'reserved') return [insertIfNew];
      const moveOn = {
        updateOne: {
          filter: { _id, status: { $in: movesFrom(claim.status) } },
          update: { $set: { status: claim.status, updatedAt: claim.updatedAt } },
        },
      };
      return [insertIfNew, moveOn];
    });
    // A racing insert of the same new claim loses on the _id index; the retry finds it
    // and, every step being monotonic, applies the rest. A second id for a request
    // that already has a claim stays a duplicate and reaches the caller.
    await retryOnceOnDuplicate(() => this.models().claims.bulkWrite(ops, { ordered: true }));
  }

  async claimById(id: string): Promise<Claim | null> {
    const doc = await this.models().claims.findById(id).lean<ClaimDoc>().exec();
    return doc ? toClaim(doc) : null;
  }

  async claimByCheckoutRef(checkoutRef: string): Promise<Claim | null> {
    const doc = await this.models().claims.findOne({ checkoutRef }).lean<ClaimDoc>().exec();
    return doc ? toClaim(doc) : null;
  }

  async claimsOfDrop(dropId: string, limit: number): Promise<Claim[]> {
    if (limit < 1) return [];
    // The unique (dropId, memberId, requestId) index serves the dropId prefix; a drop's claims are few.
    const docs = await this.models().claims.find({ dropId }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ClaimDoc[]>().exec();
    return docs.map(toClaim);
  }

  async claimCountsOfDrop(dropId: string): Promise<{ reserved: number; confirmed: number }> {
    // The unique (dropId, memberId, requestId) index serves the dropId prefix.
    const [reserved, confirmed] = await Promise.all([
      this.models().claims.countDocuments({ dropId, status: 'reserved' }).exec(),
      this.models().claims.countDocuments({ dropId, status: 'confirmed' }).exec(),
    ]);
    return { reserved, confirmed };
  }

  async claimsOfMember(memberId: string, limit: number): Promise<Claim[]> {
    // MongoDB reads limit(0) as "no limit".
    if (limit < 1) return [];
    const docs = await this.models()
      .claims.find({ memberId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<ClaimDoc[]>()
      .exec();
    return docs.map(toClaim);
  }

  // ---- lotteries ----

  async createLottery(lottery: LotteryRecord): Promise<void> {
    try {
      await this.models().lotteries.create(toLotteryDoc(lottery));
    } catch (err) {
      throw conflictFrom(err) ?? err;
    }
  }

  async lotteryById(id: string): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    const doc = await this.models().lotteries.findById(id).lean<LotteryDoc>().exec();
    return doc ? { record: toLotteryRecord(doc), proof: doc.proof ?? null } : null;
  }

  async lotteriesOfStream(streamId: string): Promise<LotteryRecord[]> {
    const docs = await this.models()
      .lotteries.find({ streamId })
      .sort({ createdAt: -1, _id: -1 })
      .lean<LotteryDoc[]>()
      .exec();
    return docs.map(toLotteryRecord);
  }

  async recordDraw(id: string, proof: LotteryProof, drawnAt: number): Promise<Drawn | null> {
    const lotteries = this.models().lotteries;
    // The compare-and-set: of racing draws exactly one matches `proof: null`; the
    // others read the winner's document below.
    const drawn = await lotteries
      .findOneAndUpdate({ _id: id, proof: null, status: { $in: ['open', 'drawing'] } }, { $set: { proof, status: 'drawn', drawnAt } }, { returnDocument: 'after' })
      .lean<LotteryDoc>()
      .exec();
    const doc = drawn ?? (await lotteries.findById(id).lean<LotteryDoc>().exec());
    if (!doc || doc.status === 'cancelled') return null;
    if (!doc.proof) throw new Error(`lottery ${id}: the draw stored no proof`);
    return { record: toLotteryRecord(doc), proof: doc.proof };
  }

  /** The compare-and-set of SqliteStore's: only an open, undrawn lottery freezes. */
  async freezeLottery(id: string, freeze: LotteryFreeze): Promise<LotteryRecord | null> {
    await this.models().lotteries.updateOne({ _id: id, proof: null, status: 'open' }, { $set: { status: 'drawing', freeze } }).exec();
    return (await this.lotteryById(id))?.record ?? null;
  }

  async lotteriesDrawing(): Promise<LotteryRecord[]> {
    const docs = await this.models().lotteries.find({ status: 'drawing' }).lean<LotteryDoc[]>().exec();
    return docs.map(toLotteryRecord);
  }

  /** The first claim stands: the filter matches only while the member has none. */
  async recordPrizeClaim(id: string, memberId: string, atMs: number): Promise<LotteryRecord | null> {
    const field = `prizeClaims.${memberId}`;
    await this.models().lotteries.updateOne({ _id: id, proof: { $ne: null }, [field]: { $exists: false } }, { $set: { [field]: atMs } }).exec();
    return (await this.lotteryById(id))?.record ?? null;
  }

  async recentDraws(limit: number): Promise<Drawn[]> {
    const docs = await this.models().lotteries.find({ status: 'drawn' }).sort({ drawnAt: -1 }).limit(limit).lean<LotteryDoc[]>().exec();
    return docs.flatMap((doc) => (doc.proof ? [{ record: toLotteryRecord(doc), proof: doc.proof }] : []));
  }

  /** The compare-and-set of SqliteStore's: only an open, undrawn lottery becomes cancelled. */
  async cancelLottery(id: string, atMs: number): Promise<{ record: LotteryRecord; proof: LotteryProof | null } | null> {
    await this.models().lotteries.updateOne({ _id: id, proof: null, status: 'open' }, { $set: { status: 'cancelled', cancelledAt: atMs } }).exec();
    return this.lotteryById(id);
  }

  async appendLotteryEntries(entries: LotteryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const entryModel = this.models().lotteryEntries;
    const docs = entries.map(toLotteryEntryDoc);
    // As appendLedger: validate first, because an unordered insertMany that also
    // hits a duplicate rethrows only the driver's error and would drop an invalid
    // document without a word.
    await Promise.all(docs.map((doc) => entryModel.validate(doc)));
    try {
      // Unordered: one member who entered before must not stop the new entries after it.
      await entryModel.insertMany(docs, { ordered: false });
    } catch (err) {
      // Duplicates on (lotteryId, memberId) are the entries already there; anything else must reach the caller.
      if (!isOnlyDuplicateKeys(err)) throw err;
    }
  }

  async lotteryEntries(lotteryId: string): Promise<LotteryEntry[]> {
    const docs = await this.models().lotteryEntries.find({ lotteryId }).lean<LotteryEntryDoc[]>().exec();
    return docs.map(toLotteryEntry);
  }

  // ---- shop orders ----

  async recordOrder(order: OrderRecord): Promise<{ order: OrderRecord; created: boolean }> {
    // The orderId is the _id, so it comes from the filter on insert.
    const { _id, ...onInsert } = toOrderDoc(order);
    const res = await retryOnceOnDuplicate(() =>
      this.models()
        .orders.findOneAndUpdate(
          { _id },
          { $setOnInsert: onInsert },
          { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true },
        )
        .exec(),
    );
    if (!res.value) throw new Error(`upsert of order ${order.orderId} returned no document`);
    return {
      order: toOrderRecord(res.value as OrderDoc),
      // updatedExisting is false exactly when this call inserted the document.
      created: res.lastErrorObject?.updatedExisting !== true,
    };
  }
}

// ---- documents <-> shared types (explicit fields, so _id and __v never leak) ----

function toDropDoc(d: DropRecord): DropDoc {
  return {
    _id: d.id,
    streamId: d.streamId,
    title: d.title,
    description: d.description,
    imageUrl: d.imageUrl,
    priceCents: d.priceCents,
    memberPriceCents: d.memberPriceCents,
    currency: d.currency,
    stock: d.stock,
    perMemberLimit: d.perMemberLimit,
    opensAt: d.opensAt,
    minTier: d.minTier,
    reservationSeconds: d.reservationSeconds,
    createdAt: d.createdAt,
    closedAt: d.closedAt,
    checkoutUrl: d.checkoutUrl,
    paymentInstructions: d.paymentInstructions,
  };
}

function toDropRecord(doc: DropDoc): DropRecord {
  return {
    id: doc._id,
    streamId: doc.streamId,
    title: doc.title,
    description: doc.description ?? null,
    imageUrl: doc.imageUrl ?? null,
    priceCents: doc.priceCents,
    memberPriceCents: doc.memberPriceCents ?? null,
    currency: doc.currency,
    stock: doc.stock,
    perMemberLimit: doc.perMemberLimit,
    opensAt: doc.opensAt,
    minTier: doc.minTier ?? null,
    reservationSeconds: doc.reservationSeconds,
    createdAt: doc.createdAt,
    closedAt: doc.closedAt ?? null,
    checkoutUrl: doc.checkoutUrl ?? null,
    paymentInstructions: doc.paymentInstructions ?? null,
  };
}

function toClaimDoc(c: Claim): ClaimDoc {
  return {
    _id: c.id,
    dropId: c.dropId,
    memberId: c.memberId,
    requestId: c.requestId,
    status: c.status,
    expiresAt: c.expiresAt,
    checkoutRef: c.checkoutRef,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function toClaim(doc: ClaimDoc): Claim {
  return {
    id: doc._id,
    dropId: doc.dropId,
    memberId: doc.memberId,
    requestId: doc.requestId,
    status: doc.status,
    expiresAt: doc.expiresAt,
    checkoutRef: doc.checkoutRef,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toLotteryDoc(l: LotteryRecord): LotteryDoc {
  return {
    _id: l.id,
    streamId: l.streamId,
    title: l.title,
    prize: l.prize,
    winners: l.winners,
    minTier: l.minTier,
    entryCostPoints: l.entryCostPoints,
    requireWatching: l.requireWatching,
    closesAt: l.closesAt,
    commitment: l.commitment,
    status: l.status,
    createdAt: l.createdAt,
    drawnAt: l.drawnAt,
    seed: l.seed,
    // Only what the record has, so it reads back as it was written (as SQLite's JSON does).
    ...(l.settings ? { settings: l.settings } : {}),
    ...(l.prizeClaims ? { prizeClaims: l.prizeClaims } : {}),
    proof: null,
  };
}

function toLotteryRecord(doc: LotteryDoc): LotteryRecord {
  return {
    id: doc._id,
    streamId: doc.streamId,
    title: doc.title,
    prize: doc.prize,
    winners: doc.winners,
    minTier: doc.minTier ?? null,
    entryCostPoints: doc.entryCostPoints,
    requireWatching: doc.requireWatching,
    closesAt: doc.closesAt ?? null,
    commitment: doc.commitment,
    status: doc.status,
    ...(doc.cancelledAt != null ? { cancelledAt: doc.cancelledAt } : {}),
    ...(doc.freeze ? { freeze: doc.freeze } : {}),
    ...(doc.settings ? { settings: doc.settings } : {}),
    ...(doc.prizeClaims != null ? { prizeClaims: doc.prizeClaims } : {}),
    createdAt: doc.createdAt,
    drawnAt: doc.drawnAt ?? null,
    seed: doc.seed,
  };
}

function toLotteryEntryDoc(e: LotteryEntry): LotteryEntryDoc {
  return { lotteryId: e.lotteryId, memberId: e.memberId, weight: e.weight, at: e.at };
}

export function toLotteryEntry(doc: LotteryEntryDoc): LotteryEntry {
  return { lotteryId: doc.lotteryId, memberId: doc.memberId, weight: doc.weight, at: doc.at };
}

function toOrderDoc(o: OrderRecord): OrderDoc {
  return {
    _id: o.orderId,
    memberId: o.memberId,
    amountCents: o.amountCents,
    currency: o.currency,
    claimId: o.claimId,
    paidAt: o.paidAt,
    points: o.points,
    createdAt: o.createdAt,
  };
}

export function toOrderRecord(doc: OrderDoc): OrderRecord {
  return {
    orderId: doc._id,
    memberId: doc.memberId,
    amountCents: doc.amountCents,
    currency: doc.currency,
    claimId: doc.claimId ?? null,
    paidAt: doc.paidAt,
    points: doc.points,
    createdAt: doc.createdAt,
  };
}

/** The statuses a claim may move on from to `status` (only a refund's 'cancelled' moves a confirmed claim). */
function movesFrom(status: ClaimStatus): ClaimStatus[] {
  return status === 'cancelled' ? ['reserved', 'confirmed'] : ['reserved'];
}
