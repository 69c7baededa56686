/**
 * The fields of the reward composer and the reward editor, in groups; each
 * shows its problems on its own inputs, whose ids are `<prefix>-<field>`
 * (the composer's `reward-title`, an editor's `reward-edit-<id>-title`).
 */
import type { ReactNode } from 'react';
import { LimitPeriod } from '../../../../shared/rewards.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import type { FieldProblems } from '../../logic/problems.ts';
import { CURRENCIES } from '../../logic/drop-form.ts';
import { hasCodes, type RewardForm } from '../../logic/reward-form.ts';
import { CheckboxField, SelectField, TextArea, TextField } from '../ui.tsx';

/** Changes some of the form, clearing the problems of the named fields. */
export type EditReward = (changes: Partial<RewardForm>, ...fieldNames: string[]) => void;

export interface GroupProps {
  form: RewardForm;
  edit: EditReward;
  fields: FieldProblems;
  /** the start of every input's id */
  prefix: string;
}

/**
 * Every group, in the same order in both forms. `kind` is what only the
 * reward's kind has, between what members read and the price: the
 * composer's kind fields (the editor has none, the kind being fixed).
 */
export function RewardFields({ kind, tiers, ...group }: GroupProps & { tiers: Tier[]; kind?: ReactNode }) {
  return (
    <>
      <AboutFields {...group} />
      {kind}
      <PriceFields {...group} tiers={tiers} />
      <LimitFields {...group} />
      <AvailabilityFields {...group} tiers={tiers} />
      <OverlayAlertField {...group} />
    </>
  );
}

/** What members read: the title, a description, a picture. */
function AboutFields({ form, edit, fields, prefix }: GroupProps) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${prefix}-title`}
        label={t('rewards.title')}
        value={form.title}
        onChange={(title) => edit({ title }, 'title')}
        required
        problem={fields.title}
        placeholder={t('rewards.titlePlaceholder')}
      />
      <TextArea
        id={`${prefix}-description`}
        label={t('rewards.description')}
        value={form.description}
        onChange={(description) => edit({ description }, 'description')}
        problem={fields.description}
        maxLength={2000}
        rows={2}
      />
      <TextField
        id={`${prefix}-imageUrl`}
        label={t('rewards.imageUrl')}
        type="url"
        inputMode="url"
        value={form.imageUrl}
        onChange={(imageUrl) => edit({ imageUrl }, 'imageUrl')}
        problem={fields.imageUrl}
        placeholder="https://"
      />
    </>
  );
}

/** What only some kinds have: how a coupon hands out codes, how much credit. */
export function KindFields({ form, edit, fields, prefix }: GroupProps) {
  const t = useT();
  if (hasCodes(form.kind)) {
    return (
      <div className="row-2">
        <SelectField
          id={`${prefix}-codeMode`}
          label={t('rewards.codeMode')}
          value={form.codeMode}
          onChange={(mode) => edit({ codeMode: mode as RewardForm['codeMode'] }, 'codeMode', 'sharedCode')}
          options={[
            { value: 'pool', label: t('rewards.codeMode.pool') },
            { value: 'shared', label: t('rewards.codeMode.shared') },
          ]}
          problem={fields.codeMode}
          hint={form.codeMode === 'pool' ? t('rewards.codeModeHint.pool') : undefined}
        />
        {form.codeMode === 'shared' && (
          <TextField
            id={`${prefix}-sharedCode`}
            label={t('rewards.sharedCode')}
            value={form.sharedCode}
            onChange={(sharedCode) => edit({ sharedCode }, 'sharedCode')}
            required
            problem={fields.sharedCode}
            placeholder="THANKYOU10"
            hint={t('rewards.sharedCodeHint')}
          />
        )}
      </div>
    );
  }
  if (form.kind === 'credit') {
    return (
      <div className="row-2">
        <TextField
          id={`${prefix}-creditCents`}
          label={t('rewards.creditAmount')}
          inputMode="decimal"
          value={form.creditAmount}
          onChange={(creditAmount) => edit({ creditAmount }, 'creditCents')}
          required
          problem={fields.creditCents}
          placeholder="100"
        />
        <SelectField
          id={`${prefix}-currency`}
          label={t('drops.currency')}
          value={form.currency}
          onChange={(currency) => edit({ currency }, 'currency', 'creditCents')}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          problem={fields.currency}
        />
      </div>
    );
  }
  return null;
}

/** The price, and a price per tier, optional: a tier left blank pays the base price. */
function PriceFields(props: GroupProps & { tiers: Tier[] }) {
  const t = useT();
  const { form, edit, fields, prefix } = props;
  return (
    <>
      <TextField
        id={`${prefix}-pricePoints`}
        label={t('rewards.pricePoints')}
        type="number"
        min={0}
        step={1}
        value={form.pricePoints}
        onChange={(pricePoints) => edit({ pricePoints }, 'pricePoints')}
        required
        problem={fields.pricePoints}
        suffix={t('common.pointsShort')}
      />
      <TierPriceFields {...props} />
    </>
  );
}

function TierPriceFields({ form, edit, fields, prefix, tiers }: GroupProps & { tiers: Tier[] }) {
  const t = useT();
  if (tiers.length === 0) return null;
  const setPrice = (tierId: string) => (points: string) => edit({ tierPrices: { ...form.tierPrices, [tierId]: points } }, `tierPrices.${tierId}`, 'tierPrices');
  return (
    <fieldset className="fieldset">
      <legend className="subhead">{t('rewards.tierPrices')}</legend>
      <p className="field-hint">{t('rewards.tierPricesHint')}</p>
      <div className="row-3">
        {tiers.map((tier) => (
          <TextField
            key={tier.id}
            id={`${prefix}-tierPrices.${tier.id}`}
            label={tier.name}
            type="number"
            min={0}
            step={1}
            value={form.tierPrices[tier.id] ?? ''}
            onChange={setPrice(tier.id)}
            problem={fields[`tierPrices.${tier.id}`] ?? (tier === tiers[0] ? fields.tierPrices : undefined)}
            placeholder={form.pricePoints || t('common.optional')}
            suffix={t('common.pointsShort')}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** How many: the stock (or unlimited), per member in all, per member per period. */
function LimitFields({ form, edit, fields, prefix }: GroupProps) {
  const t = useT();
  return (
    <>
      <div className="row-2">
        <TextField
          id={`${prefix}-stock`}
          label={t('rewards.stock')}
          type="number"
          min={0}
          step={1}
          value={form.unlimitedStock ? '' : form.stock}
          onChange={(stock) => edit({ stock }, 'stock')}
          required={!form.unlimitedStock}
          disabled={form.unlimitedStock}
          problem={fields.stock}
          placeholder={form.unlimitedStock ? t('rewards.unlimited') : undefined}
          hint={hasCodes(form.kind) && form.codeMode === 'pool' ? t('rewards.stockPoolHint') : undefined}
        />
        <CheckboxField
          id={`${prefix}-unlimitedStock`}
          label={t('rewards.unlimitedStock')}
          checked={form.unlimitedStock}
          onChange={(unlimitedStock) => edit({ unlimitedStock }, 'stock')}
        />
      </div>
      <div className="row-3">
        <TextField
          id={`${prefix}-perMemberLimit`}
          label={t('rewards.perMemberLimit')}
          type="number"
          min={1}
          step={1}
          value={form.perMemberLimit}
          onChange={(perMemberLimit) => edit({ perMemberLimit }, 'perMemberLimit')}
          problem={fields.perMemberLimit}
          placeholder={t('rewards.noLimit')}
        />
        <SelectField
          id={`${prefix}-periodLimit.period`}
          label={t('rewards.periodLimit')}
          value={form.limitPeriod}
          onChange={(period) => edit({ limitPeriod: period as RewardForm['limitPeriod'] }, 'periodLimit')}
          options={[{ value: '', label: t('rewards.noLimit') }, ...LimitPeriod.map((p) => ({ value: p, label: t(`rewards.period.${p}` as HostKey) }))]}
          problem={fields['periodLimit.period'] ?? fields.periodLimit}
        />
        {form.limitPeriod && (
          <TextField
            id={`${prefix}-periodLimit.count`}
            label={t('rewards.periodCount')}
            type="number"
            min={1}
            step={1}
            value={form.periodCount}
            onChange={(periodCount) => edit({ periodCount }, 'periodLimit')}
            required
            problem={fields['periodLimit.count']}
          />
        )}
      </div>
    </>
  );
}

/** Who and when: the lowest tier that may redeem, and the window it is on offer (the two pickers stacked: the composer is too narrow for both side by side). */
function AvailabilityFields({ form, edit, fields, prefix, tiers }: GroupProps & { tiers: Tier[] }) {
  const t = useT();
  return (
    <>
      <SelectField
        id={`${prefix}-minTier`}
        label={t('rewards.minTier')}
        value={form.minTier}
        onChange={(minTier) => edit({ minTier }, 'minTier')}
        options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
        problem={fields.minTier}
      />
      <TextField
        id={`${prefix}-availableFrom`}
        label={t('rewards.availableFrom')}
        type="datetime-local"
        value={form.availableFrom}
        onChange={(availableFrom) => edit({ availableFrom }, 'availableFrom', 'availableUntil')}
        problem={fields.availableFrom}
        hint={t('rewards.availableFromHint')}
      />
      <TextField
        id={`${prefix}-availableUntil`}
        label={t('rewards.availableUntil')}
        type="datetime-local"
        value={form.availableUntil}
        onChange={(availableUntil) => edit({ availableUntil }, 'availableUntil')}
        problem={fields.availableUntil}
        hint={t('rewards.availableUntilHint')}
      />
    </>
  );
}

/** Whether each redemption is announced on the live show's overlay ("Mei redeemed Free shipping"). */
function OverlayAlertField({ form, edit, fields, prefix }: GroupProps) {
  const t = useT();
  return (
    <CheckboxField
      id={`${prefix}-overlayAlert`}
      label={t('rewards.overlayAlert')}
      checked={form.overlayAlert}
      onChange={(overlayAlert) => edit({ overlayAlert }, 'overlayAlert')}
      problem={fields.overlayAlert}
      hint={t('rewards.overlayAlertHint')}
    />
  );
}
