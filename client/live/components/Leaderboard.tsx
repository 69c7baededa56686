import { formatNumber } from '../../common/format.ts';
import { useLive, useT } from '../hooks.ts';
import { selectLeaderboard, selectLocale, selectMyId, selectRules } from '../store/selectors.ts';

/** Top fans of this show (pushed at most every 2 s). */
export function Leaderboard() {
  const t = useT();
  const locale = useLive(selectLocale);
  const entries = useLive(selectLeaderboard);
  const myId = useLive(selectMyId);
  const rules = useLive(selectRules);
  const tierName = (id: string) => rules?.tiers.find((x) => x.id === id)?.name ?? id;
  return (
    <section className="card board" aria-labelledby="board-h">
      <h2 id="board-h" className="section-title">
        {t('board.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="muted small">{t('board.empty')}</p>
      ) : (
        <ol className="board__list">
          {entries.map((e, i) => (
            <li key={e.memberId} className={`board__row ${e.memberId === myId ? 'is-me' : ''} ${i < 3 ? `is-top is-top-${i + 1}` : ''}`}>
              <span className="board__rank">{i + 1}</span>
              <span className="tier-dot" data-tier={e.tier} title={tierName(e.tier)} aria-hidden="true" />
              <span className="board__name">
                <bdi>{e.displayName}</bdi>
                <span className="sr-only"> ({tierName(e.tier)})</span>
                {e.memberId === myId && <span className="chip chip--you">{t('common.you')}</span>}
              </span>
              <span className="board__pts">
                {formatNumber(e.points, locale)} <span className="muted">{t('points.unit')}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
