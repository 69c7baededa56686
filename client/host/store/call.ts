/** How slices call the server: with the host token, turning a refused token into a signed-out dashboard. */
import type { z } from 'zod';
import { ApiError } from '../../common/api.ts';
import { fieldProblemOf, fieldProblems, problemOf } from '../logic/problems.ts';
import type { HostState } from './index.ts';
import type { Outcome } from './types.ts';

export async function authed<T>(get: () => HostState, call: (token: string) => Promise<T>): Promise<T> {
  const token = get().token;
  if (!token) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: 'signed out' });
  try {
    return await call(token);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') get().sessionExpired();
    throw err;
  }
}

export const OK: Outcome = { ok: true };

/** A failed call as a form shows it: a summary, plus the field the server named. */
export function failed(err: unknown): Outcome {
  const inline = fieldProblemOf(err);
  return { ok: false, problem: problemOf(err), fields: inline ? { [inline.field]: inline.problem } : {} };
}

/** A form refused in the browser by the shared schema, before any request. */
export function invalid(error: z.ZodError): Outcome {
  return { ok: false, problem: { key: 'form.fixFields', params: { count: error.issues.length } }, fields: fieldProblems(error.issues) };
}

/**
 * A form's request: the input parsed with the shared schema first (refused in
 * the browser, each field named, nothing sent), then the parsed body sent with
 * the host token; `landed` takes the answer (into the store, a notice).
 */
export async function sendParsed<S extends z.ZodType, R>(
  get: () => HostState,
  schema: S,
  input: z.input<S>,
  send: (token: string, body: z.output<S>) => Promise<R>,
  landed: (reply: R) => void,
): Promise<Outcome> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) return invalid(parsed.error);
  try {
    landed(await authed(get, (token) => send(token, parsed.data)));
    return OK;
  } catch (err) {
    return failed(err);
  }
}
