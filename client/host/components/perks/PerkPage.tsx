import { useEffect, type ReactNode } from 'react';
import type { Stream } from '../../../../shared/models.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { selectFocusedShow, selectPerksLoaded } from '../../store/selectors.ts';
import { ShowPicker } from '../ShowPicker.tsx';
import { StreamStatus } from '../StreamStatus.tsx';
import { EmptyState, Panel } from '../ui.tsx';

/** The words of one perk page (drops or lotteries), already translated. */
export interface PerkPageTexts {
  heading: string;
  lead: string;
  needShow: string;
  composeTitle: string;
  showEnded: string;
  listTitle: string;
  emptyTitle: string;
  emptyBody: string;
}

interface PerkPageProps<T extends { id: string }> {
  texts: PerkPageTexts;
  /** Element ids: the show picker, the ended-show composer panel's title, the list heading. */
  ids: { picker: string; compose: string; list: string };
  /** The focused show's drops or lotteries. */
  items: T[];
  composer: (streamId: string) => ReactNode;
  card: (item: T) => ReactNode;
}

/**
 * The frame the drops and lotteries pages share: which show, a composer while
 * the show has not ended, and the show's cards.
 */
export function PerkPage<T extends { id: string }>({ texts, ids, items, composer, card }: PerkPageProps<T>) {
  const t = useT();
  const { stream, loaded } = usePerksOfFocusedShow();
  const list = items;
  const { setView } = useActions();

  return (
    <div className="view">
      <PerkPageHead heading={texts.heading} lead={texts.lead} pickerId={ids.picker} stream={stream} />
      {!stream ? (
        <EmptyState
          title={t('studio.noShowTitle')}
          action={
            <button type="button" className="btn btn-primary" onClick={() => setView('shows')}>
              {t('studio.planShow')}
            </button>
          }
        >
          {texts.needShow}
        </EmptyState>
      ) : (
        <div className="grid-composer">
          {stream.status === 'ended' ? (
            <Panel title={texts.composeTitle} titleId={ids.compose}>
              <p className="muted">{texts.showEnded}</p>
            </Panel>
          ) : (
            composer(stream.id)
          )}
          <section aria-labelledby={ids.list} className="stack">
            <h2 id={ids.list} className="section-title">
              {texts.listTitle} <span className="count">{list.length}</span>
            </h2>
            {!loaded ? (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            ) : list.length === 0 ? (
              <EmptyState title={texts.emptyTitle}>{texts.emptyBody}</EmptyState>
            ) : (
              <div className="cards">{list.map((item) => card(item))}</div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function PerkPageHead({ heading, lead, pickerId, stream }: { heading: string; lead: string; pickerId: string; stream: Stream | null }) {
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

function usePerksOfFocusedShow() {
  const stream = useHost(selectFocusedShow);
  const loaded = useHost(selectPerksLoaded(stream?.id ?? null));
  const { loadPerks } = useActions();
  useEffect(() => {
    if (stream && !loaded) void loadPerks(stream.id);
  }, [stream, loaded, loadPerks]);
  return { stream, loaded };
}
