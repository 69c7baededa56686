/** What the dashboard's store needs from the outside world; injectable so tests run without a browser or server. */
import { browserTimers, type BaseDeps } from '../../common/app-store.ts';
import { detectLocale } from '../../common/i18n.ts';
import { hostApi } from '../api.ts';
import { readStored, writeStored } from '../logic/storage.ts';

export interface StoreDeps extends BaseDeps {
  /** the HTTP routes (docs/PROTOCOL.md) */
  api: typeof hostApi;
  /** what this browser remembers: the host token, the overlay links it created */
  storage: { read: typeof readStored; write: typeof writeStored };
}

export function browserDeps(): StoreDeps {
  return { ...browserTimers, locale: detectLocale(), api: hostApi, storage: { read: readStored, write: writeStored } };
}
