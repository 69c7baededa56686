import { RewardKind } from '../../../../shared/rewards.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { BLANK_REWARD_FORM, rewardBodyFrom, type RewardForm } from '../../logic/reward-form.ts';
import { selectTiers } from '../../store/selectors.ts';
import { FormAlert, Panel, SelectField } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';
import { KindFields, RewardFields, type GroupProps } from './RewardComposerFields.tsx';

/** Fields only some kinds have: their problems go when the kind changes. */
const KIND_FIELDS = ['codeMode', 'sharedCode', 'creditCents', 'currency'];

export function RewardComposer() {
  const t = useT();
  const tiers = useHost(selectTiers);
  const { createReward } = useActions();
  const { form, pending, problem, fields, edit, submit: submitWith } = useComposer<RewardForm>(BLANK_REWARD_FORM, 'reward');
  const group: GroupProps = { form, edit, fields, prefix: 'reward' };

  const submit = submitWith(
    (sent) => createReward(rewardBodyFrom(sent)),
    // The next reward is often of the same kind and currency.
    (sent) => ({ ...BLANK_REWARD_FORM, kind: sent.kind, codeMode: sent.codeMode, currency: sent.currency }),
  );

  return (
    <Panel title={t('rewards.composeTitle')} titleId="reward-compose-title" subtitle={t('rewards.composeLead')}>
      <form className="form reward-form" onSubmit={submit} aria-labelledby="reward-compose-title" noValidate data-testid="reward-composer">
        <SelectField
          id="reward-kind"
          label={t('rewards.kind')}
          value={form.kind}
          onChange={(kind) => edit({ kind: kind as RewardForm['kind'] }, 'kind', ...KIND_FIELDS)}
          options={RewardKind.map((kind) => ({ value: kind, label: t(`rewards.kind.${kind}` as HostKey) }))}
          hint={t(`rewards.kindHint.${form.kind}` as HostKey)}
          problem={fields.kind}
        />
        <RewardFields {...group} tiers={tiers} kind={<KindFields {...group} />} />
        <FormAlert problem={problem} />
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="reward-submit">
          {pending ? t('common.saving') : t('rewards.create')}
        </button>
      </form>
    </Panel>
  );
}
