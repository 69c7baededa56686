/**
 * The one convention the three screens share for their store: each app builds
 * a vanilla zustand store with `createStore(deps)` from slices (usable without
 * React, in tests too), hands it to components through React context, and
 * components read it with named selectors and call its actions — never a
 * socket (each app's socket-bindings.ts is the only module that touches one).
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Locale } from './i18n.ts';

/** What every app's store needs from the world; injectable so tests run on a fake clock. */
export interface BaseDeps {
  /** this device's clock */
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** the language the screen opens in */
  locale: Locale;
}

export const browserTimers: Omit<BaseDeps, 'locale'> = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** The functions of a store's state: its actions, stable for the store's life. */
export type Actions<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? K : never]: S[K] };

/** The provider and hooks through which an app's components reach its one store. */
export function appStore<S>(app: string) {
  const Context = createContext<StoreApi<S> | null>(null);

  function StoreProvider({ store, children }: { store: StoreApi<S>; children?: ReactNode }) {
    return createElement(Context.Provider, { value: store }, children);
  }

  function useStoreApi(): StoreApi<S> {
    const store = useContext(Context);
    if (!store) throw new Error(`${app}: the store is not provided`);
    return store;
  }

  /** Subscribes to one named selector: the component re-renders when that value changes. */
  function useSelect<T>(selector: (s: S) => T): T {
    return useStore(useStoreApi(), selector);
  }

  /** The store's actions (stable references: reading them subscribes to nothing). */
  function useActions(): Actions<S> {
    return useStoreApi().getState() as Actions<S>;
  }

  return { StoreProvider, useStoreApi, useSelect, useActions };
}
