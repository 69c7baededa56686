/**
 * The sessions half of MongoStore (session-records.ts). Each write is one
 * single-document operation; a unique `_id` decides which of two processes
 * spends an assertion, and a TTL index forgets ids once they expire.
 */
import { isDuplicateKey, retryOnceOnDuplicate } from './mongo-errors.ts';
import type { MongoModels } from './mongo-models.ts';
import type { SessionRecords } from './session-records.ts';

export class MongoSessionRecords implements SessionRecords {
  /** A getter, not the models: MongoStore's models exist only between init() and close(). */
  constructor(private readonly models: () => MongoModels) {}

  async setPasswordHash(memberId: string, passwordHash: string): Promise<boolean> {
    return (await this.models().members.updateOne({ _id: memberId }, { $set: { passwordHash } }).exec()).matchedCount > 0;
  }

  async sessionVersion(memberId: string): Promise<number> {
    const doc = await this.models().memberSessions.findById(memberId).lean<{ version: number }>().exec();
    return doc?.version ?? 0;
  }

  async bumpSessionVersion(memberId: string): Promise<number> {
    const doc = await retryOnceOnDuplicate(() =>
      this.models()
        .memberSessions.findOneAndUpdate({ _id: memberId }, { $inc: { version: 1 } }, { upsert: true, returnDocument: 'after', lean: true })
        .exec(),
    );
    return doc!.version;
  }

  async endSession(jti: string, expiresAt: number): Promise<void> {
    // Two processes ending the same token at once: the retry finds the other's record.
    await retryOnceOnDuplicate(() =>
      this.models().endedSessions.updateOne({ _id: jti }, { $setOnInsert: { expiresAt: new Date(expiresAt) } }, { upsert: true }).exec(),
    );
  }

  async isSessionEnded(jti: string): Promise<boolean> {
    return (await this.models().endedSessions.exists({ _id: jti }).exec()) !== null;
  }

  async spendAssertion(jti: string, expiresAt: number): Promise<boolean> {
    try {
      await this.models().spentAssertions.create({ _id: jti, expiresAt: new Date(expiresAt) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
}
