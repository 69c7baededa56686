import { dropWindows } from '../../../../shared/domain/drop-windows.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { formatCountdown, formatMoney } from '../../../common/format.ts';
import { say, useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import { BLANK_DROP_FORM, dropBodyFrom, nextDropForm, type DropForm } from '../../logic/drop-form.ts';
import { centsFrom, fromLocalInput } from '../../logic/form-values.ts';
import { hostWindowText } from '../../logic/time.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { FormAlert, Panel, Thumb, TierChip } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';
import { DropFields } from './DropFields.tsx';

/** Each tier's opening time for the drop being composed: what members will see (the server's rule, shared/domain/). */
function WindowsPreview({ tiers, opensAt, minTier }: { tiers: Tier[]; opensAt: number | undefined; minTier: string }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const now = useServerNow();
  const base = opensAt !== undefined && Number.isFinite(opensAt) ? opensAt : now;
  const windows = dropWindows({ tiers }, { opensAt: base, minTier: minTier || null });
  const admitted = new Set(windows.map((w) => w.tierId));
  const tierOf = (id: string) => tiers.find((tier) => tier.id === id)!;
  return (
    <div className="windows" aria-labelledby="windows-title">
      <h3 id="windows-title" className="subhead">
        {t('drops.windowsTitle')}
      </h3>
      <ul className="windows-list" data-testid="drop-windows-preview">
        {windows.map((w) => {
          const tier = tierOf(w.tierId);
          return (
            <li key={tier.id}>
              <TierChip tierId={tier.id} name={tier.name} />
              <span className="window-when">
                {hostWindowText(t, w.opensAt, now, locale)}
                {tier.earlyAccessSeconds > 0 && w.opensAt > now && (
                  <span className="muted"> · {t('drops.earlyBy', { time: formatCountdown(tier.earlyAccessSeconds * 1000) })}</span>
                )}
              </span>
            </li>
          );
        })}
        {tiers
          .filter((tier) => !admitted.has(tier.id))
          .map((tier) => (
            <li key={tier.id} className="window-none">
              <TierChip tierId={tier.id} name={tier.name} />
              <span className="window-time">—</span>
              <span className="window-when muted">{t('drops.windowNone')}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}

export function DropComposer({ streamId }: { streamId: string }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const tiers = useHost(selectTiers);
  const { createDrop } = useActions();
  const { form, pending, problem, fields, edit, submit: submitWith } = useComposer<DropForm>(BLANK_DROP_FORM, 'drop');

  const opensAt = fromLocalInput(form.opensAt);
  const priceCents = centsFrom(form.price);
  const memberPriceCents = centsFrom(form.memberPrice);

  const submit = submitWith((sent) => createDrop(streamId, dropBodyFrom(sent)), nextDropForm);

  const money = (cents: number | undefined) =>
    cents !== undefined && Number.isFinite(cents) ? formatMoney(cents, /^[A-Z]{3}$/.test(form.currency) ? form.currency : 'TWD', locale) : '—';

  return (
    <Panel title={t('drops.composeTitle')} titleId="drop-compose-title" subtitle={t('drops.composeLead')}>
      <form className="form" onSubmit={submit} aria-labelledby="drop-compose-title" noValidate data-testid="drop-composer">
        <DropFields form={form} edit={edit} fields={fields} prefix="drop" path="" tiers={tiers} schedule />

        <div className="preview-card" aria-label={t('drops.previewLabel')} role="group">
          <div className="preview-product">
            <Thumb className="preview-img" src={form.imageUrl} />
            <div>
              <p className="preview-title">{form.title || t('drops.titlePlaceholder')}</p>
              <p className="price">
                {memberPriceCents !== undefined && Number.isFinite(memberPriceCents) ? (
                  <>
                    <span className="price-member">{t('drops.memberPriceShort', { price: money(memberPriceCents) })}</span>
                    <s className="price-regular">{money(priceCents)}</s>
                  </>
                ) : (
                  <span className="price-member">{money(priceCents)}</span>
                )}
              </p>
            </div>
          </div>
          <WindowsPreview tiers={tiers} opensAt={opensAt} minTier={form.minTier} />
        </div>

        <FormAlert problem={problem} />
        {fields.body && <p className="form-alert">{say(t, fields.body)}</p>}
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="drop-submit">
          {pending ? t('drops.launching') : t('drops.launch')}
        </button>
      </form>
    </Panel>
  );
}
