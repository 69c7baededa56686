import type { StateCreator } from 'zustand';
import type { LiveStore } from './index.ts';

/** A slice of the one live-room store; each slice may read the whole store. */
export type Slice<T> = StateCreator<LiveStore, [], [], T>;
