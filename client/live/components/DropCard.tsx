import { useId, useMemo, type ReactNode } from 'react';
import type { Drop } from '../../../shared/perks.ts';
import { formatCountdown, formatMoney, formatNumber } from '../../common/format.ts';
import { useActions, useLive, useServerNow, useT } from '../hooks.ts';
import { formatClock, formatSpan } from '../logic/format.ts';
import { windowTiming } from '../../common/window-timing.ts';
import type { LiveKey } from '../i18n.ts';
import { dropView, earliestWindow, type DropView } from '../logic/drops.ts';
import {
  selectClaimBusy,
  selectClaimError,
  selectClaims,
  selectIsSignedIn,
  selectLocale,
  selectNextTier,
  selectRules,
  selectTier,
} from '../store/selectors.ts';
import type { AppErrorInfo } from '../store/types.ts';
import { BoltIcon } from './icons.tsx';

/**
 * One drop for this member: price, live stock, their own opening time
 * (their tier's window) counting down on server time, and a claim button that
 * cannot double-claim (disabled in flight; one requestId per intended claim).
 */
export function DropCard({ drop }: { drop: Drop }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const now = useServerNow();
  const tier = useLive(selectTier);
  const next = useLive(selectNextTier);
  const signedIn = useLive(selectIsSignedIn);
  const rules = useLive(selectRules);
  const claims = useLive(selectClaims);
  const busy = useLive(selectClaimBusy(drop.id));
  const error = useLive(selectClaimError(drop.id));
  const titleId = useId();
  const member = signedIn && tier ? { tierId: tier.id } : null;
  const view = dropView(drop, member, claims, now, busy);
  const tierName = (id: string) => rules?.tiers.find((x) => x.id === id)?.name ?? id;
  // A passed window is "open now", never its past clock time (common/window-timing.ts).
  const windowText = (opensAt: number) => {
    const w = windowTiming(opensAt, now);
    if (w.state === 'open') return t('drop.window.open');
    if (w.state === 'soon') return t('drop.window.soon', { time: formatCountdown(w.inMs) });
    return t('drop.window.later', { time: formatCountdown(w.inMs), clock: formatClock(w.at, locale) });
  };
  const price = drop.memberPriceCents ?? drop.priceCents;
  const discounted = drop.memberPriceCents !== null && drop.memberPriceCents < drop.priceCents;
  const lowStock = view.stockFraction > 0 && view.stockFraction <= 0.2;
  // A guest who joins starts in the first tier: that window is theirs (else the earliest one).
  const baseTier = rules?.tiers[0]?.id;
  const guestOpens = useMemo(
    () => drop.windows.find((w) => w.tierId === baseTier)?.opensAt ?? earliestWindow(drop),
    [drop, baseTier],
  );
  // The next tier up (the server's), when it opens earlier than this member's window: what climbing would buy.
  const upsell = useMemo(() => {
    const mine = view.opensAt;
    const theirs = next ? drop.windows.find((w) => w.tierId === next.id)?.opensAt : undefined;
    if (!next || mine === null || theirs === undefined || theirs >= mine) return null;
    return { tier: next.name, span: formatSpan(Math.round((mine - theirs) / 1000), locale) };
  }, [next, drop.windows, view.opensAt, locale]);

  return (
    <article className={`card drop phase-${view.phase}`} data-testid="drop-card" aria-labelledby={titleId}>
      <div className={`drop__media ${drop.imageUrl ? '' : 'drop__media--empty'}`}>
        {drop.imageUrl ? <img src={drop.imageUrl} alt="" loading="lazy" /> : <div className="drop__placeholder" aria-hidden="true" />}
        <span className="drop__tag">
          <BoltIcon size={12} /> {t('drop.tag')}
        </span>
        {drop.minTier && (
          <span className="drop__gate" data-tier={drop.minTier}>
            {t('drop.minTier', { tier: tierName(drop.minTier) })}
          </span>
        )}
      </div>
      <div className="drop__body">
        <h3 id={titleId} className="drop__title">
          {drop.title}
        </h3>
        {drop.description && <p className="drop__desc">{drop.description}</p>}
        <p className="price">
          <span className="price__now">{formatMoney(price, drop.currency, locale)}</span>
          {discounted && (
            <>
              <span className="price__was">
                <span className="sr-only">{t('drop.regularPrice')} </span>
                {formatMoney(drop.priceCents, drop.currency, locale)}
              </span>
              <span className="chip chip--member">{t('drop.memberPrice')}</span>
            </>
          )}
        </p>

        <div className="stock">
          <div
            className={`bar ${lowStock ? 'bar--hot' : ''}`}
            role="progressbar"
            aria-label={t('drop.stockLabel')}
            aria-valuemin={0}
            aria-valuemax={drop.stock}
            aria-valuenow={drop.remaining}
            aria-valuetext={t('drop.stockLeft', { left: formatNumber(drop.remaining, locale), total: formatNumber(drop.stock, locale) })}
          >
            <span className="bar__fill" style={{ width: `${view.stockFraction * 100}%` }} />
          </div>
          <p className="stock__text">
            {drop.remaining > 0
              ? t('drop.stockLeft', { left: formatNumber(drop.remaining, locale), total: formatNumber(drop.stock, locale) })
              : t('drop.soldOut')}
            {lowStock && <strong className="stock__hot"> · {t('drop.almostGone')}</strong>}
          </p>
        </div>

        <Opening view={view} guestOpens={guestOpens} now={now} />
        {view.phase === 'not-open' && upsell && <p className="muted small">{t('drop.earlier', upsell)}</p>}

        <ul className="windows" aria-label={t('drop.windowsLabel')}>
          {drop.windows.map((w) => (
            <li key={w.tierId} className={`window ${member?.tierId === w.tierId ? 'is-mine' : ''} ${w.opensAt <= now ? 'is-open' : ''}`} data-tier={w.tierId}>
              <span className="window__tier">{tierName(w.tierId)}</span>
              <span className="window__time">{windowText(w.opensAt)}</span>
            </li>
          ))}
        </ul>

        <ClaimButton drop={drop} view={view} busy={busy} price={formatMoney(price, drop.currency, locale)} tierName={tierName} />
        <ClaimStatus view={view} error={error} now={now} tierName={tierName} />
      </div>
    </article>
  );
}

function Opening({ view, guestOpens, now }: { view: DropView; guestOpens: number | null; now: number }) {
  const t = useT();
  if (view.phase === 'not-open') {
    return (
      <p className="opening">
        {t('drop.opensForYouIn')}{' '}
        <strong className="countdown" data-testid="drop-countdown" role="timer" aria-live="off">
          {formatCountdown(view.opensIn)}
        </strong>
      </p>
    );
  }
  if (view.phase === 'guest' && guestOpens !== null && guestOpens > now) {
    return (
      <p className="opening">
        {t('drop.opensForNewIn')}{' '}
        <strong className="countdown" data-testid="drop-countdown" role="timer" aria-live="off">
          {formatCountdown(guestOpens - now)}
        </strong>
      </p>
    );
  }
  if (view.phase === 'open') return <p className="opening opening--now">{t('drop.openNow')}</p>;
  return null;
}

function ClaimButton({ drop, view, busy, price, tierName }: { drop: Drop; view: DropView; busy: boolean; price: string; tierName: (id: string) => string }) {
  const t = useT();
  const { claimDrop } = useActions();
  const locale = useLive(selectLocale);
  let label: string;
  switch (view.phase) {
    case 'open':
      label = busy ? t('drop.claiming') : view.activeClaim ? t('drop.claimAnother', { price }) : t('drop.claim', { price });
      break;
    case 'guest':
      label = t('drop.signInToClaim');
      break;
    case 'not-open':
      label = t('drop.notOpenYet', { time: formatClock(view.opensAt ?? 0, locale) });
      break;
    case 'tier-too-low':
      label = t('drop.notYourTier', { tier: tierName(drop.minTier ?? '') });
      break;
    case 'sold-out':
      label = t('drop.soldOut');
      break;
    case 'limit':
      label = view.activeClaim?.status === 'confirmed' ? t('drop.yours') : t('drop.reserved');
      break;
    case 'closed':
      label = t('drop.closed');
      break;
  }
  const enabled = view.phase === 'guest' || view.canClaim;
  return (
    <button
      type="button"
      className={`btn btn--block btn--claim ${view.phase === 'open' ? 'btn--primary' : view.phase === 'guest' ? 'btn--ghost btn--invite' : view.phase === 'limit' ? 'btn--held' : 'btn--muted'}`}
      data-testid="claim-button"
      disabled={!enabled}
      aria-busy={busy}
      onClick={() => void claimDrop(drop.id)}
    >
      {label}
    </button>
  );
}

const ERROR_KEYS: Record<string, LiveKey> = {
  NOT_OPEN: 'drop.error.NOT_OPEN',
  TIER_TOO_LOW: 'drop.error.TIER_TOO_LOW',
  SOLD_OUT: 'drop.error.SOLD_OUT',
  LIMIT_REACHED: 'drop.error.LIMIT_REACHED',
  CLOSED: 'drop.error.CLOSED',
  BANNED: 'error.BANNED',
  TIMEOUT: 'drop.error.TIMEOUT',
  OFFLINE: 'drop.error.TIMEOUT',
};

function ClaimStatus({ view, error, now, tierName }: { view: DropView; error: AppErrorInfo | undefined; now: number; tierName: (id: string) => string }) {
  const t = useT();
  const claim = view.activeClaim;
  let content: ReactNode = null;
  let tone = 'info';
  if (claim?.status === 'reserved') {
    tone = 'ok';
    content = (
      <>
        <strong>{t('claim.reserved')}</strong>{' '}
        <span className="claim__pay">
          {t('claim.payWithin')} <span className="countdown">{formatCountdown(claim.expiresAt - now)}</span>
          {claim.checkoutUrl && (
            // A new tab: the room (and this countdown) stays open while the buyer pays at the shop.
            <a className="btn btn--primary btn--pay" href={claim.checkoutUrl} target="_blank" rel="noopener noreferrer" data-testid="pay-now">
              {t('claim.payNow')}
            </a>
          )}
        </span>
        {!claim.checkoutUrl && claim.paymentInstructions && (
          <span className="claim__how" data-testid="pay-instructions">
            <span className="claim__how-label">{t('claim.howToPay')}</span> <bdi>{claim.paymentInstructions}</bdi>
          </span>
        )}
        <span className="claim__ref">
          {t('claim.ref')} <code>{claim.checkoutRef}</code>
        </span>
      </>
    );
  } else if (claim?.status === 'confirmed') {
    tone = 'ok';
    content = (
      <>
        <strong data-testid="claim-paid">{t('claim.confirmed')}</strong>
        <span className="claim__ref">
          {t('claim.ref')} <code>{claim.checkoutRef}</code>
        </span>
      </>
    );
  } else if (error && !(error.code === 'NOT_OPEN' && (error.opensAt ?? 0) <= now)) {
    tone = 'warn';
    const key = ERROR_KEYS[error.code] ?? 'drop.error.generic';
    content = t(key, {
      time: error.opensAt ? formatCountdown(error.opensAt - now) : '',
      tier: error.minTier ? tierName(error.minTier) : '',
      code: error.code,
    });
  } else if (view.lapsedClaim) {
    tone = 'warn';
    content = t(view.lapsedClaim.status === 'cancelled' ? 'claim.cancelled' : 'claim.expired');
  }
  return (
    <div className={`claim claim--${tone}`} data-testid="claim-status" role="status" aria-live="polite" hidden={content === null}>
      {content}
    </div>
  );
}
