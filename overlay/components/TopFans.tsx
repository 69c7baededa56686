/**
 * Top fans of the show (leaderboard), bottom left. Up to four sit still;
 * more scroll as a ticker (a CSS loop over the list written twice).
 */
import { formatNumber } from '../../client/common/format.ts';
import type { LeaderboardEntry } from '../../shared/models.ts';
import { useOverlay, useT } from '../hooks.ts';
import { selectLeaderboard, selectLocale, selectTiers } from '../store/selectors.ts';
import { tierTone } from '../logic/tier-tone.ts';

const STILL_UP_TO = 4;
const SECONDS_PER_FAN = 4;

export function TopFans() {
  const entries = useOverlay(selectLeaderboard);
  const t = useT();
  if (entries.length === 0) return null;
  const scrolls = entries.length > STILL_UP_TO;
  return (
    <div className="plate top-fans" data-testid="overlay-top-fans" data-count={entries.length}>
      <div className="top-fans-label">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.5L12 17.3l-5.9 3.2 1.3-6.5-4.9-4.6 6.6-.8z" />
        </svg>
        {t('topFans')}
      </div>
      <div className={`ticker${scrolls ? ' is-scrolling' : ''}`}>
        <div className="ticker-track" style={{ ['--ticker-s' as string]: `${entries.length * SECONDS_PER_FAN}s` }}>
          <FanList entries={entries} />
          {scrolls && <FanList entries={entries} copy />}
        </div>
      </div>
    </div>
  );
}

function FanList({ entries, copy = false }: { entries: LeaderboardEntry[]; copy?: boolean }) {
  const tiers = useOverlay(selectTiers);
  const t = useT();
  const locale = useOverlay(selectLocale);
  return (
    <ol className="fans" data-copy={copy || undefined}>
      {entries.map((e, i) => (
        <li key={e.memberId} className={`fan tone-${tierTone(e.tier, tiers)}`}>
          <span className="fan-rank">{i + 1}</span>
          <span className="fan-name"><bdi>{e.displayName}</bdi></span>
          <span className="fan-points">{t('points', { points: formatNumber(e.points, locale) })}</span>
        </li>
      ))}
    </ol>
  );
}
