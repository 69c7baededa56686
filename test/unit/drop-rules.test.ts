import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules.ts';
import { dropStatus, dropWindows, opensAtFor, purchasePoints, tierAllowed } from '../../server/domain/drops.ts';

const [bronze, silver, gold] = DEFAULT_RULES.tiers as [never, never, never];
const opensAt = Date.UTC(2026, 10, 23, 12);

describe('drop rules', () => {
  it('opens earlier for higher tiers: Gold 600 s, Silver 300 s, Bronze at opensAt', () => {
    expect(dropWindows(DEFAULT_RULES, { opensAt, minTier: null })).toEqual([
      { tierId: 'gold', opensAt: opensAt - 600_000 },
      { tierId: 'silver', opensAt: opensAt - 300_000 },
      { tierId: 'bronze', opensAt },
    ]);
    expect(opensAtFor({ opensAt }, silver)).toBe(opensAt - 300_000);
  });

  it('gives no window to tiers below minTier, and admits only those at or above it', () => {
    expect(dropWindows(DEFAULT_RULES, { opensAt, minTier: 'silver' }).map((w) => w.tierId)).toEqual(['gold', 'silver']);
    expect([bronze, silver, gold].map((t) => tierAllowed(DEFAULT_RULES, 'silver', t))).toEqual([false, true, true]);
    expect(tierAllowed(DEFAULT_RULES, null, bronze)).toBe(true);
    expect(tierAllowed(DEFAULT_RULES, 'platinum', gold)).toBe(false);
  });

  it('is scheduled before the earliest window, open inside, sold out at zero, closed when closed', () => {
    const windows = dropWindows(DEFAULT_RULES, { opensAt, minTier: null });
    expect(dropStatus(windows, false, 5, opensAt - 600_001)).toBe('scheduled');
    expect(dropStatus(windows, false, 5, opensAt - 600_000)).toBe('open');
    expect(dropStatus(windows, false, 0, opensAt)).toBe('sold-out');
    expect(dropStatus(windows, true, 5, opensAt)).toBe('closed');
  });

  it('pays 1 point per whole NT$100 by default', () => {
    expect(purchasePoints(99_99, DEFAULT_RULES.purchase)).toBe(0);
    expect(purchasePoints(250_00, DEFAULT_RULES.purchase)).toBe(2);
    expect(purchasePoints(1_000_00, { pointsPerUnit: 3, unitCents: 50_00 })).toBe(60);
  });
});
