/**
 * A figure the dashboard reads from the server on demand (the insights):
 * its state, the last value read (kept while a new read is under way or
 * failed) and when it was read; only the newest read lands, so a slow
 * answer never replaces a fresher one.
 */
import { problemOf } from '../logic/problems.ts';
import { authed } from './call.ts';
import type { StoreDeps } from './deps.ts';
import type { HostState } from './index.ts';

export interface Read<T> {
  state: 'idle' | 'loading' | 'ready' | 'error';
  value: T | null;
  /** When it was read (ms, device clock). */
  readAt: number | null;
}

export const UNREAD: Read<never> = { state: 'idle', value: null, readAt: null };

/**
 * Reads into one field of the store: `current` and `put` are that field.
 * A failure is announced under `topic` and keeps the last value; the call
 * resolves true when its answer landed.
 */
export function newestRead<T>(deps: StoreDeps, get: () => HostState, current: () => Read<T>, put: (read: Read<T>) => void, topic: string) {
  let generation = 0;
  return async (call: (token: string) => Promise<T>): Promise<boolean> => {
    const mine = ++generation;
    put({ ...current(), state: 'loading' });
    try {
      const value = await authed(get, call);
      if (mine !== generation) return false;
      put({ state: 'ready', value, readAt: deps.now() });
      get().dismissTopic(topic);
      return true;
    } catch (err) {
      if (mine !== generation) return false;
      put({ ...current(), state: 'error' });
      get().notify('error', problemOf(err), topic);
      return false;
    }
  };
}
