import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../hooks.ts';
import { useHostStore } from '../../store/index.ts';
import { selectDropsOf, selectFocusedShow } from '../../store/selectors.ts';
import { ShowPicker } from '../ShowPicker.tsx';
import { StreamStatus } from '../StreamStatus.tsx';
import { EmptyState, Panel } from '../ui.tsx';
import { DropCard } from './DropCard.tsx';
import { DropComposer } from './DropComposer.tsx';

/** Shared frame of the drops and lotteries pages: which show, and nothing to do without one. */
export function PerkPageHead({ heading, lead, pickerId }: { heading: string; lead: string; pickerId: string }) {
  const stream = useHostStore(selectFocusedShow);
  return (
    <header className="view-head">
      <div className="view-title">
        <h1>{heading}</h1>
        <p className="muted">
          {lead}
          {stream && (
            <>
              {' '}
              <span className="for-show">
                <strong>{stream.title}</strong> <StreamStatus stream={stream} />
              </span>
            </>
          )}
        </p>
      </div>
      <ShowPicker id={pickerId} />
    </header>
  );
}

export function usePerksOfFocusedShow() {
  const stream = useHostStore(selectFocusedShow);
  const loaded = useHostStore((s) => (stream ? !!s.perksLoadedFor[stream.id] : true));
  const loadPerks = useHostStore((s) => s.loadPerks);
  useEffect(() => {
    if (stream && !loaded) void loadPerks(stream.id);
  }, [stream, loaded, loadPerks]);
  return { stream, loaded };
}

export function DropsView() {
  const t = useT();
  const { stream, loaded } = usePerksOfFocusedShow();
  const drops = useHostStore(useShallow(selectDropsOf(stream?.id ?? null)));
  const setView = useHostStore((s) => s.setView);

  return (
    <div className="view">
      <PerkPageHead heading={t('drops.heading')} lead={t('drops.lead')} pickerId="drops-show" />
      {!stream ? (
        <EmptyState
          title={t('studio.noShowTitle')}
          action={
            <button type="button" className="btn btn-primary" onClick={() => setView('shows')}>
              {t('studio.planShow')}
            </button>
          }
        >
          {t('drops.needShow')}
        </EmptyState>
      ) : (
        <div className="grid-composer">
          {stream.status === 'ended' ? (
            <Panel title={t('drops.composeTitle')} titleId="drop-compose-title">
              <p className="muted">{t('drops.showEnded')}</p>
            </Panel>
          ) : (
            <DropComposer streamId={stream.id} />
          )}
          <section aria-labelledby="drops-list-title" className="stack">
            <h2 id="drops-list-title" className="section-title">
              {t('drops.listTitle')} <span className="count">{drops.length}</span>
            </h2>
            {!loaded ? (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            ) : drops.length === 0 ? (
              <EmptyState title={t('drops.emptyTitle')}>{t('drops.emptyBody')}</EmptyState>
            ) : (
              <div className="cards">
                {drops.map((d) => (
                  <DropCard key={d.id} drop={d} />
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
