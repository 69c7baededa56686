/**
 * The viewer room's one store (client/live/store) on a fake server, for unit
 * tests: `api` holds only the routes a test needs (a route it calls and does
 * not hold fails loudly), the socket channel and this browser's memory are
 * spies, the timers are the (possibly faked) global ones.
 */
import { vi } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import type { api as liveApi } from '../../client/live/api.ts';
import type { StoreDeps } from '../../client/live/store/deps.ts';
import { createStore, type LiveStore } from '../../client/live/store/index.ts';

export function fakeLiveStore(api: Partial<Record<keyof typeof liveApi, unknown>>, token: string | null): LiveStore {
  const deps = {
    ...browserTimers,
    locale: 'en',
    api: api as unknown as typeof liveApi,
    channel: { call: vi.fn(), reconnect: vi.fn() },
    memory: { token, saveToken: vi.fn(), loadEntered: () => ({}), saveEntered: vi.fn() },
    newRequestId: () => 'req-1',
    origin: 'http://localhost',
  } as unknown as StoreDeps;
  return createStore(deps);
}
