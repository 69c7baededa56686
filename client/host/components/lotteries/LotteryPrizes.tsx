/** Who holds each prize after the draw (a winner, or the alternate it passed to) and whether they claimed it. */
import type { Lottery, LotteryPrize } from '../../../../shared/perks.ts';
import { useHost, useServerNow, useT } from '../../hooks.ts';
import { prizeClaimState, prizeRole } from '../../logic/lottery-prizes.ts';
import { formatDateTime } from '../../logic/time.ts';
import { selectLocale } from '../../store/selectors.ts';

function PrizeHolder({ prize, winners, now }: { prize: LotteryPrize; winners: number; now: number }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const role = prizeRole(prize, winners);
  const state = prizeClaimState(prize, now);
  const deadline = formatDateTime(prize.deadline, locale);
  return (
    <li data-prize-slot={prize.slot} data-claim-state={state}>
      <span className="prize-slot">{t('lotteries.prizeSlot', { n: prize.slot + 1 })}</span>
      <span className="winner-name">
        <bdi>{prize.displayName}</bdi>
      </span>
      <span className="prize-role muted">{role.kind === 'winner' ? t('lotteries.prizeRole.winner') : t('lotteries.prizeRole.alternate', { n: role.n })}</span>
      <span className={`prize-state prize-${state}`}>
        {state === 'claimed'
          ? t('lotteries.prizeState.claimed')
          : state === 'waiting'
            ? t('lotteries.prizeState.claimBy', { time: deadline })
            : t('lotteries.prizeState.lapsed', { time: deadline })}
      </span>
    </li>
  );
}

export function LotteryPrizes({ lottery }: { lottery: Lottery }) {
  const t = useT();
  // A deadline passing changes a line; a minute's precision is all it shows.
  const now = useServerNow(30_000);
  if (!lottery.prizes || lottery.prizes.length === 0) return null;
  return (
    <div className="prizes-block">
      <h4 className="subhead">{t('lotteries.prizesTitle')}</h4>
      <ol className="prizes" data-testid="lottery-prizes">
        {lottery.prizes.map((prize) => (
          <PrizeHolder key={prize.slot} prize={prize} winners={lottery.winners} now={now} />
        ))}
      </ol>
    </div>
  );
}
