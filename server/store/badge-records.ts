/** Members' unlocked badges (issue 14): achievements' stages and missions' badges, once each, kept for good. */
import type { MemberBadge } from '../../shared/achievements.ts';

export interface BadgeRecords {
  /** Records the badge unless the member has it: true the first time (only then is it announced). */
  unlockBadge(memberId: string, badge: MemberBadge): Promise<boolean>;
  /** Oldest first. */
  badgesOf(memberId: string): Promise<MemberBadge[]>;
}
