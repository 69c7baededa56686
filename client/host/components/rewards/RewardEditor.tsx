import type { RewardView } from '../../../../shared/rewards.ts';
import { formatMoney } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { rewardFormFrom, rewardPatchFrom } from '../../logic/reward-edit.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { RowEditorForm } from '../RowEditor.tsx';
import { useRowEditor } from '../use-row-editor.ts';
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
  const prefix = rewardEditorId(reward.id);
  const editor = useRowEditor(() => rewardFormFrom(reward), prefix, rewardPatchFrom, (patch) => patchReward(reward.id, patch), onClose);
  return (
    <RowEditorForm
      editor={editor}
      prefix={prefix}
      heading={t('rewards.editTitle', { title: reward.title })}
      saveLabel={t('rewards.saveChanges')}
      onClose={onClose}
      testId="reward-editor"
      saveTestId="reward-edit-save"
    >
      <FixedFacts reward={reward} />
      <RewardFields form={editor.form} edit={editor.edit} fields={editor.fields} prefix={prefix} tiers={tiers} />
    </RowEditorForm>
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
