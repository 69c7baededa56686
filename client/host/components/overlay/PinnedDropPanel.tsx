/**
 * Pin one drop of the show in focus to its overlays: it stays on air while
 * newer drops come and go (the overlay puts it first). One button per open
 * drop; the pinned one offers Unpin.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useHost, useT } from '../../hooks.ts';
import { selectDropsOf, selectFocusedShow, selectOverlayBusy, selectPerksLoaded, selectPinnedDropOf } from '../../store/selectors.ts';
import { Chip, Panel } from '../ui.tsx';

export function PinnedDropPanel() {
  const t = useT();
  const show = useHost(selectFocusedShow);
  const showId = show?.id ?? null;
  const drops = useHost(useShallow(selectDropsOf(showId)));
  const loaded = useHost(selectPerksLoaded(showId));
  const pinned = useHost(selectPinnedDropOf(showId));
  const busy = useHost(selectOverlayBusy);
  const { loadPerks, loadPinnedDrop, pinDrop } = useActions();

  useEffect(() => {
    if (showId && !loaded) void loadPerks(showId);
  }, [showId, loaded, loadPerks]);
  useEffect(() => {
    if (showId && pinned === undefined) void loadPinnedDrop(showId);
  }, [showId, pinned, loadPinnedDrop]);

  const open = drops.filter((d) => d.status !== 'closed');
  return (
    <Panel
      title={t('overlay.pinTitle')}
      titleId="overlay-pin-title"
      subtitle={show ? t('overlay.pinLead', { title: show.title }) : undefined}
      className="overlay-pin"
    >
      {!show || show.status === 'ended' ? (
        <p className="muted small">{t('overlay.pinNoShow')}</p>
      ) : open.length === 0 ? (
        <p className="muted small">{t('overlay.pinNoDrops')}</p>
      ) : (
        <ul className="token-list" aria-labelledby="overlay-pin-title" data-testid="overlay-pin-list">
          {open.map((drop) => {
            const isPinned = drop.id === pinned;
            return (
              <li key={drop.id} className="pin-row" data-drop-id={drop.id} data-pinned={isPinned || undefined}>
                <span className="token-label">
                  <bdi>{drop.title}</bdi>
                  {isPinned && <Chip tone="live">{t('overlay.pinned')}</Chip>}
                </span>
                <button
                  type="button"
                  className={isPinned ? 'btn btn-ghost btn-small' : 'btn btn-primary btn-small'}
                  disabled={busy}
                  aria-pressed={isPinned}
                  onClick={() => void pinDrop(show.id, isPinned ? null : drop.id)}
                >
                  {isPinned ? t('overlay.unpin') : t('overlay.pin')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
