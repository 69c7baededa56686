/** What the store needs from the outside world, injectable so tests run on a fake clock. */
export interface StoreDeps {
  /** this device's clock (toast timing is local: it only measures how long a toast stayed) */
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const browserDeps: StoreDeps = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
