/**
 * An open-loop pacer for load generators (test/support/overload-worker.ts,
 * bench/flood-worker.ts): every TICK_MS it calls `tick(due)` with how many
 * events each socket owes now at `perSocketPerSecond` (fractions carried to
 * the next tick), whether or not earlier ones were answered — offered load,
 * not a closed loop. Resolves once `seconds` have passed.
 */
const TICK_MS = 10;

export function paceOpenLoop(seconds: number, perSocketPerSecond: number, tick: (due: number) => void): Promise<void> {
  const perTick = (perSocketPerSecond * TICK_MS) / 1000;
  const start = performance.now();
  return new Promise<void>((resolve) => {
    let owed = 0;
    const timer = setInterval(() => {
      if (performance.now() - start >= seconds * 1000) {
        clearInterval(timer);
        return resolve();
      }
      owed += perTick;
      const due = Math.floor(owed);
      owed -= due;
      if (due > 0) tick(due);
    }, TICK_MS);
  });
}
