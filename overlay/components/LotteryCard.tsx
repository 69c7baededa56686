/**
 * The lottery: entries while open (the number pops in CSS when it changes),
 * then a short reveal of the winners — a drum roll, then the names one by one
 * (CSS delays) — that stays until another lottery opens (store/reducers.ts featuredLottery).
 */
import { formatCountdown, formatNumber } from '../../client/common/format.ts';
import type { Lottery } from '../../shared/perks.ts';
import { useOverlay, useServerNow, useT } from '../hooks.ts';
import { tierLabel } from '../i18n.ts';
import { featuredLottery } from '../store/reducers.ts';
import { selectLocale, selectLotteries, selectTiers } from '../store/selectors.ts';


const WINNERS_SHOWN = 5;

export function LotteryCard() {
  const lotteries = useOverlay(selectLotteries);
  const now = useServerNow();
  const t = useT();
  const lottery = featuredLottery(lotteries, now);
  if (!lottery) return null;
  return (
    <section
      key={lottery.id}
      className={`plate card lottery is-${lottery.status}`}
      data-testid="overlay-lottery"
      data-lottery-id={lottery.id}
      data-status={lottery.status}
    >
      <div className="card-label">{t('lotteryLabel')}</div>
      <div className="card-title">{lottery.title}</div>
      <div className="lottery-prize">{t('lotteryPrize', { prize: lottery.prize })}</div>
      {lottery.status === 'open' ? (
        <LotteryOpen lottery={lottery} now={now} />
      ) : lottery.status === 'drawing' ? (
        <LotteryFrozen lottery={lottery} />
      ) : lottery.status === 'cancelled' ? (
        <div className="lottery-cancelled" data-testid="overlay-lottery-cancelled">
          {t('lotteryCancelled')}
        </div>
      ) : (
        <Winners lottery={lottery} />
      )}
    </section>
  );
}

function LotteryOpen({ lottery, now }: { lottery: Lottery; now: number }) {
  const tiers = useOverlay(selectTiers);
  const t = useT();
  const locale = useOverlay(selectLocale);
  const closed = lottery.closesAt !== null && now >= lottery.closesAt;
  return (
    <div className="lottery-open">
      <div className="lottery-entries" data-testid="overlay-lottery-entries" data-count={lottery.entries}>
        {/* keyed by the count: each change remounts the number and replays its pop */}
        <span key={lottery.entries} className="entries-number">
          {formatNumber(lottery.entries, locale)}
        </span>
        {' '}
        <span className="entries-label">{t('lotteryEntered')}</span>
      </div>
      <div className="lottery-meta">
        {lottery.closesAt !== null && (
          <span className={closed ? 'is-closed' : ''}>
            {closed ? t('lotteryClosed') : t('lotteryClosesIn', { time: formatCountdown(lottery.closesAt - now) })}
          </span>
        )}
        {lottery.minTier && <span>{t('lotteryMinTier', { tier: tierLabel(t, lottery.minTier, tiers) })}</span>}
      </div>
    </div>
  );
}

/** v2: entries froze; the stream sees the count and the public round that will draw, seconds before the winners. */
function LotteryFrozen({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useOverlay(selectLocale);
  return (
    <div className="lottery-open" data-testid="overlay-lottery-frozen">
      <div className="lottery-entries" data-count={lottery.entries}>
        <span className="entries-number">{formatNumber(lottery.entries, locale)}</span> <span className="entries-label">{t('lotteryEntered')}</span>
      </div>
      <div className="reveal-drumroll">{t('lotteryDrawing')}</div>
      {lottery.freeze && <div className="lottery-meta">{t('lotteryRound', { round: formatNumber(lottery.freeze.round, locale) })}</div>}
    </div>
  );
}

function Winners({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useOverlay(selectLocale);
  const winners = lottery.winnerList ?? [];
  const shown = winners.slice(0, WINNERS_SHOWN);
  return (
    <div className="reveal">
      <div className="reveal-drumroll">{t('lotteryDrawing')}</div>
      <div className="reveal-title">{t('lotteryWinners')}</div>
      <ol className="winners" data-testid="overlay-winners" data-count={winners.length}>
        {shown.map((w, i) => (
          <li key={w.memberId} className="winner" style={{ ['--i' as string]: i }} data-member-id={w.memberId}>
            <span className="winner-rank">{i + 1}</span>
            <span className="winner-name"><bdi>{w.displayName}</bdi></span>
          </li>
        ))}
        {winners.length === 0 && <li className="winner winner-none">{t('lotteryNoWinners')}</li>}
        {winners.length > WINNERS_SHOWN && (
          <li className="winner winner-more" style={{ ['--i' as string]: WINNERS_SHOWN }}>
            {t('lotteryMoreWinners', { count: formatNumber(winners.length - WINNERS_SHOWN, locale) })}
          </li>
        )}
      </ol>
    </div>
  );
}
