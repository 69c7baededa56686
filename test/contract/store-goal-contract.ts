/** The store's community goals (issue 14), on every Store: whole records per show, and completing once (active → completed, never again). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import type { CommunityGoal } from '../../shared/community-goals.ts';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);

const goal = (id: string, over: Partial<CommunityGoal> = {}): CommunityGoal => ({
  id,
  streamId: 's1',
  title: `Goal ${id}`,
  metric: 'likes',
  target: 100,
  drop: null,
  rewardId: null,
  status: 'active',
  completedAt: null,
  dropId: null,
  createdAt: T0,
  ...over,
});

export function storeGoalContract(current: () => Store): void {
  describe('community goals', () => {
    it("keeps a show's goals whole, oldest first, apart from other shows", async () => {
      const store = current();
      await store.putGoal(goal('g2', { createdAt: T0 + 5 }));
      await store.putGoal(goal('g1', { drop: { title: 'Flash', priceCents: 100, currency: 'TWD', stock: 1, perMemberLimit: 1, reservationSeconds: 600 } as CommunityGoal['drop'] }));
      await store.putGoal(goal('g3', { streamId: 's2' }));
      expect((await store.goalsOfStream('s1')).map((g) => g.id)).toEqual(['g1', 'g2']);
      expect(await store.goalById('g3')).toEqual(goal('g3', { streamId: 's2' }));
      expect(await store.goalById('nope')).toBeNull();
    });

    it('completes an active goal once; a completed or archived one stays as it is', async () => {
      const store = current();
      await store.putGoal(goal('g1'));
      await store.putGoal(goal('g2', { status: 'archived' }));
      expect(await Promise.all([store.completeGoal('g1', T0 + 7), store.completeGoal('g1', T0 + 8)])).toEqual([true, false]);
      expect(await store.goalById('g1')).toEqual(goal('g1', { status: 'completed', completedAt: T0 + 7 }));
      expect(await store.completeGoal('g2', T0 + 9)).toBe(false);
      expect((await store.goalById('g2'))!.status).toBe('archived');
    });
  });
}
