/**
 * What every create form of the dashboard does the same way (drops,
 * lotteries, rewards; the reward editor too): the form as typed, a request
 * in flight, and the server's problems — on the form, and on each field until
 * the host edits it. On success the form starts again from what `next` keeps;
 * on a refusal the first field with a problem gets the focus (its input's id
 * is `<prefix>-<field>`; a field made of several inputs, such as a mission
 * stage's reward, is an element of that id around them: its first input).
 */
import { useState, type FormEvent } from 'react';
import type { FieldProblems, Problem } from '../logic/problems.ts';
import type { Outcome } from '../store/types.ts';

/** Field problems left once the host edits `names` (a nested field such as `tierPrices.gold` goes with its parent). */
export const withoutFields = (fields: FieldProblems, names: readonly string[]): FieldProblems =>
  Object.fromEntries(Object.entries(fields).filter(([field]) => !names.some((n) => field === n || field.startsWith(`${n}.`))));

export function useComposer<F>(blank: F, idPrefix: string) {
  const [form, setForm] = useState<F>(blank);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fields, setFields] = useState<FieldProblems>({});

  /** Changes the form and drops the problems of the fields named. */
  const change = (update: (form: F) => F, ...fieldNames: string[]) => {
    setForm(update);
    setFields((f) => withoutFields(f, fieldNames));
  };
  /** `change` for the common case: some values replaced. */
  const edit = (changes: Partial<F>, ...fieldNames: string[]) => change((f) => ({ ...f, ...changes }), ...fieldNames);

  /** The form starts again from `next` (a template, the next blank form), with no problems. */
  const reset = (next: F) => {
    setForm(next);
    setProblem(null);
    setFields({});
  };

  const submit = (send: (form: F) => Promise<Outcome>, next: (sent: F) => F) => async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    const outcome = await send(form);
    setPending(false);
    if (outcome.ok) {
      reset(next(form));
    } else {
      setProblem(outcome.problem);
      setFields(outcome.fields);
      const first = Object.keys(outcome.fields)[0];
      if (first) focusField(`${idPrefix}-${first}`);
    }
  };

  return { form, pending, problem, fields, change, edit, reset, submit };
}

/** The input of that id, or the first input inside the element of that id. */
function focusField(id: string): void {
  const target = document.getElementById(id);
  const input = target?.matches('input, select, textarea') ? target : target?.querySelector<HTMLElement>('input, select, textarea');
  (input ?? target)?.focus();
}
