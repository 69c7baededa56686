/**
 * The fields of the mission composer and the mission editor, in groups; each
 * shows its problems on its own inputs, whose ids are `<prefix>-<field>` with
 * the server's field paths (`mission-goal.minMinutes`,
 * `mission-edit-<id>-stages.1.target`). The goal and the period are the
 * composer's only: they stay as created.
 */
import type { MissionGoalKind } from '../../../../shared/missions.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { useT } from '../../hooks.ts';
import type { FieldProblems } from '../../logic/problems.ts';
import {
  GOAL_KINDS,
  MAX_STAGES,
  PERIOD_KINDS,
  goalFrom,
  withStage,
  withStageAdded,
  withStageRemoved,
  type MissionForm,
  type MissionPeriodKind,
  type StageForm,
} from '../../logic/mission-form.ts';
import { goalUnit } from '../../logic/mission-words.ts';
import { useRewardOptions } from '../rewards/use-reward-options.ts';
import { CheckboxField, FieldMessages, SelectField, TextArea, TextField } from '../ui.tsx';

export interface MissionGroupProps {
  form: MissionForm;
  /** Changes the form, clearing the problems of the named fields. */
  change: (update: (form: MissionForm) => MissionForm, ...fieldNames: string[]) => void;
  fields: FieldProblems;
  /** the start of every input's id */
  prefix: string;
}

const replace = (changes: Partial<MissionForm>) => (form: MissionForm) => ({ ...form, ...changes });

/** What members read: the title and a description. */
export function AboutFields({ form, change, fields, prefix }: MissionGroupProps) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${prefix}-title`}
        label={t('missions.title')}
        value={form.title}
        onChange={(title) => change(replace({ title }), 'title')}
        required
        problem={fields.title}
        placeholder={t('missions.titlePlaceholder')}
      />
      <TextArea
        id={`${prefix}-description`}
        label={t('missions.description')}
        value={form.description}
        onChange={(description) => change(replace({ description }), 'description')}
        problem={fields.description}
        maxLength={2000}
        rows={2}
      />
    </>
  );
}

/** What counts, with the settings only some goals have. */
export function GoalFields({ form, change, fields, prefix }: MissionGroupProps) {
  const t = useT();
  return (
    <>
      <SelectField
        id={`${prefix}-goal.kind`}
        label={t('missions.goal')}
        value={form.goalKind}
        onChange={(kind) => change(replace({ goalKind: kind as MissionGoalKind }), 'goal')}
        options={GOAL_KINDS.map((kind) => ({ value: kind, label: t(`missions.goal.${kind}`) }))}
        hint={t(`missions.goalHint.${form.goalKind}`)}
        problem={fields['goal.kind'] ?? fields.goal}
      />
      {form.goalKind === 'showsAttended' && (
        <TextField
          id={`${prefix}-goal.minMinutes`}
          label={t('missions.minMinutes')}
          type="number"
          min={1}
          max={600}
          step={1}
          value={form.minMinutes}
          onChange={(minMinutes) => change(replace({ minMinutes }), 'goal.minMinutes')}
          required
          problem={fields['goal.minMinutes']}
          suffix={t('missions.suffix.minutes')}
        />
      )}
      {form.goalKind === 'comments' && (
        <CheckboxField
          id={`${prefix}-goal.distinctShows`}
          label={t('missions.distinctShows')}
          checked={form.distinctShows}
          onChange={(distinctShows) => change(replace({ distinctShows }), 'goal.distinctShows')}
          problem={fields['goal.distinctShows']}
        />
      )}
      {form.goalKind === 'purchases' && (
        <SelectField
          id={`${prefix}-goal.measure`}
          label={t('missions.measure')}
          value={form.measure}
          onChange={(measure) => change(replace({ measure: measure as MissionForm['measure'] }), 'goal.measure')}
          options={[
            { value: 'count', label: t('missions.measure.count') },
            { value: 'amount', label: t('missions.measure.amount') },
          ]}
          problem={fields['goal.measure']}
        />
      )}
    </>
  );
}

/** When progress starts again; a date range's two ends. */
export function PeriodFields({ form, change, fields, prefix }: MissionGroupProps) {
  const t = useT();
  return (
    <>
      <SelectField
        id={`${prefix}-period.kind`}
        label={t('missions.period')}
        value={form.periodKind}
        onChange={(kind) => change(replace({ periodKind: kind as MissionPeriodKind }), 'period')}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`missions.period.${kind}`) }))}
        hint={form.periodKind === 'range' || form.periodKind === 'show' ? undefined : t('missions.periodHint')}
        problem={fields['period.kind'] ?? fields.period}
      />
      {form.periodKind === 'range' && (
        <div className="row-2">
          <TextField
            id={`${prefix}-period.from`}
            label={t('missions.from')}
            type="datetime-local"
            value={form.from}
            onChange={(from) => change(replace({ from }), 'period.from', 'period.until')}
            required
            problem={fields['period.from']}
          />
          <TextField
            id={`${prefix}-period.until`}
            label={t('missions.until')}
            type="datetime-local"
            value={form.until}
            onChange={(until) => change(replace({ until }), 'period.until')}
            required
            problem={fields['period.until']}
          />
        </div>
      )}
    </>
  );
}

/** The stages, 1 to MAX_STAGES: each a target in the goal's unit and what it pays. */
export function StageFields(group: MissionGroupProps) {
  const t = useT();
  const { form, change, fields, prefix } = group;
  return (
    <fieldset className="fieldset mission-stages" id={`${prefix}-stages`} tabIndex={-1}>
      <legend className="subhead">{t('missions.stages')}</legend>
      <p className="field-hint">{t('missions.stagesHint')}</p>
      <FieldMessages id={`${prefix}-stages`} label="" problem={fields.stages} />
      {form.stages.map((stage, i) => (
        <StageRow key={i} {...group} stage={stage} index={i} />
      ))}
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => change(withStageAdded, 'stages')}
        disabled={form.stages.length >= MAX_STAGES}
        data-testid="mission-add-stage"
      >
        {t('missions.addStage')}
      </button>
    </fieldset>
  );
}

/**
 * One stage. Its points, its reward and its badge are one field to the
 * server (a stage gives at least one of them): their shared problem shows
 * under the points, and the element around them carries that field's id for
 * the focus.
 */
function StageRow({ form, change, fields, prefix, stage, index }: MissionGroupProps & { stage: StageForm; index: number }) {
  const t = useT();
  const path = `stages.${index}`;
  const n = index + 1;
  const rewardOptions = useRewardOptions(stage.rewardId, t('missions.noReward'));
  const unit = goalUnit(goalFrom(form));
  const set = (changes: Partial<StageForm>, ...fieldNames: string[]) => change((f) => withStage(f, index, changes), ...fieldNames);
  return (
    <fieldset className="mission-stage" data-testid="mission-stage-fields">
      <legend>{t('missions.stage', { n })}</legend>
      <TextField
        id={`${prefix}-${path}.target`}
        label={t('missions.target')}
        type="number"
        min={unit === 'amount' ? 0.01 : 1}
        step={unit === 'amount' ? 'any' : 1}
        value={stage.target}
        // a target is judged against its neighbours: theirs may be fixed by this one
        onChange={(target) => set({ target }, `${path}.target`, `stages.${index + 1}.target`)}
        required
        problem={fields[`${path}.target`]}
        suffix={t(`missions.suffix.${unit}`)}
      />
      <div className="mission-stage-pays" id={`${prefix}-${path}.reward`}>
        <TextField
          id={`${prefix}-${path}.reward.points`}
          label={t('missions.points')}
          type="number"
          min={0}
          step={1}
          value={stage.points}
          onChange={(points) => set({ points }, `${path}.reward`)}
          problem={fields[`${path}.reward.points`] ?? fields[`${path}.reward`]}
          placeholder="0"
          suffix={t('common.pointsShort')}
        />
        <SelectField
          id={`${prefix}-${path}.reward.rewardId`}
          label={t('missions.reward')}
          value={stage.rewardId}
          onChange={(rewardId) => set({ rewardId }, `${path}.reward`)}
          options={rewardOptions}
          problem={fields[`${path}.reward.rewardId`]}
        />
        <TextField
          id={`${prefix}-${path}.reward.badge`}
          label={t('missions.badge')}
          value={stage.badge ?? ''}
          onChange={(badge) => set({ badge }, `${path}.reward`)}
          problem={fields[`${path}.reward.badge`]}
          placeholder={t('missions.badgePlaceholder')}
        />
      </div>
      {form.stages.length > 1 && (
        <button
          type="button"
          className="btn btn-ghost btn-small mission-stage-remove"
          onClick={() => change((f) => withStageRemoved(f, index), 'stages')}
          aria-label={t('missions.removeStage', { n })}
        >
          {t('missions.remove')}
        </button>
      )}
    </fieldset>
  );
}

/** Who takes part: every tier, or a tier and those above it. */
export function MinTierField({ form, change, fields, prefix, tiers }: MissionGroupProps & { tiers: Tier[] }) {
  const t = useT();
  return (
    <SelectField
      id={`${prefix}-minTier`}
      label={t('missions.minTier')}
      value={form.minTier}
      onChange={(minTier) => change(replace({ minTier }), 'minTier')}
      options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: t('missions.tierAndUp', { tier: tier.name }) }))]}
      problem={fields.minTier}
    />
  );
}
