/** The reward composer's groups of fields; each shows its problems on its own inputs (ids `reward-<field>`). */
import { LimitPeriod } from '../../../../shared/rewards.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import type { FieldProblems } from '../../logic/problems.ts';
import { hasCodes, type RewardForm } from '../../logic/reward-form.ts';
import { CURRENCIES } from '../drops/DropComposer.tsx';
import { CheckboxField, SelectField, TextField } from '../ui.tsx';

/** Changes some of the form, clearing the problems of the named fields. */
export type EditReward = (changes: Partial<RewardForm>, ...fieldNames: string[]) => void;

interface GroupProps {
  form: RewardForm;
  edit: EditReward;
  fields: FieldProblems;
}

/** What only some kinds have: how a coupon hands out codes, how much credit. */
export function KindFields({ form, edit, fields }: GroupProps) {
  const t = useT();
  if (hasCodes(form.kind)) {
    return (
      <div className="row-2">
        <SelectField
          id="reward-codeMode"
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
            id="reward-sharedCode"
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
          id="reward-creditCents"
          label={t('rewards.creditAmount')}
          inputMode="decimal"
          value={form.creditAmount}
          onChange={(creditAmount) => edit({ creditAmount }, 'creditCents')}
          required
          problem={fields.creditCents}
          placeholder="100"
        />
        <SelectField
          id="reward-currency"
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

/** A price per tier, optional: a tier left blank pays the base price. */
export function TierPriceFields({ form, edit, fields, tiers }: GroupProps & { tiers: Tier[] }) {
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
            id={`reward-tierPrices.${tier.id}`}
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
export function LimitFields({ form, edit, fields }: GroupProps) {
  const t = useT();
  return (
    <>
      <div className="row-2">
        <TextField
          id="reward-stock"
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
          id="reward-unlimitedStock"
          label={t('rewards.unlimitedStock')}
          checked={form.unlimitedStock}
          onChange={(unlimitedStock) => edit({ unlimitedStock }, 'stock')}
        />
      </div>
      <div className="row-3">
        <TextField
          id="reward-perMemberLimit"
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
          id="reward-periodLimit.period"
          label={t('rewards.periodLimit')}
          value={form.limitPeriod}
          onChange={(period) => edit({ limitPeriod: period as RewardForm['limitPeriod'] }, 'periodLimit')}
          options={[{ value: '', label: t('rewards.noLimit') }, ...LimitPeriod.map((p) => ({ value: p, label: t(`rewards.period.${p}` as HostKey) }))]}
          problem={fields['periodLimit.period'] ?? fields.periodLimit}
        />
        {form.limitPeriod && (
          <TextField
            id="reward-periodLimit.count"
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
export function AvailabilityFields({ form, edit, fields, tiers }: GroupProps & { tiers: Tier[] }) {
  const t = useT();
  return (
    <>
      <SelectField
        id="reward-minTier"
        label={t('rewards.minTier')}
        value={form.minTier}
        onChange={(minTier) => edit({ minTier }, 'minTier')}
        options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
        problem={fields.minTier}
      />
      <TextField
        id="reward-availableFrom"
        label={t('rewards.availableFrom')}
        type="datetime-local"
        value={form.availableFrom}
        onChange={(availableFrom) => edit({ availableFrom }, 'availableFrom', 'availableUntil')}
        problem={fields.availableFrom}
        hint={t('rewards.availableFromHint')}
      />
      <TextField
        id="reward-availableUntil"
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
