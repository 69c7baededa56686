import type { MissionView } from '../../../../shared/missions.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { missionFormFrom, missionPatchFrom } from '../../logic/mission-edit.ts';
import { goalText, periodText } from '../../logic/mission-words.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { RowEditorForm } from '../RowEditor.tsx';
import { useRowEditor } from '../use-row-editor.ts';
import { AboutFields, MinTierField, StageFields } from './MissionFields.tsx';

/** The editor's form id, the start of its inputs' ids. */
export const missionEditorId = (missionId: string) => `mission-edit-${missionId}`;

/**
 * A mission edited in place under its row: its title, description, stages
 * and tier, prefilled from the mission as it was when opened; the goal and
 * the period are shown, not editable. Saving sends only what the host
 * changed; a refusal is shown on its field and the form stays as typed.
 * Cancel (or Escape) closes it and nothing is sent.
 */
export function MissionEditor({ mission, onClose }: { mission: MissionView; onClose: () => void }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const tiers = useHost(selectTiers);
  const { patchMission } = useActions();
  const prefix = missionEditorId(mission.id);
  const editor = useRowEditor(() => missionFormFrom(mission), prefix, missionPatchFrom, (patch) => patchMission(mission.id, patch), onClose);
  const group = { form: editor.form, change: editor.change, fields: editor.fields, prefix };
  return (
    <RowEditorForm
      editor={editor}
      prefix={prefix}
      heading={t('missions.editTitle', { title: mission.title })}
      saveLabel={t('missions.saveChanges')}
      onClose={onClose}
      testId="mission-editor"
      saveTestId="mission-edit-save"
    >
      <p className="field-hint">{t('missions.editFixed', { goal: goalText(t, mission.goal), period: periodText(t, mission.period, locale) })}</p>
      <AboutFields {...group} />
      <StageFields {...group} />
      <MinTierField {...group} tiers={tiers} />
    </RowEditorForm>
  );
}
