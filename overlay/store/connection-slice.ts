/** The socket's state, the measured server clock offset and the tiers' names (from GET /api/rules). */
import type { StateCreator } from 'zustand/vanilla';
import type { Tier } from '../../shared/rules.ts';
import type { ConnectionProblem, ConnectionState } from './state.ts';
import type { OverlayState } from './store.ts';

export interface ConnectionSlice {
  connection: ConnectionState;
  problem: ConnectionProblem;
  /** server time − this device's time, measured on every (re)connect */
  offsetMs: number;
  /** the rules' tiers, lowest first; empty until fetched */
  tiers: Tier[];
  setConnected: () => void;
  setReconnecting: (problem: Exclude<ConnectionProblem, null>) => void;
  setOffset: (ms: number) => void;
  setTiers: (tiers: Tier[]) => void;
}

export const createConnectionSlice: StateCreator<OverlayState, [], [], ConnectionSlice> = (set) => ({
  connection: 'reconnecting',
  problem: null,
  offsetMs: 0,
  tiers: [],
  setConnected: () => set({ connection: 'connected', problem: null }),
  setReconnecting: (problem) => set({ connection: 'reconnecting', problem }),
  setOffset: (offsetMs) => set({ offsetMs }),
  setTiers: (tiers) => set({ tiers }),
});
