/**
 * The rules cache (server/services/rules-service.ts): callers that find the
 * copy stale at once share one read of the store, and a reload that began
 * before a `replace` does not put the older document back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rules } from '../../shared/rules.ts';
import { RulesService } from '../../server/services/rules-service.ts';
import type { Store } from '../../server/store/store.ts';

function slowStore(initial: Rules) {
  let saved: Rules = initial;
  let reads = 0;
  const pending: Array<() => void> = [];
  const store = {
    async loadRules() {
      reads++;
      const snapshot = saved;
      await new Promise<void>((resolve) => pending.push(resolve));
      return snapshot;
    },
    async saveRules(rules: Rules) {
      saved = rules;
    },
  } as unknown as Store;
  return { store, reads: () => reads, release: () => pending.splice(0).forEach((r) => r()) };
}

describe('RulesService cache', () => {
  it('one store read for every caller that finds the copy stale meanwhile', async () => {
    let now = 0;
    const s = slowStore({ ...DEFAULT_RULES, timezone: 'UTC' });
    const rules = new RulesService(s.store, () => now);
    const callers = Array.from({ length: 500 }, () => rules.get());
    await Promise.resolve();
    s.release();
    const got = await Promise.all(callers);
    expect(s.reads()).toBe(1);
    expect(new Set(got.map((r) => r.timezone))).toEqual(new Set(['UTC']));
    // Stale again a second later: one more read.
    now += 1_000;
    const again = Promise.all([rules.get(), rules.get(), rules.get()]);
    await Promise.resolve();
    s.release();
    await again;
    expect(s.reads()).toBe(2);
  });

  it('a reload that began before replace() leaves the replaced rules cached', async () => {
    const now = 0;
    const s = slowStore({ ...DEFAULT_RULES, timezone: 'UTC' });
    const rules = new RulesService(s.store, () => now);
    const stale = rules.get(); // reads the UTC document, held in the store
    await Promise.resolve();
    await rules.replace({ ...DEFAULT_RULES, timezone: 'Asia/Tokyo' });
    s.release();
    expect((await stale).timezone).toBe('UTC'); // what it asked before the change
    expect((await rules.get()).timezone).toBe('Asia/Tokyo');
    expect(s.reads()).toBe(1);
  });
});
