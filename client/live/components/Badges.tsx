import { useMemo } from 'react';
import { useLive, useT } from '../hooks.ts';
import { badgeKind, badgeName, chatBadges, type BadgeKind } from '../logic/badges.ts';
import { selectBadges } from '../store/selectors.ts';
import { BagIcon, CalendarCheckIcon, CrownIcon, RibbonIcon, StarIcon, TvIcon } from './icons.tsx';

const GLYPHS: Record<BadgeKind, typeof StarIcon> = {
  'shows-watched': TvIcon,
  'first-purchase': BagIcon,
  'super-fan': StarIcon,
  'checkin-streak': CalendarCheckIcon,
  'top-fan': CrownIcon,
  mission: RibbonIcon,
};

/** A badge's small picture (decorative: the chip or icon around it carries the name). */
export function BadgeGlyph({ kind, size = 14 }: { kind: BadgeKind; size?: number }) {
  const Glyph = GLYPHS[kind];
  return <Glyph size={size} />;
}

/** The member card's row of badges, newest first, each with its name; nothing while there are none. */
export function MemberBadges() {
  const t = useT();
  const badges = useLive(selectBadges);
  const newestFirst = useMemo(() => [...badges].reverse(), [badges]);
  if (newestFirst.length === 0) return null;
  return (
    <ul className="badge-row" aria-label={t('badges.label')} data-testid="member-badges">
      {newestFirst.map((b) => (
        <li key={b.id} className="badge-chip" data-badge={badgeKind(b)} data-testid="badge-chip">
          <BadgeGlyph kind={badgeKind(b)} />
          <bdi>{badgeName(t, b)}</bdi>
        </li>
      ))}
    </ul>
  );
}

/**
 * Up to three small badge icons beside a commenter's name, each named for
 * screen readers and on hover. `own`: the line is the reader's, whose
 * missions' badges are known by their labels.
 */
export function ChatBadges({ ids, own }: { ids: readonly string[] | undefined; own: boolean }) {
  const t = useT();
  const mine = useLive(selectBadges);
  const shown = useMemo(() => chatBadges(t, ids, own ? mine : []), [t, ids, own, mine]);
  if (shown.length === 0) return null;
  return (
    <span className="msg__badges" aria-label={t('badges.chatLabel')} role="group">
      {shown.map((b) => (
        <span key={b.id} className="chat-badge" data-badge={b.kind} data-testid="chat-badge" role="img" aria-label={b.name} title={b.name}>
          <BadgeGlyph kind={b.kind} size={12} />
        </span>
      ))}
    </span>
  );
}
