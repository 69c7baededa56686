/** What the host set for a lottery, one fact per setting: who may enter, the odds, the exclusions, the claim window, invite entries when set. */
import type { ReactNode } from 'react';
import type { Lottery } from '../../../../shared/perks.ts';
import { formatNumber } from '../../../common/format.ts';
import { useHost, useT } from '../../hooks.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { TierChip } from '../ui.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function LotteryFacts({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const tiers = useHost(selectTiers);
  const { settings } = lottery;
  const tierName = (id: string) => tiers.find((x) => x.id === id)?.name ?? id;
  const entryCost = settings.freeEntry
    ? t('lotteries.noPurchaseNecessary')
    : lottery.entryCostPoints > 0
      ? t('fans.points', { n: formatNumber(lottery.entryCostPoints, locale) })
      : t('lotteries.free');

  return (
    <dl className="facts" data-testid="lottery-facts">
      <Fact label={t('lotteries.winners')}>{formatNumber(lottery.winners, locale)}</Fact>
      <Fact label={t('lotteries.minTier')}>{lottery.minTier ? <TierChip tierId={lottery.minTier} name={tierName(lottery.minTier)} /> : t('drops.everyone')}</Fact>
      <Fact label={t('lotteries.entryCost')}>{entryCost}</Fact>
      <Fact label={t('lotteries.watching')}>{lottery.requireWatching ? t('lotteries.watchingYes') : t('lotteries.watchingNo')}</Fact>
      <Fact label={t('lotteries.odds')}>{settings.odds === 'equal' ? t('lotteries.odds.equal') : t('lotteries.odds.tier')}</Fact>
      <Fact label={t('lotteries.pastWinners')}>
        {settings.excludeRecentWinners > 0 ? t('lotteries.pastWinnersExcluded', { count: settings.excludeRecentWinners }) : t('lotteries.pastWinnersWelcome')}
      </Fact>
      <Fact label={t('lotteries.accountAge')}>
        {settings.minAccountAgeDays > 0 ? t('lotteries.accountAgeAtLeast', { count: settings.minAccountAgeDays }) : t('lotteries.accountAgeAny')}
      </Fact>
      <Fact label={t('lotteries.claimWindow')}>{t('lotteries.claimWindowValue', { count: settings.claimWindowHours })}</Fact>
      {settings.inviteEntries && (
        <Fact label={t('lotteries.invite')}>{t('lotteries.inviteFact', { count: settings.inviteEntries.perFriend, max: settings.inviteEntries.maxExtra })}</Fact>
      )}
    </dl>
  );
}
