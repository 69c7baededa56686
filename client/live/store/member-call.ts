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

/**
 * Runs `read` one at a time: asked for while it runs, it runs once more after
 * (so an older answer never lands last). `read` answers true when what it read
 * is stale already (the token changed meanwhile) to run again at once.
 * Returns the function that asks for a run.
 */
export function oneAtATime(read: () => Promise<boolean>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  async function runUntilCurrent(): Promise<void> {
    do {
      again = false;
      if (await read()) again = true;
    } while (again);
  }
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = runUntilCurrent().finally(() => {
      running = null;
    });
    return running;
  };
}

/**
 * A read whose answer depends on who is signed in (a list with the member's
 * own counts), one at a time, and read again when the token changed during it
 * (the answer was someone else's). A 401 for the token held drops the session;
 * any other failure leaves what is shown (the next (re)join reads again).
 */
export function readForViewer<R>(get: () => LiveState, read: (token: string | null) => Promise<R>, apply: (reply: R) => void): () => Promise<void> {
  return oneAtATime(async () => {
    const token = get().token;
    try {
      const reply = await read(token);
      if (get().token !== token) return true;
      apply(reply);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && token && get().token === token) get().sessionRefused();
    }
    return false;
  });
}
