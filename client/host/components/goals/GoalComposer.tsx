import { useActions, useHost, useT } from '../../hooks.ts';
import type { DropForm } from '../../logic/drop-form.ts';
import { BLANK_GOAL_FORM, GOAL_METRICS, goalBodyFrom, nextGoalForm, type GoalForm } from '../../logic/goal-form.ts';
import type { GoalMetric } from '../../../../shared/community-goals.ts';
import { selectRewards } from '../../store/rewards-selectors.ts';
import { selectTiers } from '../../store/selectors.ts';
import { DropFields } from '../drops/DropFields.tsx';
import { CheckboxField, FormAlert, SelectField, TextField } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';

/**
 * A new community goal for the show: its title, what the room counts and
 * how much; optionally a flash drop drafted with the drop composer's fields
 * and a catalogue reward, both given when the goal is reached. Checked with
 * the shared schema before it is sent; a refusal is shown on its field (the
 * draft's inputs are `goal-drop.<field>`).
 */
export function GoalComposer({ streamId }: { streamId: string }) {
  const t = useT();
  const tiers = useHost(selectTiers);
  const rewards = useHost(selectRewards);
  const { createGoal } = useActions();
  const { form, pending, problem, fields, change, edit, submit: submitWith } = useComposer<GoalForm>(BLANK_GOAL_FORM, 'goal');
  const editDrop = (changes: Partial<DropForm>, ...fieldNames: string[]) => change((f) => ({ ...f, drop: { ...f.drop, ...changes } }), ...fieldNames);
  const submit = submitWith((sent) => createGoal(streamId, goalBodyFrom(sent)), nextGoalForm);
  // An archived reward is the natural one to unlock: members cannot redeem it until then.
  const rewardOptions = [
    { value: '', label: t('goals.noReward') },
    ...rewards.map((r) => ({ value: r.id, label: r.archived ? t('goals.rewardArchived', { name: r.title }) : r.title })),
  ];

  return (
    <form className="form goal-form" onSubmit={submit} aria-labelledby="goal-compose-title" noValidate data-testid="goal-composer">
      <h3 id="goal-compose-title" className="subhead">
        {t('goals.composeTitle')}
      </h3>
      <TextField
        id="goal-title"
        label={t('goals.name')}
        value={form.title}
        onChange={(title) => edit({ title }, 'title')}
        required
        problem={fields.title}
        placeholder={t('goals.namePlaceholder')}
      />
      <div className="row-2">
        <SelectField
          id="goal-metric"
          label={t('goals.metric')}
          value={form.metric}
          onChange={(metric) => edit({ metric: metric as GoalMetric }, 'metric')}
          options={GOAL_METRICS.map((metric) => ({ value: metric, label: t(`goals.metric.${metric}`) }))}
          problem={fields.metric}
        />
        <TextField
          id="goal-target"
          label={t('goals.target')}
          type="number"
          min={1}
          step={1}
          value={form.target}
          onChange={(target) => edit({ target }, 'target')}
          required
          problem={fields.target}
          suffix={t(`goals.suffix.${form.metric}`)}
        />
      </div>
      <CheckboxField
        id="goal-drop"
        label={t('goals.withDrop')}
        checked={form.withDrop}
        onChange={(withDrop) => edit({ withDrop }, 'drop')}
        problem={fields.drop}
        hint={t('goals.withDropHint')}
      />
      {form.withDrop && (
        <fieldset className="fieldset goal-drop" data-testid="goal-drop-fields">
          <legend className="subhead">{t('goals.dropDraft')}</legend>
          <DropFields form={form.drop} edit={editDrop} fields={fields} prefix="goal" path="drop." tiers={tiers} schedule={false} />
        </fieldset>
      )}
      <SelectField
        id="goal-rewardId"
        label={t('goals.unlockReward')}
        value={form.rewardId}
        onChange={(rewardId) => edit({ rewardId }, 'rewardId')}
        options={rewardOptions}
        problem={fields.rewardId}
        hint={t('goals.unlockRewardHint')}
      />
      <FormAlert problem={problem} />
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="goal-submit">
        {pending ? t('common.saving') : t('goals.create')}
      </button>
    </form>
  );
}
