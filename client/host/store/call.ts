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
