/**
 * The dashboard's overlay links: replacing one (rotation) keeps its label and
 * its place in the list and forgets the old token; a refused rotation changes
 * nothing. The server side of rotation is proven in sessions-scenario.ts.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/common/api.ts';
import { browserTimers } from '../../client/common/app-store.ts';
import type { hostApi, OverlayTokenCreated } from '../../client/host/api.ts';
import { createStore } from '../../client/host/store/index.ts';
import { OVERLAY_TOKENS_KEY } from '../../client/host/store/overlay-slice.ts';
import type { StoredOverlayToken } from '../../client/host/store/types.ts';

const stored = (id: string, label: string): StoredOverlayToken => ({ id, token: `t-${id}`, url: `https://x/overlay?token=t-${id}`, createdAt: 1, label });

function storeWith(links: StoredOverlayToken[], rotate: (id: string) => Promise<OverlayTokenCreated>) {
  const memory = new Map<string, unknown>([
    ['frontrow.host.token', 'host-token'],
    [OVERLAY_TOKENS_KEY, links],
  ]);
  const api = { rotateOverlayToken: (_token: string, id: string) => rotate(id) } as unknown as typeof hostApi;
  const storage = {
    read: <T,>(key: string, fallback: T) => (memory.has(key) ? (memory.get(key) as T) : fallback),
    write: (key: string, value: unknown) => void memory.set(key, value),
  };
  return { store: createStore({ ...browserTimers, locale: 'en', api, storage }), memory };
}

describe('host overlay links: rotation', () => {
  it('replaces the link in place, keeps its label, and remembers the new one', async () => {
    const { store, memory } = storeWith([stored('a', 'Studio PC'), stored('b', 'Laptop')], async (id) => {
      expect(id).toBe('b');
      return { id: 'b2', token: 't-b2', url: 'https://x/overlay?token=t-b2', expiresAt: 99 };
    });
    expect(await store.getState().rotateOverlayToken('b')).toBe('b2');
    const links = store.getState().overlayTokens;
    expect(links.map((l) => [l.id, l.label, l.expiresAt])).toEqual([
      ['a', 'Studio PC', undefined],
      ['b2', 'Laptop', 99],
    ]);
    expect(memory.get(OVERLAY_TOKENS_KEY)).toEqual(links);
    expect(links.some((l) => l.token === 't-b' || l.id === 'b')).toBe(false);
  });

  it('a refused rotation changes nothing and says why', async () => {
    const before = [stored('a', 'Studio PC')];
    const { store } = storeWith(before, async () => {
      throw new ApiError(409, { code: 'CONFLICT', message: 'this overlay token is revoked: create a new one' });
    });
    expect(await store.getState().rotateOverlayToken('a')).toBeNull();
    expect(store.getState().overlayTokens).toEqual(before);
    expect(store.getState().overlayBusy).toBe(false);
  });
});
