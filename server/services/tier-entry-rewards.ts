/**
 * A tier's welcome (issue 13): the first time a member reaches a tier, its
 * `entryPoints` and its `entryRewardId` (a catalogue reward, free). The points
 * are keyed `tier-entry:<memberId>:<tierId>` in the ledger and the reward's
 * request id is `tier-entry-<tierId>`, so each is given once per tier ever —
 * not again after a reversal and a climb back.
 * Given when the tier-up is announced, and checked again on each visit
 * (`GET /api/me`), so a process that died in between loses nothing.
 */
import { LedgerReason } from '../../shared/models.ts';
import type { Tier } from '../../shared/rules.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import type { DomainEvents } from './domain-events.ts';
import type { PointsService } from './points-service.ts';
import type { RewardService } from './reward-service.ts';
import type { RulesService } from './rules-service.ts';

export class TierEntryRewards {
  constructor(
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly rewards: RewardService,
    events: DomainEvents,
    private readonly log: Logger,
  ) {
    events.on('tier', (memberId, e) => {
      if (e.tier.minPoints > e.previous.minPoints) void this.welcome(memberId, e.tier).catch((err) => warnUnlessOutage(this.log, err, { memberId }, 'tier welcome failed'));
    });
  }

  /** A visit: the member's current tier, and every tier below it, welcomed if they were not yet. */
  async onVisit(memberId: string): Promise<void> {
    const [rules, current] = await Promise.all([this.rules.get(), this.points.tierOf(memberId)]);
    for (const tier of rules.tiers) if (tier.minPoints <= current.minPoints) await this.welcome(memberId, tier);
  }

  private async welcome(memberId: string, tier: Tier): Promise<void> {
    if (tier.entryPoints && tier.entryPoints > 0) {
      await this.points.award({ key: `tier-entry:${memberId}:${tier.id}`, memberId, delta: tier.entryPoints, reason: LedgerReason.tierEntry });
    }
    // Unknown, sold out or over its limits: grant gives nothing, and the next visit tries again.
    if (tier.entryRewardId) await this.rewards.grant(memberId, tier.entryRewardId, `tier-entry-${tier.id}`);
  }
}
