/**
 * The presence part of the Engine contract (run by engine-contract.ts):
 * viewers and members counted per show, whatever the tabs, guests and
 * reconnects, and a connection that joins again as another viewer (a guest
 * who signed in) moving over (domain/presence.ts join()).
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../server/engine/engine.ts';

export function enginePresenceContract(current: () => Engine): void {
  describe('counting', () => {
    it('counts the tabs of one member once', async () => {
      expect(await current().join('s1', 'c1', 'm:a')).toEqual({ viewers: 1, members: 1, firstConnection: true, lastConnection: false });
      expect(await current().join('s1', 'c2', 'm:a')).toEqual({ viewers: 1, members: 1, firstConnection: false, lastConnection: false });
      expect(await current().presence('s1')).toEqual({ viewers: 1, members: 1 });
    });

    it('counts guests as viewers but not as members', async () => {
      await current().join('s1', 'c1', 'm:a');
      expect(await current().join('s1', 'c2', 'g:c2')).toMatchObject({ viewers: 2, members: 1, firstConnection: true });
      await current().join('s1', 'c3', 'g:c3');
      expect(await current().presence('s1')).toEqual({ viewers: 3, members: 1 });
    });

    it('joining twice with one connection counts once', async () => {
      await current().join('s1', 'c1', 'm:a');
      expect(await current().join('s1', 'c1', 'm:a')).toMatchObject({ viewers: 1, firstConnection: false });
      // One leave is enough: the second join did not add a connection.
      expect(await current().leave('s1', 'c1')).toEqual({ viewers: 0, members: 0, firstConnection: false, lastConnection: true });
    });

    it('leaving an unknown connection changes nothing', async () => {
      await current().join('s1', 'c1', 'm:a');
      expect(await current().leave('s1', 'nope')).toEqual({ viewers: 1, members: 1, firstConnection: false, lastConnection: false });
      expect(await current().leave('s2', 'c1')).toMatchObject({ lastConnection: false });
      expect(await current().presence('s1')).toEqual({ viewers: 1, members: 1 });
    });

    it('reports the last connection of a viewer', async () => {
      await current().join('s1', 'c1', 'm:a');
      await current().join('s1', 'c2', 'm:a');
      await current().join('s1', 'c3', 'm:b');
      expect(await current().leave('s1', 'c1')).toMatchObject({ viewers: 2, members: 2, lastConnection: false });
      expect(await current().leave('s1', 'c2')).toMatchObject({ viewers: 1, members: 1, lastConnection: true });
      expect(await current().leave('s1', 'c2')).toMatchObject({ viewers: 1, lastConnection: false });
    });

    it('keeps shows apart and concurrent joins consistent', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => current().join('s1', `c${i}`, `m:${i % 5}`)));
      await current().join('s2', 'x1', 'g:x1');
      expect(await current().presence('s1')).toEqual({ viewers: 5, members: 5 });
      expect(await current().presence('s2')).toEqual({ viewers: 1, members: 0 });
      expect(await current().presence('nobody')).toEqual({ viewers: 0, members: 0 });
    });
  });

  // Settled in issue 7: a known connection joining as another viewer moves over (domain/presence.ts join()).
  describe('a connection rejoining as another viewer', () => {
    it('a guest connection that joins again as a member moves to members', async () => {
      await current().join('s1', 'c1', 'g:c1');
      await current().join('s1', 'c2', 'g:c2');
      expect(await current().join('s1', 'c1', 'm:a')).toEqual({ viewers: 2, members: 1, firstConnection: true, lastConnection: true });
      expect(await current().presence('s1')).toEqual({ viewers: 2, members: 1 });
      // The connection now belongs to the member: one leave removes the member, the guest is gone.
      expect(await current().leave('s1', 'c1')).toEqual({ viewers: 1, members: 0, firstConnection: false, lastConnection: true });
      expect(await current().presence('s1')).toEqual({ viewers: 1, members: 0 });
    });

    it('joining the member who is already there: not a new viewer, and again changes nothing', async () => {
      await current().join('s1', 'c1', 'm:a');
      await current().join('s1', 'c2', 'g:c2');
      expect(await current().join('s1', 'c2', 'm:a')).toEqual({ viewers: 1, members: 1, firstConnection: false, lastConnection: true });
      expect(await current().join('s1', 'c2', 'm:a')).toEqual({ viewers: 1, members: 1, firstConnection: false, lastConnection: false });
      expect(await current().leave('s1', 'c1')).toMatchObject({ viewers: 1, members: 1, lastConnection: false });
      expect(await current().leave('s1', 'c2')).toEqual({ viewers: 0, members: 0, firstConnection: false, lastConnection: true });
    });

    it('moving one of a member\'s tabs to another member keeps the first member', async () => {
      await current().join('s1', 'c1', 'm:a');
      await current().join('s1', 'c2', 'm:a');
      expect(await current().join('s1', 'c2', 'm:b')).toEqual({ viewers: 2, members: 2, firstConnection: true, lastConnection: false });
      expect(await current().leave('s1', 'c1')).toMatchObject({ viewers: 1, members: 1, lastConnection: true });
      expect(await current().presence('s1')).toEqual({ viewers: 1, members: 1 });
    });
  });
}
