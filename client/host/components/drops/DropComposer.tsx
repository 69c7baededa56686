import { dropWindows } from '../../../../shared/domain/drop-windows.ts';
import { CHECKOUT_PLACEHOLDERS, checkoutTemplateIssue } from '../../../../shared/domain/checkout-template.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { formatCountdown, formatMoney } from '../../../common/format.ts';
import { say, useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import { centsFrom, fromLocalInput, numberFrom, textFrom, toLocalInput } from '../../logic/form-values.ts';
import type { Problem } from '../../logic/problems.ts';
import { hostWindowText } from '../../logic/time.ts';
import { selectClockOffset, selectLocale, selectTiers } from '../../store/selectors.ts';
import { FormAlert, Panel, SelectField, TextArea, TextField, Thumb, TierChip } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';

export const CURRENCIES = ['TWD', 'USD', 'HKD', 'JPY', 'SGD', 'MYR', 'EUR'];

const BLANK = {
  title: '',
  description: '',
  imageUrl: '',
  price: '',
  memberPrice: '',
  currency: 'TWD',
  stock: '10',
  perMemberLimit: '1',
  opensAt: '',
  minTier: '',
  reservationSeconds: '600',
  checkoutUrl: '',
  paymentInstructions: '',
};

/** A checkout link template's issue in the dashboard's words (the same rule the server applies). */
function checkoutUrlProblem(template: string): Problem | undefined {
  const issue = template.trim() ? checkoutTemplateIssue(template.trim()) : null;
  if (!issue) return undefined;
  if (issue.kind === 'placeholder') return { key: 'drops.checkoutUrlPlaceholder', params: { name: `{${issue.name}}` } };
  return { key: issue.kind === 'scheme' ? 'drops.checkoutUrlScheme' : 'issue.url' };
}
type Form = typeof BLANK;

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
  const clockOffset = useHost(selectClockOffset);
  const { form, pending, problem, fields, change, submit: submitWith } = useComposer<Form>(BLANK, 'drop');

  const edit =
    (key: keyof Form, ...fieldNames: string[]) =>
    (value: string) =>
      change((f) => ({ ...f, [key]: value }), ...fieldNames);

  const opensAt = fromLocalInput(form.opensAt);
  const priceCents = centsFrom(form.price);
  const memberPriceCents = centsFrom(form.memberPrice);

  const submit = submitWith(
    (sent) =>
      createDrop(streamId, {
        title: sent.title,
        description: textFrom(sent.description),
        imageUrl: textFrom(sent.imageUrl),
        priceCents: priceCents as number,
        memberPriceCents,
        currency: sent.currency,
        stock: numberFrom(sent.stock) as number,
        perMemberLimit: numberFrom(sent.perMemberLimit),
        opensAt,
        minTier: sent.minTier || undefined,
        reservationSeconds: numberFrom(sent.reservationSeconds),
        checkoutUrl: textFrom(sent.checkoutUrl),
        paymentInstructions: textFrom(sent.paymentInstructions),
      }),
    // The shop's link and how to pay rarely change between drops: kept for the next one.
    (sent) => ({ ...BLANK, currency: sent.currency, checkoutUrl: sent.checkoutUrl, paymentInstructions: sent.paymentInstructions }),
  );

  const setOpensIn = (minutes: number) => edit('opensAt', 'opensAt')(minutes === 0 ? '' : toLocalInput(Date.now() + clockOffset + minutes * 60_000));
  const money = (cents: number | undefined) =>
    cents !== undefined && Number.isFinite(cents) ? formatMoney(cents, /^[A-Z]{3}$/.test(form.currency) ? form.currency : 'TWD', locale) : '—';

  return (
    <Panel title={t('drops.composeTitle')} titleId="drop-compose-title" subtitle={t('drops.composeLead')}>
      <form className="form" onSubmit={submit} aria-labelledby="drop-compose-title" noValidate data-testid="drop-composer">
        <TextField id="drop-title" label={t('drops.title')} value={form.title} onChange={edit('title', 'title')} required problem={fields.title} placeholder={t('drops.titlePlaceholder')} />
        <TextArea id="drop-description" label={t('drops.description')} value={form.description} onChange={edit('description', 'description')} problem={fields.description} maxLength={2000} rows={2} />
        <TextField id="drop-imageUrl" label={t('drops.imageUrl')} type="url" inputMode="url" value={form.imageUrl} onChange={edit('imageUrl', 'imageUrl')} problem={fields.imageUrl} placeholder="https://" />
        <div className="row-3">
          <TextField id="drop-priceCents" label={t('drops.price')} inputMode="decimal" value={form.price} onChange={edit('price', 'priceCents')} required problem={fields.priceCents} placeholder="1200" />
          <TextField
            id="drop-memberPriceCents"
            label={t('drops.memberPrice')}
            inputMode="decimal"
            value={form.memberPrice}
            onChange={edit('memberPrice', 'memberPriceCents')}
            problem={fields.memberPriceCents}
            placeholder={t('common.optional')}
          />
          <SelectField
            id="drop-currency"
            label={t('drops.currency')}
            value={form.currency}
            onChange={edit('currency', 'currency')}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            problem={fields.currency}
          />
        </div>
        <div className="row-3">
          <TextField id="drop-stock" label={t('drops.stock')} type="number" min={1} step={1} value={form.stock} onChange={edit('stock', 'stock')} required problem={fields.stock} />
          <TextField
            id="drop-perMemberLimit"
            label={t('drops.perMemberLimit')}
            type="number"
            min={1}
            step={1}
            value={form.perMemberLimit}
            onChange={edit('perMemberLimit', 'perMemberLimit')}
            problem={fields.perMemberLimit}
          />
          <TextField
            id="drop-reservationSeconds"
            label={t('drops.reservationSeconds')}
            type="number"
            min={10}
            step={1}
            value={form.reservationSeconds}
            onChange={edit('reservationSeconds', 'reservationSeconds')}
            problem={fields.reservationSeconds}
            suffix={t('common.secondsShort')}
            hint={
              Number(form.reservationSeconds) >= 60
                ? t('drops.reservationHint', { time: formatCountdown(Number(form.reservationSeconds) * 1000) })
                : undefined
            }
          />
        </div>
        <div className="row-2">
          <div>
            <TextField
              id="drop-opensAt"
              label={t('drops.opensAt')}
              type="datetime-local"
              value={form.opensAt}
              onChange={edit('opensAt', 'opensAt')}
              problem={fields.opensAt}
              hint={t('drops.opensAtHint')}
            />
            <div className="quick" role="group" aria-label={t('drops.quickOpen')}>
              {[0, 5, 10, 15].map((m) => (
                <button key={m} type="button" className="btn btn-chip" onClick={() => setOpensIn(m)}>
                  {m === 0 ? t('drops.now') : t('drops.inMinutes', { n: m })}
                </button>
              ))}
            </div>
          </div>
          <SelectField
            id="drop-minTier"
            label={t('drops.minTier')}
            value={form.minTier}
            onChange={edit('minTier', 'minTier')}
            options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
            problem={fields.minTier}
          />
        </div>

        <TextField
          id="drop-checkoutUrl"
          label={t('drops.checkoutUrl')}
          type="url"
          inputMode="url"
          value={form.checkoutUrl}
          onChange={edit('checkoutUrl', 'checkoutUrl')}
          problem={fields.checkoutUrl && (checkoutUrlProblem(form.checkoutUrl) ?? fields.checkoutUrl)}
          placeholder="https://shop.example/checkout?ref={ref}"
          hint={t('drops.checkoutUrlHint', { placeholders: CHECKOUT_PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}
        />
        <TextArea
          id="drop-paymentInstructions"
          label={t('drops.paymentInstructions')}
          value={form.paymentInstructions}
          onChange={edit('paymentInstructions', 'paymentInstructions')}
          problem={fields.paymentInstructions}
          maxLength={1000}
          rows={2}
          hint={t('drops.paymentInstructionsPlaceholder')}
        />

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
