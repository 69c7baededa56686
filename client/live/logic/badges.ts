/**
 * Badges as the room names them (issue 14): an achievement's stage in words
 * ("10 shows watched", "Top fan ×5"), a mission's badge by the host's label,
 * and the few small icons a chat line carries from the comment's badge ids.
 * A chat line names badges by id only: an achievement's stage is enough to
 * name it (its target is in shared/achievements.ts); a mission's label is
 * known only for the reader's own badges, so another member's shows as a
 * generic mission badge. Pure: the translation is an argument.
 */
import { ACHIEVEMENTS, type AchievementId, type MemberBadge } from '../../../shared/achievements.ts';
import type { Translate } from '../../common/i18n.ts';
import type { LiveDictionary } from '../i18n.ts';

type T = Translate<LiveDictionary>;

/** What a badge looks like: its achievement, or a mission's. */
export type BadgeKind = AchievementId | 'mission';

/** What naming a badge needs: a member's own badge, or one read from its id. */
export type BadgeFacts = Pick<MemberBadge, 'id' | 'achievement' | 'stage' | 'target' | 'label'>;

/** Badges beside a name in chat, at most (the server sends the newest three). */
export const CHAT_BADGE_LIMIT = 3;

const isAchievement = (name: string): name is AchievementId => Object.hasOwn(ACHIEVEMENTS, name);

/**
 * A badge id read back into what names it: `<achievement>:<stage>` (the
 * target from the stage), or `mission:<missionId>:<stage>` (no label: the id
 * does not carry it). Null for an id this screen does not know.
 */
export function badgeFromId(id: string): BadgeFacts | null {
  const cut = id.lastIndexOf(':');
  const stage = Number(id.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(stage) || stage < 1) return null;
  const head = id.slice(0, cut);
  if (head.startsWith('mission:') && head.length > 'mission:'.length) return { id, achievement: null, stage, target: null, label: null };
  if (!isAchievement(head)) return null;
  const target: number | undefined = ACHIEVEMENTS[head][stage - 1];
  return target === undefined ? null : { id, achievement: head, stage, target, label: null };
}

export function badgeKind(badge: Pick<BadgeFacts, 'achievement'>): BadgeKind {
  return badge.achievement ?? 'mission';
}

/** "10 shows watched", "First purchase", "Top fan ×5"; a mission's badge by its label, else "Mission badge". */
export function badgeName(t: T, badge: BadgeFacts): string {
  if (badge.achievement === null) return badge.label ?? t('badge.mission');
  const count = badge.target ?? ACHIEVEMENTS[badge.achievement][badge.stage - 1] ?? badge.stage;
  return t(`badge.${badge.achievement}`, { count });
}

/** A small icon beside a name in chat: how it looks and what it is called. */
export interface ChatBadge {
  id: string;
  kind: BadgeKind;
  name: string;
}

/**
 * The icons of one chat line from the comment's badge ids: at most three,
 * unknown ids left out. `own`: the reader's own badges when the line is
 * theirs (a mission's badge then has its label), else none.
 */
export function chatBadges(t: T, ids: readonly string[] | undefined, own: readonly BadgeFacts[] = []): ChatBadge[] {
  const mine = new Map(own.map((b) => [b.id, b]));
  return (ids ?? []).flatMap((id) => {
    const badge = mine.get(id) ?? badgeFromId(id);
    return badge ? [{ id, kind: badgeKind(badge), name: badgeName(t, badge) }] : [];
  }).slice(0, CHAT_BADGE_LIMIT);
}
