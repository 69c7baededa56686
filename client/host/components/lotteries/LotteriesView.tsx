import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../hooks.ts';
import { useHostStore } from '../../store/index.ts';
import { selectLotteriesOf } from '../../store/selectors.ts';
import { PerkPageHead, usePerksOfFocusedShow } from '../drops/DropsView.tsx';
import { EmptyState, Panel } from '../ui.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { LotteryComposer } from './LotteryComposer.tsx';

export function LotteriesView() {
  const t = useT();
  const { stream, loaded } = usePerksOfFocusedShow();
  const lotteries = useHostStore(useShallow(selectLotteriesOf(stream?.id ?? null)));
  const setView = useHostStore((s) => s.setView);

  return (
    <div className="view">
      <PerkPageHead heading={t('lotteries.heading')} lead={t('lotteries.lead')} pickerId="lotteries-show" />
      {!stream ? (
        <EmptyState
          title={t('studio.noShowTitle')}
          action={
            <button type="button" className="btn btn-primary" onClick={() => setView('shows')}>
              {t('studio.planShow')}
            </button>
          }
        >
          {t('lotteries.needShow')}
        </EmptyState>
      ) : (
        <div className="grid-composer">
          {stream.status === 'ended' ? (
            <Panel title={t('lotteries.composeTitle')} titleId="lottery-compose-title">
              <p className="muted">{t('lotteries.showEnded')}</p>
            </Panel>
          ) : (
            <LotteryComposer streamId={stream.id} />
          )}
          <section aria-labelledby="lottery-list-title" className="stack">
            <h2 id="lottery-list-title" className="section-title">
              {t('lotteries.listTitle')} <span className="count">{lotteries.length}</span>
            </h2>
            {!loaded ? (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            ) : lotteries.length === 0 ? (
              <EmptyState title={t('lotteries.emptyTitle')}>{t('lotteries.emptyBody')}</EmptyState>
            ) : (
              <div className="cards">
                {lotteries.map((l) => (
                  <LotteryCard key={l.id} lottery={l} />
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
