import { useState, type FormEvent } from 'react';
import type { Drop } from '../../../../shared/perks.ts';
import { formatCountdown, formatMoney, formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { dropStatus } from '../../../../shared/domain/drop-windows.ts';
import type { Problem } from '../../logic/problems.ts';
import { formatTime, hostWindowText } from '../../logic/time.ts';
import { selectConfirmationsOf, selectLocale, selectPerkBusy, selectTiers } from '../../store/selectors.ts';
import { Chip, TextField, Thumb, TierChip } from '../ui.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { ClaimList } from './ClaimList.tsx';

const STATUS_TONE = { scheduled: 'scheduled', open: 'open', 'sold-out': 'soldout', closed: 'ended' } as const;

/** The buyer reads out the reference their page shows; the seller confirms with it (no internal id needed). */
function ConfirmClaim({ drop }: { drop: Drop }) {
  const t = useT();
  const { confirmByRef } = useActions();
  const [checkoutRef, setCheckoutRef] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    const outcome = await confirmByRef(checkoutRef);
    setPending(false);
    if (outcome.ok) {
      setCheckoutRef('');
      setProblem(undefined);
    } else setProblem(outcome.fields.checkoutRef ?? outcome.problem);
  };
  return (
    <form className="confirm-claim" onSubmit={submit} noValidate>
      <TextField
        id={`claim-${drop.id}`}
        label={t('claims.refLabel')}
        value={checkoutRef}
        onChange={(v) => {
          setCheckoutRef(v);
          setProblem(undefined);
        }}
        placeholder={t('claims.refPlaceholder')}
        problem={problem}
        hint={t('claims.refHint')}
        testId="confirm-ref"
      />
      <button type="submit" className="btn btn-secondary" disabled={pending} data-testid="confirm-claim">
        {pending ? t('common.saving') : t('claims.confirm')}
      </button>
    </form>
  );
}

export function DropCard({ drop }: { drop: Drop }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const now = useServerNow();
  const tiers = useHost(selectTiers);
  const confirmations = useHost(selectConfirmationsOf(drop.id));
  const busy = useHost(selectPerkBusy(drop.id));
  const { closeDrop } = useActions();
  // the server's status when it sent the drop; a scheduled drop opens by itself as time passes
  const status = dropStatus(drop.windows, drop.status === 'closed', drop.remaining, now);
  const next = drop.windows.find((w) => w.opensAt > now);
  const tierName = (id: string) => tiers.find((x) => x.id === id)?.name ?? id;
  const titleId = `drop-${drop.id}-title`;
  const pct = drop.stock > 0 ? (drop.remaining / drop.stock) * 100 : 0;

  return (
    <article className={`card drop-card drop-${status}`} aria-labelledby={titleId} data-testid="drop-card" data-drop-id={drop.id}>
      <header className="card-head">
        <Thumb className="thumb" src={drop.imageUrl} />
        <div className="card-title">
          <h3 id={titleId}>{drop.title}</h3>
          <p className="price">
            {drop.memberPriceCents !== null ? (
              <>
                <span className="price-member">{t('drops.memberPriceShort', { price: formatMoney(drop.memberPriceCents, drop.currency, locale) })}</span>
                <s className="price-regular">{formatMoney(drop.priceCents, drop.currency, locale)}</s>
              </>
            ) : (
              <span className="price-member">{formatMoney(drop.priceCents, drop.currency, locale)}</span>
            )}
          </p>
        </div>
        <Chip tone={STATUS_TONE[status]} pulse={status === 'open'}>
          {t(`drops.status.${status}` as HostKey)}
        </Chip>
      </header>

      <div className="stock" data-testid="drop-stock">
        <div className="stock-numbers">
          <span className="stock-left">
            <strong>{formatNumber(drop.remaining, locale)}</strong> {t('drops.left')}
          </span>
          <span className="muted">{t('drops.ofStock', { stock: formatNumber(drop.stock, locale) })}</span>
        </div>
        <div
          className="meter meter-lg"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={drop.stock}
          aria-valuenow={drop.remaining}
          aria-label={t('drops.stockMeter')}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
      </div>

      <dl className="facts">
        <div>
          <dt>{t('drops.reserved')}</dt>
          <dd data-testid="drop-reserved">{formatNumber(drop.reserved, locale)}</dd>
        </div>
        <div>
          <dt>{t('drops.sold')}</dt>
          <dd data-testid="drop-confirmed">{formatNumber(drop.confirmed, locale)}</dd>
        </div>
        <div>
          <dt>{t('drops.limit')}</dt>
          <dd>{t('drops.perMember', { n: drop.perMemberLimit })}</dd>
        </div>
        <div>
          <dt>{t('drops.hold')}</dt>
          <dd>{formatCountdown(drop.reservationSeconds * 1000)}</dd>
        </div>
      </dl>

      {status !== 'closed' && (
        <ul className="windows-inline" aria-label={t('drops.windowsTitle')}>
          {drop.windows.map((w) => (
            <li key={w.tierId} className={w.opensAt <= now ? 'is-open' : undefined}>
              <TierChip tierId={w.tierId} name={tierName(w.tierId)} />
              <span>{hostWindowText(t, w.opensAt, now, locale)}</span>
            </li>
          ))}
          {drop.minTier && <li className="muted small">{t('drops.minTierNote', { tier: tierName(drop.minTier) })}</li>}
        </ul>
      )}
      {next && status === 'scheduled' && (
        <p className="small muted">{t('drops.firstOpens', { tier: tierName(next.tierId), time: formatCountdown(next.opensAt - now) })}</p>
      )}

      {confirmations.length > 0 && (
        <div>
          <h4 className="subhead">{t('claims.confirmedTitle')}</h4>
          <ul className="claims">
            {confirmations.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.checkoutRef}</span>
                <span className="muted small mono" title={c.id}>
                  {c.id.slice(0, 8)}…
                </span>
                <span className="muted small">{formatTime(c.updatedAt, locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {status !== 'closed' && <ConfirmClaim drop={drop} />}
      <ClaimList dropId={drop.id} />

      {status !== 'closed' && (
        <footer className="card-foot">
          <ConfirmButton
            className="btn btn-danger-ghost"
            disabled={busy}
            testId="close-drop"
            title={t('drops.closeConfirm.title', { title: drop.title })}
            message={t('drops.closeQuestion')}
            confirmLabel={t('drops.closeNow')}
            cancelLabel={t('drops.keepOpen')}
            onConfirm={() => void closeDrop(drop.id)}
          >
            {t('drops.closeEarly')}
          </ConfirmButton>
        </footer>
      )}
      {status === 'closed' && drop.closedAt && <p className="small muted">{t('drops.closedAt', { time: formatTime(drop.closedAt, locale) })}</p>}
    </article>
  );
}
