/**
 * Points expiry (issue 13): on each visit, what ran out of time is taken,
 * oldest first (domain/points-expiry.ts decides from the member's ledger),
 * each lot once by its key; and the member is told what expires next.
 * Taken as a spend, so tiers — which count points earned — are untouched,
 * and the balance can never go below zero (the engine refuses).
 */
import { LedgerReason } from '../../shared/models.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import { nextExpiring, walkLots } from '../domain/points-expiry.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { RulesService } from './rules-service.ts';

const PAGE = 500;

export class PointsExpiryService {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
    private readonly rules: RulesService,
    private readonly clock: Clock,
  ) {}

  /** Expires what is due and answers what expires next (null: nothing, or expiry is off). */
  async onVisit(memberId: string): Promise<{ points: number; at: number } | null> {
    const days = (await this.rules.get()).points.expireAfterDays;
    if (days === null) return null;
    // In Redis mode the ledger reaches the store through the outbox: every spend must be in it before walking.
    await this.engine.flush();
    const now = this.clock();
    const { lots, due } = walkLots(await this.wholeLedger(memberId), now, days);
    for (const d of due.sort((a, b) => a.at - b.at)) {
      try {
        await this.engine.spend({ key: d.key, memberId, cost: d.points, reason: LedgerReason.expiry, streamId: null, at: d.at });
      } catch {
        break; // a spend raced us to the points: the next visit walks again
      }
    }
    return nextExpiring(lots);
  }

  private async wholeLedger(memberId: string): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let before: string | undefined;
    do {
      const page = await this.store.ledgerPage(memberId, PAGE, before);
      entries.push(...page.entries);
      before = page.next;
    } while (before !== undefined);
    return entries;
  }
}
