/** The store's mission records (issue 14), on every Store: whole records, replaced by id, listed oldest first, cleared by resetForTests. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import type { Mission } from '../../shared/missions.ts';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);

const mission = (id: string, over: Partial<Mission> = {}): Mission => ({
  id,
  title: `Mission ${id}`,
  description: null,
  goal: { kind: 'purchases', measure: 'count' },
  period: { kind: 'range', from: T0, until: T0 + 86_400_000 },
  stages: [
    { target: 1, reward: { points: 10, rewardId: null, badge: null } },
    { target: 2, reward: { points: 0, rewardId: 'gift-b', badge: 'Regular' } },
  ],
  minTier: null,
  archived: false,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export function storeMissionContract(current: () => Store): void {
  describe('mission records', () => {
    it('stores a mission whole, replaces it by id, and lists every mission oldest first', async () => {
      const store = current();
      expect(await store.missionById('m1')).toBeNull();
      await store.putMission(mission('m2', { createdAt: T0 + 5 }));
      await store.putMission(mission('m1'));
      await store.putMission(mission('m3', { createdAt: T0 + 5, goal: { kind: 'showsAttended', minMinutes: 10 } }));
      expect(await store.missionById('m1')).toEqual(mission('m1'));
      const edited = mission('m1', { title: 'Renamed', archived: true, updatedAt: T0 + 9 });
      await store.putMission(edited);
      expect(await store.missionById('m1')).toEqual(edited);
      expect((await store.listMissions()).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    });

    it('resetForTests removes the missions', async () => {
      const store = current();
      await store.putMission(mission('m1'));
      await store.resetForTests();
      expect(await store.listMissions()).toEqual([]);
    });
  });
}
