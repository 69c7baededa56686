/** The socket's state, the measured server clock offset, the tiers' names (from GET /api/rules) and the screen's language. */
import type { Locale } from '../../client/common/i18n.ts';
import type { Tier } from '../../shared/rules.ts';
import type { Slice } from './index.ts';
import type { ConnectionProblem, ConnectionState } from './types.ts';

export interface ConnectionSlice {
  connection: ConnectionState;
  problem: ConnectionProblem;
  /** server time − this device's time, measured on every (re)connect */
  offsetMs: number;
  /** the rules' tiers, lowest first; empty until fetched */
  tiers: Tier[];
  /** fixed for the page (`?lang=`): the overlay never switches on air */
  locale: Locale;
  setConnected: () => void;
  setReconnecting: (problem: Exclude<ConnectionProblem, null>) => void;
  setOffset: (ms: number) => void;
  setTiers: (tiers: Tier[]) => void;
}

export const createConnectionSlice: Slice<ConnectionSlice> = (deps) => (set) => ({
  connection: 'reconnecting',
  problem: null,
  offsetMs: 0,
  tiers: [],
  locale: deps.locale,
  setConnected: () => set({ connection: 'connected', problem: null }),
  setReconnecting: (problem) => set({ connection: 'reconnecting', problem }),
  setOffset: (offsetMs) => set({ offsetMs }),
  setTiers: (tiers) => set({ tiers }),
});
