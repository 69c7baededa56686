/**
 * What the dashboard's in-place editors do the same way (a reward of the
 * catalogue, a mission): the row's Edit button opens and closes the editor
 * under it, closing gives the focus back to that button; the editor's form
 * starts from the entry as it was when opened, Save stays off until the host
 * changed something, and only the changes are sent (`patchFrom`). Saved, the
 * editor closes; refused, the form stays as typed with the problems on their
 * fields (use-composer.ts).
 */
import { useRef, useState } from 'react';
import type { Outcome } from '../store/types.ts';
import { useComposer } from './use-composer.ts';

export function useEditorToggle() {
  const [editing, setEditing] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    buttonRef.current?.focus();
  };
  return { editing, buttonRef, close, toggle: () => (editing ? close() : setEditing(true)) };
}
export type EditorToggle = ReturnType<typeof useEditorToggle>;

export function useRowEditor<F, P extends object>(
  formOf: () => F,
  prefix: string,
  patchFrom: (opened: F, edited: F) => P,
  save: (patch: P) => Promise<Outcome>,
  onClose: () => void,
) {
  const [opened] = useState(formOf);
  const composer = useComposer<F>(opened, prefix);
  const changed = Object.keys(patchFrom(opened, composer.form)).length > 0;
  const submit = composer.submit(
    async (sent) => {
      const outcome = await save(patchFrom(opened, sent));
      if (outcome.ok) onClose();
      return outcome;
    },
    (sent) => sent,
  );
  return { ...composer, changed, submit };
}
