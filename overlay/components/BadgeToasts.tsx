/**
 * Tier badges when members join or level up: at most three at once (the
 * store queues the rest). Each toast's CSS animation runs its whole life —
 * slide in, shine, fade and fold away — over BADGE_VISIBLE_MS; React only
 * mounts and unmounts it.
 */
import { useOverlay, useT } from '../hooks.ts';
import { tierLabel } from '../i18n.ts';
import { selectTiers, selectVisibleBadges } from '../store/selectors.ts';
import { BADGE_VISIBLE_MS, type BadgeToast } from '../store/types.ts';
import { tierTone } from '../logic/tier-tone.ts';

export function BadgeToasts() {
  const badges = useOverlay(selectVisibleBadges);
  return (
    <ol className="badges">
      {badges.map((b) => (
        <Badge key={b.id} badge={b} />
      ))}
    </ol>
  );
}

function Badge({ badge }: { badge: BadgeToast }) {
  const tiers = useOverlay(selectTiers);
  const t = useT();
  const tierName = tierLabel(t, badge.tier.id, tiers.length ? tiers : [badge.tier]);
  const tone = tierTone(badge.tier.id, tiers);
  const initial = Array.from(badge.displayName.trim())[0]?.toUpperCase() ?? '★';
  return (
    <li
      className={`badge tone-${tone} reason-${badge.reason}`}
      data-testid="overlay-badge"
      data-tier={badge.tier.id}
      data-reason={badge.reason}
      style={{ ['--badge-ms' as string]: `${BADGE_VISIBLE_MS}ms` }}
    >
      <div className="badge-medal">
        <span>{initial}</span>
      </div>
      <div className="badge-text">
        <div className="badge-name"><bdi>{badge.displayName}</bdi></div>
        <div className="badge-line">
          {badge.reason === 'tier-up' ? (
            <strong className="badge-tier">{t('badgeTierUp', { tier: tierName })}</strong>
          ) : (
            <>
              <strong className="badge-tier">{t('badgeTier', { tier: tierName })}</strong>
              <span className="badge-reason"> · {t('badgeJoined')}</span>
            </>
          )}
        </div>
      </div>
    </li>
  );
}
