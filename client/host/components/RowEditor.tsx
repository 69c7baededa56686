/**
 * The parts a list row with an in-place editor shows (a reward of the
 * catalogue, a mission): its Edit and Archive buttons, and the editor's form
 * around the fields — heading, the refusal, Save and Cancel (or Escape).
 * The behaviour is use-row-editor.ts's.
 */
import { useEffect, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../hooks.ts';
import type { Problem } from '../logic/problems.ts';
import { FormAlert } from './ui.tsx';
import type { EditorToggle } from './use-row-editor.ts';

export function RowActions(p: {
  toggle: EditorToggle;
  /** the editor's form id (aria-controls while open) */
  editorId: string;
  archived: boolean;
  busy: boolean;
  onArchive: (archived: boolean) => void;
  labels: { edit: string; archive: string; unarchive: string };
  testIds: { edit: string; archive: string; unarchive: string };
}) {
  return (
    <>
      <button
        type="button"
        ref={p.toggle.buttonRef}
        className="btn btn-secondary btn-small"
        aria-expanded={p.toggle.editing}
        aria-controls={p.toggle.editing ? p.editorId : undefined}
        onClick={p.toggle.toggle}
        data-testid={p.testIds.edit}
      >
        {p.labels.edit}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        disabled={p.busy}
        onClick={() => p.onArchive(!p.archived)}
        data-testid={p.archived ? p.testIds.unarchive : p.testIds.archive}
      >
        {p.archived ? p.labels.unarchive : p.labels.archive}
      </button>
    </>
  );
}

/** The editor's form: the title input (`<prefix>-title`) takes the focus when it opens. */
export function RowEditorForm(p: {
  editor: { pending: boolean; problem: Problem | null; changed: boolean; submit: (e: FormEvent) => void };
  prefix: string;
  heading: string;
  saveLabel: string;
  onClose: () => void;
  testId: string;
  saveTestId: string;
  children: ReactNode;
}) {
  const t = useT();
  const { editor, prefix, onClose } = p;
  useEffect(() => {
    document.getElementById(`${prefix}-title`)?.focus();
  }, [prefix]);
  const escape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !editor.pending) onClose();
  };
  return (
    <form className="form reward-edit" id={prefix} onSubmit={editor.submit} onKeyDown={escape} aria-labelledby={`${prefix}-heading`} noValidate data-testid={p.testId}>
      <h3 id={`${prefix}-heading`} className="subhead">
        {p.heading}
      </h3>
      {p.children}
      <FormAlert problem={editor.problem} />
      <div className="reward-edit-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={editor.pending || !editor.changed} data-testid={p.saveTestId}>
          {editor.pending ? t('common.saving') : p.saveLabel}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={editor.pending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
