/** How slices make a member's HTTP call: with the token held, dropping the session when the server refuses it. */
import { ApiError } from '../../common/api.ts';
import type { LiveState } from './index.ts';

/** The call's answer, or null (no token, or it failed; a 401 also signs the member out, saying why). */
export async function asMember<T>(get: () => LiveState, run: (token: string) => Promise<T>): Promise<T | null> {
  const token = get().token;
  if (!token) return null;
  try {
    return await run(token);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && get().token === token) get().sessionRefused();
    return null;
  }
}
