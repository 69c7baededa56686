import { useState } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { BLANK_MISSION_FORM, missionBodyFrom, type MissionForm } from '../../logic/mission-form.ts';
import { MISSION_TEMPLATE_IDS, templateForm, type MissionTemplateId } from '../../logic/mission-templates.ts';
import { selectTiers } from '../../store/selectors.ts';
import { FormAlert, Panel } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';
import { AboutFields, GoalFields, MinTierField, PeriodFields, StageFields, type MissionGroupProps } from './MissionFields.tsx';

/**
 * A new mission: picked from a template (which fills the whole form, the
 * host's edits so far replaced) or typed from blank, checked with the shared
 * schema before it is sent; a refusal is shown on its field.
 */
export function MissionComposer() {
  const t = useT();
  const tiers = useHost(selectTiers);
  const { createMission } = useActions();
  const { form, pending, problem, fields, change, reset, submit: submitWith } = useComposer<MissionForm>(BLANK_MISSION_FORM, 'mission');
  const [template, setTemplate] = useState<MissionTemplateId | null>(null);
  const group: MissionGroupProps = { form, change, fields, prefix: 'mission' };

  const pick = (id: MissionTemplateId) => {
    setTemplate(id);
    reset(templateForm(id, (named) => t(`missions.template.${named}`)));
  };
  const submit = submitWith(
    (sent) => createMission(missionBodyFrom(sent)),
    () => {
      setTemplate(null);
      return BLANK_MISSION_FORM;
    },
  );

  return (
    <Panel title={t('missions.composeTitle')} titleId="mission-compose-title" subtitle={t('missions.composeLead')}>
      <form className="form mission-form" onSubmit={submit} aria-labelledby="mission-compose-title" noValidate data-testid="mission-composer">
        <div className="field">
          <span className="subhead" id="mission-templates-label">
            {t('missions.templates')}
          </span>
          <div className="quick mission-templates" role="group" aria-labelledby="mission-templates-label" aria-describedby="mission-templates-hint">
            {MISSION_TEMPLATE_IDS.map((id) => (
              <button key={id} type="button" className="btn btn-chip" aria-pressed={template === id} onClick={() => pick(id)} data-template={id}>
                {t(`missions.template.${id}`)}
              </button>
            ))}
          </div>
          <p className="field-hint" id="mission-templates-hint">
            {t('missions.templatesHint')}
          </p>
        </div>
        <AboutFields {...group} />
        <GoalFields {...group} />
        <PeriodFields {...group} />
        <StageFields {...group} />
        <MinTierField {...group} tiers={tiers} />
        <FormAlert problem={problem} />
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="mission-submit">
          {pending ? t('common.saving') : t('missions.create')}
        </button>
      </form>
    </Panel>
  );
}
