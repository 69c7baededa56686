/**
 * The overlay-pin part of the Store contract (one pinned drop per show),
 * beside store-contract.ts for length: storeContract calls it inside its own
 * describe, with the same fresh store per test.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

export function storeOverlayPinContract(current: () => Store): void {
  describe('overlay pins', () => {
    it('one pin per show: a new pin replaces the old, null removes it, other shows are untouched', async () => {
      const store = current();
      expect(await store.pinnedDropOf('s1')).toBeNull();
      await store.setPinnedDrop('s1', 'd1', T0);
      await store.setPinnedDrop('s2', 'd9', T0);
      expect(await store.pinnedDropOf('s1')).toBe('d1');
      await store.setPinnedDrop('s1', 'd2', T0 + 1);
      expect(await store.pinnedDropOf('s1')).toBe('d2');
      await store.setPinnedDrop('s1', null, T0 + 2);
      await store.setPinnedDrop('s1', null, T0 + 3); // unpinning twice is harmless
      expect(await store.pinnedDropOf('s1')).toBeNull();
      expect(await store.pinnedDropOf('s2')).toBe('d9');
    });

    it('resetForTests removes the pins', async () => {
      const store = current();
      await store.setPinnedDrop('s1', 'd1', T0);
      await store.resetForTests();
      expect(await store.pinnedDropOf('s1')).toBeNull();
    });
  });
}
