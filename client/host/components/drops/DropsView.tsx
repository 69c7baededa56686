import { useShallow } from 'zustand/react/shallow';
import { useHost, useT } from '../../hooks.ts';
import { selectDropsOf, selectFocusedShow } from '../../store/selectors.ts';
import { PerkPage } from '../perks/PerkPage.tsx';
import { DropCard } from './DropCard.tsx';
import { DropComposer } from './DropComposer.tsx';

export function DropsView() {
  const t = useT();
  const focused = useHost(selectFocusedShow);
  const drops = useHost(useShallow(selectDropsOf(focused?.id ?? null)));
  return (
    <PerkPage
      texts={{
        heading: t('drops.heading'),
        lead: t('drops.lead'),
        needShow: t('drops.needShow'),
        composeTitle: t('drops.composeTitle'),
        showEnded: t('drops.showEnded'),
        listTitle: t('drops.listTitle'),
        emptyTitle: t('drops.emptyTitle'),
        emptyBody: t('drops.emptyBody'),
      }}
      ids={{ picker: 'drops-show', compose: 'drop-compose-title', list: 'drops-list-title' }}
      items={drops}
      composer={(streamId) => <DropComposer streamId={streamId} />}
      card={(drop) => <DropCard key={drop.id} drop={drop} />}
    />
  );
}
