import { useActions, useHost, useT } from '../../hooks.ts';
import { isEveryone, segmentFilterOf } from '../../logic/member-query.ts';
import { selectMemberSelection, selectSegmentList } from '../../store/insights-selectors.ts';
import { useComposer } from '../use-composer.ts';
import { FormAlert, TextField } from '../ui.tsx';

/** Saves the selection above (segment, search, tier) as a custom segment with a name; every member is no segment. */
export function SaveSegmentForm() {
  const t = useT();
  const selection = useHost(selectMemberSelection);
  const saved = useHost(selectSegmentList).value?.saved ?? [];
  const { saveSegment } = useActions();
  const { form, pending, problem, fields, edit, submit } = useComposer({ name: '' }, 'segment');
  const nothing = isEveryone(segmentFilterOf(selection, saved));
  return (
    <form className="save-segment" aria-labelledby="save-segment-title" onSubmit={submit((f) => saveSegment(f.name), () => ({ name: '' }))} noValidate>
      <h3 id="save-segment-title" className="subhead">
        {t('members.saveAs')}
      </h3>
      <div className="save-segment-row">
        <TextField
          id="segment-name"
          label={t('members.segmentName')}
          value={form.name}
          onChange={(name) => edit({ name }, 'name')}
          problem={fields.name}
          hint={nothing ? t('members.nothingToSave') : t('members.saveHint')}
          testId="segment-name"
          disabled={nothing}
        />
        <button type="submit" className="btn btn-secondary" disabled={pending || nothing} data-testid="segment-save">
          {pending ? t('common.saving') : t('members.save')}
        </button>
      </div>
      <FormAlert problem={problem} />
    </form>
  );
}
