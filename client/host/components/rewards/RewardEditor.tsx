import { useEffect, useState, type KeyboardEvent } from 'react';
import type { RewardView } from '../../../../shared/rewards.ts';
import { formatMoney } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { rewardFormFrom, rewardPatchFrom } from '../../logic/reward-edit.ts';
import type { RewardForm } from '../../logic/reward-form.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { FormAlert } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';
import { RewardFields } from './RewardComposerFields.tsx';

/** The editor's form id, the start of its inputs' ids. */
export const rewardEditorId = (rewardId: string) => `reward-edit-${rewardId}`;

/**
 * A reward of the catalogue, edited in place under its row: the composer's
 * fields but the kind's own (its codes, its credit), prefilled from the
 * reward as it was when opened. Saving sends only what the host changed;
 * a refusal is shown on the field the server names and the form stays as
 * typed. Cancel (or Escape) closes it and nothing is sent.
 */
export function RewardEditor({ reward, onClose }: { reward: RewardView; onClose: () => void }) {
  const t = useT();
  const tiers = useHost(selectTiers);
  const { patchReward } = useActions();
  const [opened] = useState(() => rewardFormFrom(reward));
  const prefix = rewardEditorId(reward.id);
  const { form, pending, problem, fields, edit, submit: submitWith } = useComposer<RewardForm>(opened, prefix);
  const changed = Object.keys(rewardPatchFrom(opened, form)).length > 0;

  useEffect(() => {
    document.getElementById(`${prefix}-title`)?.focus();
  }, [prefix]);

  const submit = submitWith(
    async (sent) => {
      const outcome = await patchReward(reward.id, rewardPatchFrom(opened, sent));
      if (outcome.ok) onClose();
      return outcome;
    },
    (sent) => sent,
  );
  const escape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !pending) onClose();
  };

  return (
    <form className="form reward-edit" id={prefix} onSubmit={submit} onKeyDown={escape} aria-labelledby={`${prefix}-heading`} noValidate data-testid="reward-editor">
      <h3 id={`${prefix}-heading`} className="subhead">
        {t('rewards.editTitle', { title: reward.title })}
      </h3>
      <FixedFacts reward={reward} />
      <RewardFields form={form} edit={edit} fields={fields} prefix={prefix} tiers={tiers} />
      <FormAlert problem={problem} />
      <div className="reward-edit-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={pending || !changed} data-testid="reward-edit-save">
          {pending ? t('common.saving') : t('rewards.saveChanges')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What cannot change after creation: the kind, how it hands out codes, the credit amount. */
function FixedFacts({ reward }: { reward: RewardView }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const facts = [
    t(`rewards.kind.${reward.kind}` as HostKey),
    reward.codeMode && t(`rewards.codeMode.${reward.codeMode}` as HostKey),
    reward.creditCents !== null && reward.currency && formatMoney(reward.creditCents, reward.currency, locale),
  ].filter(Boolean);
  return <p className="field-hint">{t('rewards.editFixed', { what: facts.join(' · ') })}</p>;
}
