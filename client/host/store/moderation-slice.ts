/** The host's moderation from the feed: remove a comment, mute or ban its author, slow the chat down. */
import { problemOf } from '../logic/problems.ts';
import { authed } from './call.ts';
import type { Slice } from './index.ts';
import { MUTE_SECONDS, type ModerationSlice } from './types.ts';

export const createModerationSlice: Slice<ModerationSlice> = (deps) => (set, get) => {
  const busy = (key: string, on: boolean) =>
    set((s) => {
      const { [key]: _, ...rest } = s.moderationBusy;
      return { moderationBusy: on ? { ...rest, [key]: true as const } : rest };
    });
  /** Runs a call with `key` marked busy; a failure becomes a notice. */
  async function run(key: string, call: (token: string) => Promise<void>): Promise<void> {
    busy(key, true);
    try {
      await authed(get, call);
    } catch (err) {
      get().notify('error', problemOf(err), 'moderation');
    } finally {
      busy(key, false);
    }
  }

  return {
    slowMode: {},
    bannedIds: {},
    moderationBusy: {},

    async loadModeration(streamId) {
      try {
        const { moderation } = await authed(get, (t) => deps.api.getModeration(t, streamId));
        get().receiveModeration(moderation);
      } catch {
        // the selector shows "off" until the next push
      }
    },
    setSlowMode(streamId, seconds) {
      return run(`show:${streamId}`, async (t) => {
        const { moderation } = await deps.api.setModeration(t, streamId, seconds);
        get().receiveModeration(moderation);
      });
    },
    removeComment(id) {
      // the room's comment:removed takes it off this feed, as it does every screen's
      return run(`comment:${id}`, async (t) => {
        await deps.api.removeComment(t, id);
      });
    },
    muteMember(streamId, memberId, displayName) {
      return run(`member:${memberId}`, async (t) => {
        await deps.api.muteMember(t, streamId, memberId, MUTE_SECONDS);
        get().notify('success', { key: 'moderation.muted', params: { name: displayName, minutes: MUTE_SECONDS / 60 } }, 'moderation');
      });
    },
    banMember(memberId, displayName) {
      return run(`member:${memberId}`, async (t) => {
        await deps.api.banMember(t, memberId);
        set((s) => ({ bannedIds: { ...s.bannedIds, [memberId]: true as const } }));
        get().notify('success', { key: 'moderation.banned', params: { name: displayName } }, 'moderation');
      });
    },
    unbanMember(memberId, displayName) {
      return run(`member:${memberId}`, async (t) => {
        await deps.api.unbanMember(t, memberId);
        set((s) => {
          const { [memberId]: _, ...rest } = s.bannedIds;
          return { bannedIds: rest };
        });
        get().notify('success', { key: 'moderation.unbanned', params: { name: displayName } }, 'moderation');
      });
    },
    receiveModeration(e) {
      set((s) => ({ slowMode: { ...s.slowMode, [e.streamId]: e.slowModeSeconds } }));
    },
  };
};
