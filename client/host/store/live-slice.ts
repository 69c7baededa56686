import { recordBadge, recordComment, recordPresence, recordStats, removeComment } from './reducers.ts';
import type { Slice } from './index.ts';
import type { LiveSlice } from './types.ts';

/** The audience of each show as the server pushes it: stats on /host, room events on /live. */
export const createLiveSlice: Slice<LiveSlice> = () => (set) => ({
  audience: {},
  receiveStats(stats, at) {
    set((s) => ({ audience: recordStats(s.audience, stats, at) }));
  },
  receivePresence(e, at) {
    set((s) => ({ audience: recordPresence(s.audience, e, at) }));
  },
  receiveComment(e) {
    set((s) => ({ audience: recordComment(s.audience, e) }));
  },
  receiveCommentRemoved(e) {
    set((s) => ({ audience: removeComment(s.audience, e) }));
  },
  receiveBadge(e, at) {
    set((s) => ({ audience: recordBadge(s.audience, e, at) }));
  },
});
