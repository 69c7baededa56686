/**
 * What a badge is called on air (issue 14): an achievement's stage by its
 * id and target ("10 shows watched", "觀看 10 場"), a mission's badge by the
 * host's label. A badge the overlay has no words for (an achievement added
 * to the server later, a mission badge without a label) is "a new badge":
 * the toast still says who unlocked something.
 */
import type { Translate } from '../../client/common/i18n.ts';
import { ACHIEVEMENTS, type AchievementId, type MemberBadge } from '../../shared/achievements.ts';
import type { OverlayDictionary } from '../i18n.ts';

type T = Translate<OverlayDictionary>;

/** Each achievement's name; `target` is the stage's (10 shows, 30 days, top fan 5 times). */
const NAMES: Record<AchievementId, (t: T, target: number) => string> = {
  'shows-watched': (t, target) => t('achievement_showsWatched', { count: target }),
  'first-purchase': (t) => t('achievement_firstPurchase'),
  'super-fan': (t) => t('achievement_superFan'),
  'checkin-streak': (t, target) => t('achievement_checkinStreak', { count: target }),
  'top-fan': (t, target) => (target > 1 ? t('achievement_topFanTimes', { count: target }) : t('achievement_topFan')),
};

const known = (id: string): id is AchievementId => Object.hasOwn(NAMES, id);

export function achievementName(t: T, badge: Pick<MemberBadge, 'achievement' | 'stage' | 'target' | 'label'>): string {
  const id = badge.achievement;
  if (id !== null && known(id)) return NAMES[id](t, badge.target ?? ACHIEVEMENTS[id][badge.stage - 1] ?? badge.stage);
  return badge.label?.trim() || t('achievement_other');
}
