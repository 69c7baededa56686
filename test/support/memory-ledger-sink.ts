/**
 * The durable sink of the Redis engines, kept in memory: ledger entries by
 * idempotency key, claims by id, lottery entries by (lotteryId, memberId). It
 * honours the ports exactly (existing keys untouched; a claim's status only
 * moves forward), so it is a real implementation for engine tests, not a mock.
 */
import type { LedgerSink, PerksSink } from '../../server/store/sinks.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Claim, ClaimStatus, LotteryEntry } from '../../shared/perks.ts';
import type { Redemption } from '../../shared/rewards.ts';

/** reserved → confirmed | expired | cancelled, confirmed → cancelled; expired and cancelled never change (as the stores). */
const movesOn = (from: ClaimStatus, to: ClaimStatus): boolean =>
  (from === 'reserved' && to !== 'reserved') || (from === 'confirmed' && to === 'cancelled');

export class MemoryLedgerSink implements LedgerSink, PerksSink {
  readonly byKey = new Map<string, LedgerEntry>();
  readonly claimsById = new Map<string, Claim>();
  readonly entriesByMember = new Map<string, LotteryEntry>();
  readonly redemptionsById = new Map<string, Redemption>();
  /** Number of appendLedger calls that carried entries (copies may repeat; keys may not). */
  calls = 0;

  async appendLedger(entries: LedgerEntry[]): Promise<void> {
    this.calls++;
    for (const e of entries) if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
  }

  async upsertClaims(claims: Claim[]): Promise<void> {
    for (const c of claims) {
      const known = this.claimsById.get(c.id);
      if (!known) this.claimsById.set(c.id, c);
      else if (movesOn(known.status, c.status)) this.claimsById.set(c.id, { ...known, status: c.status, updatedAt: c.updatedAt });
    }
  }

  async appendLotteryEntries(entries: LotteryEntry[]): Promise<void> {
    for (const e of entries) {
      const key = JSON.stringify([e.lotteryId, e.memberId]);
      if (!this.entriesByMember.has(key)) this.entriesByMember.set(key, e);
    }
  }

  async upsertRedemptions(redemptions: Redemption[]): Promise<void> {
    for (const r of redemptions) {
      const known = this.redemptionsById.get(r.id);
      if (!known || known.status === 'pending') this.redemptionsById.set(r.id, r);
    }
  }

  async storedRedemptions(memberId: string): Promise<Redemption[]> {
    return [...this.redemptionsById.values()].filter((r) => r.memberId === memberId).sort((a, b) => b.createdAt - a.createdAt);
  }

  async entries(): Promise<LedgerEntry[]> {
    return [...this.byKey.values()];
  }

  async claims(): Promise<Claim[]> {
    return [...this.claimsById.values()];
  }

  async lotteryEntries(): Promise<LotteryEntry[]> {
    return [...this.entriesByMember.values()];
  }
}
