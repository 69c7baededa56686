/**
 * The drops on air (reducers.ts dropsOnAir: the pinned one, then those
 * selling, then the next to open): for each, when each tier gets in (server
 * time), the stock bar (drop:stock; its width eases in CSS) and SOLD OUT.
 */
import { Fragment, useMemo } from 'react';
import { formatCountdown, formatMoney, formatNumber } from '../../client/common/format.ts';
import type { Drop } from '../../shared/perks.ts';
import { useOverlay, useServerNow, useT } from '../hooks.ts';
import { tierLabel } from '../i18n.ts';
import { dropsOnAir, dropWindowStates } from '../store/reducers.ts';
import { selectDrops, selectLocale, selectPinnedDropId, selectTiers } from '../store/selectors.ts';
import { tierTone } from '../logic/tier-tone.ts';


export function DropCards() {
  const drops = useOverlay(selectDrops);
  const pinnedId = useOverlay(selectPinnedDropId);
  const now = useServerNow();
  // Re-sorted once a second at most (a drop opening moves up); each card keeps its key, so nothing remounts.
  const onAir = useMemo(() => dropsOnAir(drops, pinnedId, now), [drops, pinnedId, now]);
  return (
    <>
      {onAir.map((drop) => (
        <DropCard key={drop.id} drop={drop} pinned={drop.id === pinnedId} />
      ))}
    </>
  );
}

function DropCard({ drop, pinned }: { drop: Drop; pinned: boolean }) {
  const t = useT();
  const locale = useOverlay(selectLocale);
  const soldOut = drop.remaining <= 0 || drop.status === 'sold-out';
  const ratio = drop.stock > 0 ? Math.max(0, Math.min(1, drop.remaining / drop.stock)) : 0;
  const low = !soldOut && ratio <= 0.2;
  const memberPrice = drop.memberPriceCents !== null && drop.memberPriceCents < drop.priceCents;
  return (
    <section
      className={`plate card drop${soldOut ? ' is-sold-out' : ''}${pinned ? ' is-pinned' : ''}`}
      data-testid="overlay-drop"
      data-drop-id={drop.id}
      data-pinned={pinned || undefined}
    >
      <div className="card-label">
        {t('dropLabel')}
        {pinned && <span className="pin-tag" data-testid="overlay-drop-pinned">{t('dropPinned')}</span>}
      </div>
      <div className="drop-body">
        {drop.imageUrl && (
          // a picture that fails to load leaves no broken-image icon on air
          <img className="drop-image" src={drop.imageUrl} alt="" onError={(e) => (e.currentTarget.style.display = 'none')} />
        )}
        <div className="drop-info">
          <div className="card-title">{drop.title}</div>
          <div className="drop-price">
            {memberPrice ? (
              <>
                <span className="price-member">{formatMoney(drop.memberPriceCents!, drop.currency, locale)}</span>
                <s className="price-regular">{formatMoney(drop.priceCents, drop.currency, locale)}</s>
                <span className="price-tag">{t('memberPrice')}</span>
              </>
            ) : (
              <span className="price-member">{formatMoney(drop.priceCents, drop.currency, locale)}</span>
            )}
          </div>
        </div>
      </div>
      <DropWindows drop={drop} />
      <div className={`stock${low ? ' is-low' : ''}`}>
        <div className="stock-track">
          <div className="stock-fill" style={{ transform: `scaleX(${ratio})` }} />
        </div>
        <div className="stock-text" data-testid="overlay-drop-stock" data-remaining={drop.remaining} data-stock={drop.stock}>
          {t('stockLeft', { remaining: formatNumber(drop.remaining, locale), stock: formatNumber(drop.stock, locale) })}
        </div>
      </div>
      {soldOut && (
        <div className="sold-out" data-testid="overlay-sold-out">
          <span>{t('soldOut')}</span>
        </div>
      )}
    </section>
  );
}

/** "Gold now · Silver in 2:00 · Bronze in 5:00", ticking on server time. */
function DropWindows({ drop }: { drop: Drop }) {
  const now = useServerNow();
  const tiers = useOverlay(selectTiers);
  const t = useT();
  const windows = dropWindowStates(drop, now);
  if (windows.length === 0) return null;
  return (
    <div className="drop-windows" data-testid="overlay-drop-windows">
      {windows.map((w, i) => {
        const tier = tierLabel(t, w.tierId, tiers);
        return (
          <Fragment key={w.tierId}>
            {i > 0 && <span className="window-sep"> · </span>}
            <span className={`window tone-${tierTone(w.tierId, tiers)}${w.open ? ' is-open' : ''}`} data-tier={w.tierId} data-open={w.open}>
              {w.open ? t('windowNow', { tier }) : t('windowIn', { tier, time: formatCountdown(w.inMs) })}
            </span>
          </Fragment>
        );
      })}
    </div>
  );
}
