/**
 * The moderation part of the Store contract (recent comments, bans, mutes,
 * per-show settings), beside store-contract.ts for length: storeContract
 * calls it inside its own describe, with the same fresh store per test.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.ts';
import type { CommentEvent } from '../../shared/events.ts';

const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

const comment = (id: string, at: number, streamId = 's1'): CommentEvent => ({
  id,
  streamId,
  memberId: 'm1',
  displayName: 'Ann',
  tier: 'bronze',
  text: `text ${id}`,
  at,
});

export async function addModerationRecords(store: Store): Promise<void> {
  await store.recordComment(comment('c1', T0), 10);
  await store.banMember('m1', T0);
  await store.setMute('s1', 'm2', T0 + 1000);
  await store.setStreamModeration('s1', { slowModeSeconds: 30 });
}

export async function moderationRecordsGone(store: Store): Promise<void> {
  expect(await store.commentById('c1')).toBeNull();
  expect(await store.bannedAt('m1')).toBeNull();
  expect(await store.muteUntil('s1', 'm2')).toBeNull();
  expect(await store.streamModeration('s1')).toEqual({ slowModeSeconds: 0 });
}

export function storeModerationContract(current: () => Store): void {
  describe('moderation', () => {
    it('records comments once by id, keeps the newest per show, removes once', async () => {
      const store = current();
      for (let i = 0; i < 5; i++) await store.recordComment(comment(`c${i}`, T0 + i), 3);
      await store.recordComment({ ...comment('c4', T0 + 99), text: 'changed' }, 3);
      await store.recordComment(comment('other', T0, 's2'), 3);
      expect(await store.commentById('c0')).toBeNull();
      expect(await store.commentById('c1')).toBeNull();
      expect(await store.commentById('c4')).toEqual({ ...comment('c4', T0 + 4), removedAt: null });
      expect((await store.recentComments('s1', 10)).map((c) => c.id)).toEqual(['c2', 'c3', 'c4']);
      expect((await store.removeComment('c3', T0 + 50))?.removedAt).toBe(T0 + 50);
      expect((await store.removeComment('c3', T0 + 60))?.removedAt).toBe(T0 + 50);
      expect(await store.removeComment('nope', T0)).toBeNull();
      expect((await store.recentComments('s1', 10)).map((c) => c.id)).toEqual(['c2', 'c4']);
      expect((await store.recentComments('s1', 1)).map((c) => c.id)).toEqual(['c4']);
      expect((await store.recentComments('s2', 10)).map((c) => c.id)).toEqual(['other']);
    });

    it('bans keep the first time; unbanning says whether there was a ban', async () => {
      const store = current();
      expect(await store.bannedAt('m1')).toBeNull();
      await store.banMember('m1', T0);
      await store.banMember('m1', T0 + 10);
      expect(await store.bannedAt('m1')).toBe(T0);
      expect(await store.unbanMember('m1')).toBe(true);
      expect(await store.unbanMember('m1')).toBe(false);
      expect(await store.bannedAt('m1')).toBeNull();
    });

    it('a mute per member per show is replaced, and lifted by null', async () => {
      const store = current();
      await store.setMute('s1', 'm1', T0 + 1000);
      await store.setMute('s1', 'm1', T0 + 500);
      await store.setMute('s2', 'm1', T0 + 9000);
      expect(await store.muteUntil('s1', 'm1')).toBe(T0 + 500);
      expect(await store.muteUntil('s1', 'm2')).toBeNull();
      await store.setMute('s1', 'm1', null);
      expect(await store.muteUntil('s1', 'm1')).toBeNull();
      expect(await store.muteUntil('s2', 'm1')).toBe(T0 + 9000);
    });

    it('slow mode is off until set, per show', async () => {
      const store = current();
      expect(await store.streamModeration('s1')).toEqual({ slowModeSeconds: 0 });
      await store.setStreamModeration('s1', { slowModeSeconds: 30 });
      await store.setStreamModeration('s1', { slowModeSeconds: 10 });
      expect(await store.streamModeration('s1')).toEqual({ slowModeSeconds: 10 });
      expect(await store.streamModeration('s2')).toEqual({ slowModeSeconds: 0 });
    });
  });
}
