import { useShallow } from 'zustand/react/shallow';
import { useHost, useT } from '../../hooks.ts';
import { selectFocusedShow, selectLotteriesOf } from '../../store/selectors.ts';
import { PerkPage } from '../perks/PerkPage.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { LotteryComposer } from './LotteryComposer.tsx';

export function LotteriesView() {
  const t = useT();
  const focused = useHost(selectFocusedShow);
  const lotteries = useHost(useShallow(selectLotteriesOf(focused?.id ?? null)));
  return (
    <PerkPage
      texts={{
        heading: t('lotteries.heading'),
        lead: t('lotteries.lead'),
        needShow: t('lotteries.needShow'),
        composeTitle: t('lotteries.composeTitle'),
        showEnded: t('lotteries.showEnded'),
        listTitle: t('lotteries.listTitle'),
        emptyTitle: t('lotteries.emptyTitle'),
        emptyBody: t('lotteries.emptyBody'),
      }}
      ids={{ picker: 'lotteries-show', compose: 'lottery-compose-title', list: 'lottery-list-title' }}
      items={lotteries}
      composer={(streamId) => <LotteryComposer streamId={streamId} />}
      card={(lottery) => <LotteryCard key={lottery.id} lottery={lottery} />}
    />
  );
}
