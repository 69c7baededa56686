/**
 * A drop's fields: the drop composer's, and a community goal's flash-drop
 * draft. Each input's id is `<prefix>-<path><field>` with the server's field
 * names — `drop-priceCents` in the composer, `goal-drop.priceCents` in a
 * goal's draft (path `drop.`) — so a refusal lands on (and focuses) its input.
 */
import { CHECKOUT_PLACEHOLDERS, checkoutTemplateIssue } from '../../../../shared/domain/checkout-template.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { formatCountdown } from '../../../common/format.ts';
import { useHost, useT } from '../../hooks.ts';
import { CURRENCIES, type DropForm } from '../../logic/drop-form.ts';
import { toLocalInput } from '../../logic/form-values.ts';
import type { FieldProblems, Problem } from '../../logic/problems.ts';
import { selectClockOffset } from '../../store/selectors.ts';
import { SelectField, TextArea, TextField } from '../ui.tsx';

/** A checkout link template's issue in the dashboard's words (the same rule the server applies). */
function checkoutUrlProblem(template: string): Problem | undefined {
  const issue = template.trim() ? checkoutTemplateIssue(template.trim()) : null;
  if (!issue) return undefined;
  if (issue.kind === 'placeholder') return { key: 'drops.checkoutUrlPlaceholder', params: { name: `{${issue.name}}` } };
  return { key: issue.kind === 'scheme' ? 'drops.checkoutUrlScheme' : 'issue.url' };
}

export interface DropFieldsProps {
  form: DropForm;
  /** Changes some of the form, clearing the problems of the named fields (full paths). */
  edit: (changes: Partial<DropForm>, ...fieldNames: string[]) => void;
  fields: FieldProblems;
  /** the form's id prefix */
  prefix: string;
  /** where the drop sits in the body the form sends: '' for a drop, 'drop.' for a goal's draft */
  path: string;
  tiers: Tier[];
  /** Offer the opening time: a goal's drop opens when the goal is reached. */
  schedule: boolean;
}

export function DropFields({ form, edit, fields, prefix, path, tiers, schedule }: DropFieldsProps) {
  const t = useT();
  const clockOffset = useHost(selectClockOffset);
  /** An input bound to one form value; `field`: the server's name for it, when not the same. */
  const bind = (key: keyof DropForm, field: string = key) => ({
    id: `${prefix}-${path}${field}`,
    value: form[key],
    onChange: (value: string) => edit({ [key]: value }, `${path}${field}`),
    problem: fields[`${path}${field}`],
  });
  const setOpensIn = (minutes: number) => edit({ opensAt: minutes === 0 ? '' : toLocalInput(Date.now() + clockOffset + minutes * 60_000) }, `${path}opensAt`);
  const checkoutUrl = bind('checkoutUrl');

  return (
    <>
      <TextField {...bind('title')} label={t('drops.title')} required placeholder={t('drops.titlePlaceholder')} />
      <TextArea {...bind('description')} label={t('drops.description')} maxLength={2000} rows={2} />
      <TextField {...bind('imageUrl')} label={t('drops.imageUrl')} type="url" inputMode="url" placeholder="https://" />
      <div className="row-3">
        <TextField {...bind('price', 'priceCents')} label={t('drops.price')} inputMode="decimal" required placeholder="1200" />
        <TextField {...bind('memberPrice', 'memberPriceCents')} label={t('drops.memberPrice')} inputMode="decimal" placeholder={t('common.optional')} />
        <SelectField {...bind('currency')} label={t('drops.currency')} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
      </div>
      <div className="row-3">
        <TextField {...bind('stock')} label={t('drops.stock')} type="number" min={1} step={1} required />
        <TextField {...bind('perMemberLimit')} label={t('drops.perMemberLimit')} type="number" min={1} step={1} />
        <TextField
          {...bind('reservationSeconds')}
          label={t('drops.reservationSeconds')}
          type="number"
          min={10}
          step={1}
          suffix={t('common.secondsShort')}
          hint={Number(form.reservationSeconds) >= 60 ? t('drops.reservationHint', { time: formatCountdown(Number(form.reservationSeconds) * 1000) }) : undefined}
        />
      </div>
      <div className="row-2">
        {schedule && (
          <div>
            <TextField {...bind('opensAt')} label={t('drops.opensAt')} type="datetime-local" hint={t('drops.opensAtHint')} />
            <div className="quick" role="group" aria-label={t('drops.quickOpen')}>
              {[0, 5, 10, 15].map((m) => (
                <button key={m} type="button" className="btn btn-chip" onClick={() => setOpensIn(m)}>
                  {m === 0 ? t('drops.now') : t('drops.inMinutes', { n: m })}
                </button>
              ))}
            </div>
          </div>
        )}
        <SelectField
          {...bind('minTier')}
          label={t('drops.minTier')}
          options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
        />
      </div>
      <TextField
        {...checkoutUrl}
        label={t('drops.checkoutUrl')}
        type="url"
        inputMode="url"
        problem={checkoutUrl.problem && (checkoutUrlProblem(form.checkoutUrl) ?? checkoutUrl.problem)}
        placeholder="https://shop.example/checkout?ref={ref}"
        hint={t('drops.checkoutUrlHint', { placeholders: CHECKOUT_PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}
      />
      <TextArea {...bind('paymentInstructions')} label={t('drops.paymentInstructions')} maxLength={1000} rows={2} hint={t('drops.paymentInstructionsPlaceholder')} />
    </>
  );
}
