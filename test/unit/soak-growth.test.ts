/**
 * The soak's memory growth (bench/scale-soak.ts floorGrowthPercent) is
 * measured floor to floor, so the garbage collector's saw-tooth neither hides
 * growth nor invents it.
 */
import { describe, expect, it } from 'vitest';
import { floorGrowthPercent } from '../../bench/scale-soak.ts';

/** RSS every 10 s over `seconds`, from `kib(second)`. */
const series = (seconds: number, kib: (second: number) => number): [number, number][] =>
  Array.from({ length: seconds / 10 + 1 }, (_, i) => [i * 10, kib(i * 10)]);

describe('soak memory growth, floor to floor', () => {
  it('is zero for a saw-tooth whose floor stays put, whichever sample is last', () => {
    const sawTooth = (second: number) => 600_000 + ((second / 10) % 3) * 250_000; // 600, 850, 1,100 MiB, again
    expect(floorGrowthPercent(series(600, sawTooth), 600)).toBe(0);
    expect(floorGrowthPercent(series(590, sawTooth), 590)).toBe(0);
  });

  it('is the rise of the floor from 20–40 % of the soak to its last fifth', () => {
    // The floor climbs 1,000 KiB every 10 s under a saw-tooth: 600,000 at 120 s (20 %), 648,000 at 600 s.
    const leaking = (second: number) => 588_000 + second * 100 + ((second / 10) % 2) * 300_000;
    expect(floorGrowthPercent(series(600, leaking), 600)).toBeCloseTo(((636_000 - 600_000) / 600_000) * 100, 6);
  });
});
