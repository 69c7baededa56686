/**
 * Who may enter a lottery and what their entry weighs, under the host's
 * settings (issue 12), as pure rules. The service loads what they read (the
 * member's account age, the recent winners) and refuses with the key returned.
 * Tier, cost and watching are decided as before (services/lottery-service.ts);
 * a free-entry lottery has none of those by construction (CreateLotteryBody).
 */
import type { LotterySettings } from '../../shared/perks.ts';

const DAY_MS = 86_400_000;

export interface EligibilityInput {
  settings: LotterySettings;
  memberId: string;
  memberCreatedAt: number;
  /** Members offered a prize in the seller's last `settings.excludeRecentWinners` draws. */
  recentWinners: ReadonlySet<string>;
  now: number;
}

export type IneligibleKey = 'lottery.recentWinner' | 'lottery.accountTooNew';

export function entryRefusal(i: EligibilityInput): IneligibleKey | null {
  if (i.settings.excludeRecentWinners > 0 && i.recentWinners.has(i.memberId)) return 'lottery.recentWinner';
  if (i.settings.minAccountAgeDays > 0 && i.now - i.memberCreatedAt < i.settings.minAccountAgeDays * DAY_MS) return 'lottery.accountTooNew';
  return null;
}

/** Equal odds: every entry weighs 1, whatever the member spent to reach their tier. */
export function entryWeight(settings: LotterySettings, tierWeight: number): number {
  return settings.odds === 'equal' ? 1 : tierWeight;
}
